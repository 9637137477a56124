"""Conflict rules, tested directly: approved events overlapping in time, same partner city or venue."""

from datetime import UTC, datetime, timedelta

import pytest

from clubs_exchange.proposals.models import MAX_EVENT_LENGTH, ProposalState
from clubs_exchange.review.conflicts import ConflictReason, conflicts_by_proposal, conflicts_for
from tests.helpers import counted_statements

S = ProposalState
START = datetime(2031, 6, 12, 16, 0, tzinfo=UTC)


@pytest.fixture
def partner(make_partner):
    return make_partner(name="Saint-Lô")


@pytest.fixture
def submitted(make_proposal, partner):
    """The proposal under review: 16:00–19:00 with Saint-Lô at the lakeside stadium."""
    return make_proposal(S.SUBMITTED, partner_city=partner, starts_at=START, venue="Stadium am See")


def approved(make_proposal, **fields):
    fields.setdefault("venue", "Town hall")
    return make_proposal(S.APPROVED, **fields)


def test_same_partner_city_overlapping_in_time_conflicts(make_proposal, submitted, partner):
    other = approved(make_proposal, partner_city=partner, starts_at=START + timedelta(hours=2))

    conflicts = conflicts_for(submitted)

    assert [c.other.id for c in conflicts] == [other.id]
    assert conflicts[0].reasons == (ConflictReason.SAME_PARTNER,)


def test_same_venue_overlapping_conflicts_whatever_the_case_and_spaces(make_proposal, submitted):
    other = approved(make_proposal, venue="  STADIUM am see ", starts_at=START - timedelta(hours=1))

    conflicts = conflicts_for(submitted)

    assert [c.other.id for c in conflicts] == [other.id]
    assert conflicts[0].reasons == (ConflictReason.SAME_VENUE,)


def test_same_partner_and_same_venue_gives_both_reasons(make_proposal, submitted, partner):
    approved(make_proposal, partner_city=partner, venue="Stadium am See", starts_at=START)

    (conflict,) = conflicts_for(submitted)

    assert conflict.reasons == (ConflictReason.SAME_PARTNER, ConflictReason.SAME_VENUE)
    assert [str(r.label) for r in conflict.reasons] == ["same partner city", "same venue"]


def test_touching_intervals_do_not_overlap(make_proposal, submitted, partner):
    # One ends at 16:00 when ours starts, the other starts at 19:00 when ours ends.
    approved(make_proposal, partner_city=partner, starts_at=START - timedelta(hours=3))
    approved(make_proposal, partner_city=partner, starts_at=START + timedelta(hours=3))

    assert conflicts_for(submitted) == []


def test_an_event_inside_a_long_one_overlaps(make_proposal, partner):
    week = make_proposal(
        S.SUBMITTED, partner_city=partner, starts_at=START, ends_at=START + timedelta(days=7)
    )
    inside = approved(make_proposal, partner_city=partner, starts_at=START + timedelta(days=2))

    assert [c.other.id for c in conflicts_for(week)] == [inside.id]


def test_the_longest_event_still_conflicts_on_its_last_day(make_proposal, submitted, partner):
    # Started MAX_EVENT_LENGTH before, minus one minute: the index range must still reach it.
    longest = approved(
        make_proposal, partner_city=partner, starts_at=START - MAX_EVENT_LENGTH + timedelta(minutes=1),
        ends_at=START + timedelta(minutes=1),
    )
    ended = approved(make_proposal, partner_city=partner, starts_at=START - MAX_EVENT_LENGTH, ends_at=START)
    assert [c.other.id for c in conflicts_for(submitted)] == [longest.id] and ended.id != longest.id


def test_other_partner_and_other_venue_at_the_same_time_do_not_conflict(make_proposal, submitted):
    approved(make_proposal, starts_at=START, venue="Sporthalle Nord")

    assert conflicts_for(submitted) == []


def test_only_approved_events_count(make_proposal, submitted, partner):
    for state in (S.DRAFT, S.SUBMITTED, S.CHANGES_REQUESTED, S.REJECTED, S.WITHDRAWN, S.CANCELLED):
        make_proposal(state, partner_city=partner, starts_at=START)

    assert conflicts_for(submitted) == []


def test_the_proposal_itself_is_excluded(make_proposal, partner):
    event = approved(make_proposal, partner_city=partner, starts_at=START, venue="Stadium am See")

    assert conflicts_for(event) == []


def test_an_empty_venue_never_conflicts(make_proposal):
    online = make_proposal(S.SUBMITTED, starts_at=START, venue="")
    approved(make_proposal, starts_at=START, venue="")
    approved(make_proposal, starts_at=START, venue="   ")

    assert conflicts_for(online) == []


def test_conflicts_come_soonest_first(make_proposal, partner):
    long_one = make_proposal(
        S.SUBMITTED, partner_city=partner, starts_at=START, ends_at=START + timedelta(days=3)
    )
    later = approved(make_proposal, partner_city=partner, starts_at=START + timedelta(days=2))
    sooner = approved(make_proposal, partner_city=partner, starts_at=START + timedelta(days=1))

    assert [c.other.id for c in conflicts_for(long_one)] == [sooner.id, later.id]


def test_the_batch_gives_the_same_answer_as_one_by_one(make_proposal, submitted, partner):
    quiet = make_proposal(S.SUBMITTED, starts_at=START, venue="Kulturhaus")
    by_venue = approved(make_proposal, venue="stadium am see", starts_at=START)
    both = approved(
        make_proposal, partner_city=partner, venue="Stadium am See", starts_at=START + timedelta(hours=1)
    )
    # Two submitted proposals never conflict with each other: only approved events count.
    make_proposal(S.SUBMITTED, partner_city=partner, starts_at=START)

    found = conflicts_by_proposal([submitted, quiet])

    assert [c.other.id for c in found[submitted.id]] == [by_venue.id, both.id]
    assert found[submitted.id] == conflicts_for(submitted)
    assert found[quiet.id] == []
    assert conflicts_by_proposal([]) == {}


def test_a_fixed_number_of_queries_each(page_cache_off, db, make_proposal, submitted, partner):
    approved(make_proposal, partner_city=partner, starts_at=START)
    db.session.refresh(submitted)

    with counted_statements(db.engine) as statements:
        conflicts = conflicts_for(submitted)
        assert conflicts[0].other.partner_city.name == "Saint-Lô"  # loaded with it, no extra query
        assert conflicts_by_proposal([submitted])[submitted.id][0].other.organisation.name

    # One indexed query per reason (same partner, same venue) for a proposal, one of the stored pairs for many,
    # whatever the number of proposals and events.
    assert len(statements) == 3


def test_an_event_moved_to_the_venue_conflicts_on_the_queue(db, make_proposal, submitted):
    """The stored venue key follows an edited venue, so the queue's indexed check sees the move."""
    other = approved(make_proposal, starts_at=START)
    assert conflicts_by_proposal([submitted])[submitted.id] == []

    other.venue = " Stadium AM SEE"
    db.session.commit()

    assert [c.other.id for c in conflicts_by_proposal([submitted])[submitted.id]] == [other.id]


def test_a_queue_row_loads_its_first_conflicts_and_counts_them_all(make_proposal, submitted, partner):
    events = [approved(make_proposal, partner_city=partner, starts_at=START + timedelta(minutes=10 * n))
              for n in (4, 1, 3, 0, 2)]
    soonest = sorted(events, key=lambda e: e.starts_at)

    first = conflicts_by_proposal([submitted], first=3)[submitted.id]

    assert [c.other.id for c in first] == [e.id for e in soonest[:3]]
    assert (first.total, first.more) == (5, 2)
    every = conflicts_by_proposal([submitted])[submitted.id]
    assert [c.other.id for c in every] == [e.id for e in soonest] and every.more == 0


def test_the_queue_row_names_three_conflicts_and_links_to_the_rest(login_as, staff, make_proposal, submitted,
                                                                   partner):
    for n in range(5):
        approved(make_proposal, partner_city=partner, title=f"Event {n}", starts_at=START + timedelta(minutes=n))

    html = login_as(staff).get("/review/").get_data(as_text=True)
    row = html[html.index(f'id="proposal-{submitted.id}"'):]
    row = row[:row.index("</tr>")]
    assert "Conflicts with 5 approved events:" in row
    assert [f"Event {n}" in row for n in range(5)] == [True, True, True, False, False]
    assert f'href="/review/{submitted.id}?next=' in row and "See 2 more conflicts on the review page" in row

    page = login_as(staff).get(f"/review/{submitted.id}").get_data(as_text=True)
    assert all(f"Event {n}" in page for n in range(5))


# --- the stored pairs (review/models.py: ProposalConflict, kept by triggers) ----------------------------------


def _stored(db) -> set:
    import sqlalchemy as sa

    from clubs_exchange.review.models import ProposalConflict

    return set(db.session.execute(sa.select(ProposalConflict.proposal_id, ProposalConflict.other_id)).all())


def _computed(db) -> set:
    import sqlalchemy as sa

    from clubs_exchange.proposals.models import Proposal

    proposals = db.session.scalars(sa.select(Proposal).where(Proposal.state.in_([S.SUBMITTED, S.APPROVED])))
    return {(p.id, c.other.id) for p in proposals for c in conflicts_for(p)}


def _same(db):
    db.session.commit()
    db.session.expire_all()
    stored = _stored(db)
    assert stored == _computed(db)
    return stored


def test_the_stored_conflicts_equal_the_computed_ones_after_each_kind_of_change(
    db, make_proposal, make_partner, make_user
):
    from clubs_exchange.auth.models import UserRole
    from clubs_exchange.proposals.models import ProposalAction
    from clubs_exchange.proposals.workflow import perform

    staff, proposer = make_user(role=UserRole.STAFF), make_user()

    def step(proposal, action, *, by_staff=True):
        perform(proposal, action, actor=staff if by_staff else proposer, is_proposer=not by_staff,
                is_staff=by_staff, comment="Because")

    lyon, porto = make_partner(name="Lyon"), make_partner(name="Porto")
    hour = timedelta(hours=1)
    event = approved(make_proposal, partner_city=lyon, starts_at=START, venue="Town hall")
    at_venue = approved(make_proposal, partner_city=porto, starts_at=START + hour, venue=" town HALL ")
    later = approved(make_proposal, partner_city=lyon, starts_at=START + timedelta(days=3))
    draft = make_proposal(S.DRAFT, partner_city=lyon, starts_at=START + hour, venue="Park")
    waiting = make_proposal(S.SUBMITTED, partner_city=porto, starts_at=START + timedelta(days=3))
    assert _same(db) == {(event.id, at_venue.id), (at_venue.id, event.id)}

    step(draft, ProposalAction.SUBMIT, by_staff=False)  # submit: now it clashes with the Lyon event
    assert (draft.id, event.id) in _same(db)
    draft.starts_at, draft.ends_at = START + timedelta(days=3), START + timedelta(days=3, hours=2)  # edit dates
    assert (draft.id, later.id) in _same(db) and (draft.id, event.id) not in _stored(db)
    draft.partner_city = porto  # edit the partner city: no longer with Lyon's later event
    assert (draft.id, later.id) not in _same(db)
    draft.venue = later.venue.upper()  # edit the venue: the same venue as the later event
    assert (draft.id, later.id) in _same(db)
    draft.venue = ""
    _same(db)

    step(waiting, ProposalAction.APPROVE)  # approve: an event now for the waiting draft (Porto, same day)
    assert (draft.id, waiting.id) in _same(db)
    step(waiting, ProposalAction.CANCEL)  # cancel: no longer an approved event
    assert (draft.id, waiting.id) not in _same(db)
    step(draft, ProposalAction.REQUEST_CHANGES)
    _same(db)
    step(draft, ProposalAction.RESUBMIT, by_staff=False)
    _same(db)
    step(draft, ProposalAction.WITHDRAW, by_staff=False)
    assert not any(draft.id in pair for pair in _same(db))
    other = make_proposal(S.SUBMITTED, partner_city=lyon, starts_at=START)
    assert (other.id, event.id) in _same(db)
    step(other, ProposalAction.REJECT)
    assert (other.id, event.id) not in _same(db)

    db.session.delete(at_venue)  # delete: its pairs go on both sides
    assert _same(db) == set()
    assert conflicts_by_proposal([]) == {}


def test_the_migration_fills_the_pairs_the_triggers_keep(db, make_proposal, make_partner):
    """The upgrade that brought the stored pairs fills them for the proposals already there (FILL_CONFLICTS,
    whose index ranges are closed on both sides): the same pairs as the triggers keep."""
    import importlib.util
    from pathlib import Path

    import sqlalchemy as sa

    path = next((Path(__file__).parents[1] / "migrations" / "versions").glob("5c1e0a7d2b94_*.py"))
    spec = importlib.util.spec_from_file_location("fill_migration", path)
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)

    lyon, porto = make_partner(name="Lyon"), make_partner(name="Porto")
    hour = timedelta(hours=1)
    approved(make_proposal, partner_city=lyon, starts_at=START, venue="Town hall")
    approved(make_proposal, partner_city=porto, starts_at=START + hour, venue="town hall")
    approved(make_proposal, partner_city=lyon, starts_at=START + timedelta(days=80),
             ends_at=START + timedelta(days=91))  # long: starts long before the one it clashes with ends
    make_proposal(S.SUBMITTED, partner_city=lyon, starts_at=START + timedelta(days=90))
    make_proposal(S.SUBMITTED, partner_city=porto, starts_at=START, venue="Park")
    make_proposal(S.DRAFT, partner_city=lyon, starts_at=START)
    kept = _same(db)
    assert len(kept) >= 4

    db.session.execute(sa.text("DELETE FROM proposal_conflicts"))
    for statement in migration.FILL_CONFLICTS[db.engine.dialect.name]:
        db.session.execute(sa.text(statement))
    assert _same(db) == kept
