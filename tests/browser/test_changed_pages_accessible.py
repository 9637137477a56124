"""The pages changed for issue 10 in hosting, partners and awards pass axe (WCAG 2.1 A and AA)."""

from datetime import UTC, date, datetime

import pytest

from clubs_exchange.auth.models import UserRole
from clubs_exchange.awards.models import ApplicationState, AwardStage
from clubs_exchange.proposals.models import ProposalState

pytestmark = pytest.mark.browser


@pytest.fixture
def data(db, make_user, make_partner, make_proposal, make_host, make_guest, make_application):
    from clubs_exchange.partners.models import LevelChange, Milestone, MilestoneKind, RelationshipLevel

    partner = make_partner(name="Sopron", country="Hungary")
    db.session.add_all([
        LevelChange(partner_city=partner, to_level=RelationshipLevel.TWINNING, changed_on=date(1995, 9, 16)),
        Milestone(partner_city=partner, kind=MilestoneKind.CERTIFICATE_SIGNED, happened_on=date(1995, 9, 16),
                  place="Sopron, Városháza", signatories="Mayor A\nPolgármester B"),
    ])
    event = make_proposal(ProposalState.APPROVED, partner_city=partner,
                          starts_at=datetime(2031, 6, 12, 16, tzinfo=UTC))
    make_host(contact_name="Familie Becker (Jana Becker)")
    guest = make_guest(proposal_id=event.id, name="Nina Nuss", allergies="peanuts", pet_allergy=True)
    make_guest(proposal_id=event.id, name="Karl Katz", allergies="cats, dogs")
    make_application(stage=AwardStage.EUROPEAN_DIPLOMA, year=2027, state=ApplicationState.DRAFT,
                     twin_towns=[partner])
    return {"staff": make_user(role=UserRole.STAFF), "partner": partner.id, "event": event.id, "guest": guest.id}


def test_the_changed_pages_have_no_axe_violations(page, live_server, browser_login, data, axe_violations,
                                                  screenshot):
    browser_login(data["staff"])
    pages = {
        "partners-list": "/partners/",
        "partners-edit": f"/partners/{data['partner']}/edit",
        "partners-certificate": f"/partners/{data['partner']}/certificate",
        "partners-city-image": "/partners/city-image/upload",
        "awards-index": "/awards/",
        "hosting-event": f"/hosting/events/{data['event']}",
        "hosting-change": f"/hosting/events/{data['event']}/guests/{data['guest']}/change",
    }
    for name, path in pages.items():
        response = page.goto(f"{live_server}{path}")
        assert response.status == 200, path
        assert axe_violations() == [], path
        screenshot(f"issue10-{name}")
    page.goto(f"{live_server}/hosting/events/{data['event']}")
    assert "allergies: peanuts" in page.locator("#placements").inner_text()
