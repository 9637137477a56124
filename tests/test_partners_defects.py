"""Defects of the partnership pages found by a new user (issue 10): guests hosted, the dates of the level
history, the printed certificate, each partnership's health in the list."""

from clubs_exchange.hosting.guests import erase_guest
from clubs_exchange.hosting.models import Guest, Placement
from clubs_exchange.partners.figures import figures_by_year


def test_erased_guests_who_were_never_placed_are_not_counted_as_hosted(world, make_guest, make_host, db):
    users, ids = world
    host = make_host()
    placed, unplaced = make_guest(proposal_id=ids["event_a"]), make_guest(proposal_id=ids["event_a"])
    db.session.add(Placement(proposal_id=ids["event_a"], guest_id=placed.id, household_id=host.id))
    db.session.commit()
    assert [f.guests_hosted for f in figures_by_year(ids["partner"])] == [1]
    erase_guest(db.session.get(Guest, unplaced.id))
    db.session.commit()
    assert [f.guests_hosted for f in figures_by_year(ids["partner"])] == [1]
    erase_guest(db.session.get(Guest, placed.id))
    db.session.commit()
    assert [f.guests_hosted for f in figures_by_year(ids["partner"])] == [1]


def test_erased_and_purged_guests_count_only_where_they_were_hosted_in_an_event_that_happened(
        client, login_as, world, make_guest, make_host, make_proposal, db):
    from datetime import UTC, datetime

    from clubs_exchange.hosting.retention import purge_guest_data
    from clubs_exchange.proposals.models import Proposal, ProposalState

    users, ids = world
    host = make_host()
    event = db.session.get(Proposal, ids["event_a"])
    guests = [make_guest(proposal_id=event.id) for _ in range(4)]
    db.session.add(Placement(proposal_id=event.id, guest_id=guests[0].id, household_id=host.id))
    db.session.commit()
    login_as(users["staff"])
    assert client.post(f"/hosting/guests/{guests[1].id}/erase").status_code == 303
    purge_guest_data(datetime(2040, 1, 1, tzinfo=UTC), 1)
    db.session.commit()
    assert [f.guests_hosted for f in figures_by_year(ids["partner"])] == [1]
    # An event cancelled after its guests were erased did not happen: its hosted guests leave the figures.
    event.state = ProposalState.CANCELLED
    db.session.commit()
    assert figures_by_year(ids["partner"]) == []
    other = make_proposal(ProposalState.APPROVED, partner_city_id=ids["partner"])
    assert [f.guests_hosted for f in figures_by_year(ids["partner"])] == [0] and other
