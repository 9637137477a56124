"""The audit trail names what an entry refers to even when that has no name: a placement's host household.

Staff opening the audit trail, its download, or an incoming event's page once a guest was placed got a 500
(`HostHousehold has no attribute 'title'`): the trail looked every reference up by name or title.
"""

import pytest

from clubs_exchange.audit.trail import acting_as
from clubs_exchange.hosting.models import Placement
from clubs_exchange.proposals.models import Direction, ProposalState


@pytest.fixture
def placed(db, staff, make_proposal, make_host, make_guest):
    """Staff placed a guest of an incoming event with a household: the trail holds the placement."""
    event = make_proposal(ProposalState.APPROVED, title="Youth tournament", direction=Direction.INCOMING)
    household = make_host(contact_name="Familie Lindner")
    guest = make_guest(proposal_id=event.id, name="Élodie Martin")
    with acting_as(staff):
        db.session.add(Placement(guest_id=guest.id, household_id=household.id, proposal_id=event.id,
                                 placed_by_id=staff.id))
        db.session.commit()
    return event, household


def text(response) -> str:
    return response.get_data(as_text=True)


def test_the_audit_trail_lists_the_placement(client, login_as, staff, placed):
    _event, household = placed
    login_as(staff)
    response = client.get("/audit/")
    assert response.status_code == 200
    html = text(response)
    assert "Placement" in html and f"#{household.id}" in html
    # The trail keeps no contact details of households: the household is shown by number, not by its contact.
    assert "Familie Lindner" not in html


def test_an_unknown_kind_of_object_is_a_message_not_a_500(client, login_as, staff, placed):
    login_as(staff)
    response = client.get("/audit/?type=no-such-kind")
    assert response.status_code == 422
    assert "Audit trail" in text(response)


def test_the_audit_download_holds_the_placement(client, login_as, staff, placed):
    _event, household = placed
    login_as(staff)
    response = client.get("/exports/audit.csv")
    assert response.status_code == 200
    assert "Placement" in text(response) and f"#{household.id}" in text(response)


def test_the_events_page_shows_its_trail_with_the_placement(client, login_as, staff, placed):
    event, household = placed
    login_as(staff)
    response = client.get(f"/proposals/{event.id}")
    assert response.status_code == 200
    trail = text(response)[text(response).index('id="audit-trail-heading"'):]
    assert "Placement" in trail and f"#{household.id}" in trail
