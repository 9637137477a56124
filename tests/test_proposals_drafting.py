"""Writing a proposal, the rules on their own: amounts as typed, city times, the rules between fields, saving."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from clubs_exchange.proposals.drafting import (
    AmountError,
    ProposalDetails,
    city_time_problem,
    create_draft,
    format_amount,
    parse_amount,
    proposal_problems,
    to_utc,
    update_draft,
)
from clubs_exchange.proposals.models import MAX_EVENT_LENGTH, Direction, EventKind, ProposalAction, ProposalState
from clubs_exchange.proposals.workflow import WorkflowError

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.mark.parametrize(
    ("typed", "cents"),
    [
        ("1250.50", 125050),
        ("1250,50", 125050),
        ("1250,5", 125050),
        ("1250", 125000),
        ("  1250.05 ", 125005),
        ("0", 0),
        ("0,99", 99),
        ("", 0),
        (None, 0),
        ("1.250,50", 125050),
        ("1,250.50", 125050),
        ("1 250,50", 125050),
        ("1\u00a0250,50", 125050),
        ("1'250.50", 125050),
        ("1.250", 125000),
        ("1.000.000", 1_000_000_00),
    ],
)
def test_amounts_are_read_as_people_type_them(typed, cents):
    assert parse_amount(typed) == cents


@pytest.mark.parametrize(
    "typed",
    ["abc", "-5", "12,345,67", "1.250.50", "1,250.000,5", "1250.505", "12 Euro", "1e5", "1" * 10_000, "٣٠"],
)
def test_other_text_is_not_an_amount(app, typed):
    with pytest.raises(AmountError, match="Enter an amount such as 1250.50"):
        parse_amount(typed)


def test_an_amount_beyond_any_exchange_is_refused(app):
    with pytest.raises(AmountError, match="more than any exchange"):
        parse_amount("99999999999")


@pytest.mark.parametrize(("cents", "shown"), [(125050, "1250.50"), (5, "0.05"), (0, "0.00"), (None, "")])
def test_amounts_are_shown_back_in_the_form_as_typed(cents, shown):
    assert format_amount(cents) == shown


@pytest.mark.parametrize(
    ("local", "utc"),
    [
        (datetime(2031, 6, 12, 18, 0), datetime(2031, 6, 12, 16, 0, tzinfo=UTC)),  # summer time, UTC+2
        (datetime(2031, 1, 15, 18, 0), datetime(2031, 1, 15, 17, 0, tzinfo=UTC)),  # winter time, UTC+1
        (
            datetime(2031, 3, 30, 3, 0),
            datetime(2031, 3, 30, 1, 0, tzinfo=UTC),
        ),  # just after the clocks went on
    ],
)
def test_city_times_are_stored_in_utc(local, utc):
    assert to_utc(local, BERLIN) == utc
    assert to_utc(local.replace(tzinfo=BERLIN), BERLIN) == utc
    assert city_time_problem(local, BERLIN) is None


def test_a_time_the_clocks_skip_is_refused(app):
    # On 30 March 2031 the clocks in Berlin jump from 02:00 to 03:00: 02:30 never happens.
    assert "clocks go forward" in str(city_time_problem(datetime(2031, 3, 30, 2, 30), BERLIN))


@pytest.mark.parametrize("year", [1, 1999, 2101, 9999])
def test_dates_far_from_now_are_refused(app, year):
    assert "Choose a date between 2000 and 2100" in str(city_time_problem(datetime(year, 1, 1, 0, 0), BERLIN))


START = datetime(2031, 6, 12, 16, 0, tzinfo=UTC)


def problems(**overrides):
    values = dict(
        starts_at=START,
        ends_at=START.replace(hour=19),
        participants_guests=10,
        guests_needing_host=4,
        organisation_id=1,
        co_organiser_ids=[2, 3],
    )
    return {name: str(message) for name, message in proposal_problems(**(values | overrides)).items()}


def test_a_sound_proposal_has_no_problems(app):
    assert problems() == {}


@pytest.mark.parametrize("end_hour", [16, 15])
def test_the_end_must_come_after_the_start(app, end_hour):
    assert problems(ends_at=START.replace(hour=end_hour)) == {"ends_at": "The end must be after the start."}


def test_more_hosted_guests_than_guests_is_a_problem(app):
    assert problems(guests_needing_host=11) == {"guests_needing_host": "At most as many as the guests (10)."}
    assert problems(guests_needing_host=10) == {}


def test_the_proposer_cannot_be_its_own_co_organiser(app):
    assert "co_organiser_ids" in problems(co_organiser_ids=[2, 1])


def test_values_that_failed_on_their_own_are_not_checked_again(app):
    assert problems(starts_at=None, guests_needing_host=None, organisation_id=None) == {}


@pytest.fixture
def details(make_org, make_partner):
    def make(**overrides):
        values = dict(
            title="  Summer concert  ",
            kind=EventKind.CONCERT,
            partner_city_id=make_partner().id,
            organisation_id=make_org().id,
            direction=Direction.INCOMING,
            starts_at=datetime(2031, 6, 12, 18, 0, tzinfo=BERLIN),
            ends_at=datetime(2031, 6, 12, 21, 0, tzinfo=BERLIN),
            venue="Stadthalle",
            participants_ours=40,
            participants_guests=30,
            guests_needing_host=12,
            budget_cents=125050,
            description="Two choirs, one evening.",
        )
        return ProposalDetails(**(values | overrides))

    return make


def test_create_draft_saves_a_draft_with_its_first_history_step(db, details, make_user, make_org):
    author = make_user(name="Clara Choir")
    partner_org, other_org = make_org(name="Musikschule"), make_org(name="Blaskapelle")
    values = details(co_organiser_ids=[partner_org.id, other_org.id])
    proposal = create_draft(values, author=author)
    db.session.commit()
    db.session.expire_all()

    assert proposal.state == ProposalState.DRAFT
    assert proposal.title == "Summer concert"
    assert proposal.starts_at == datetime(2031, 6, 12, 16, 0, tzinfo=UTC)
    assert proposal.budget_cents == 125050
    assert sorted(o.name for o in proposal.co_organisers) == ["Blaskapelle", "Musikschule"]
    assert proposal.created_by == author
    assert [(s.action, s.actor) for s in proposal.steps] == [(ProposalAction.CREATE, author)]


def test_the_proposer_is_never_stored_as_its_own_co_organiser(db, details):
    values = details()
    values.co_organiser_ids = [values.organisation_id]
    proposal = create_draft(values, author=None)
    db.session.commit()
    assert proposal.co_organisers == []


@pytest.mark.parametrize("state", [ProposalState.DRAFT, ProposalState.CHANGES_REQUESTED])
def test_update_draft_changes_a_proposal_being_written(db, details, make_proposal, state):
    proposal = make_proposal(state=state)
    update_draft(proposal, details(title="Autumn concert"))
    db.session.commit()
    assert proposal.title == "Autumn concert" and proposal.state == state


@pytest.mark.parametrize(
    "state", [s for s in ProposalState if s not in (ProposalState.DRAFT, ProposalState.CHANGES_REQUESTED)]
)
def test_update_draft_refuses_a_proposal_under_review_or_decided(db, details, make_proposal, state):
    proposal = make_proposal(state=state, title="As submitted")
    with pytest.raises(WorkflowError, match="can no longer be changed"):
        update_draft(proposal, details(title="Sneaky change"))
    assert proposal.title == "As submitted"


def test_an_event_lasts_at_most_the_longest_exchange(app):
    start = datetime(2031, 6, 1, 10, tzinfo=UTC)
    rules = dict(participants_guests=None, guests_needing_host=None, organisation_id=None, co_organiser_ids=None)
    with app.test_request_context():
        assert proposal_problems(starts_at=start, ends_at=start + MAX_EVENT_LENGTH, **rules) == {}
        too_long = proposal_problems(starts_at=start, ends_at=start + MAX_EVENT_LENGTH + timedelta(hours=1), **rules)
        assert "at most 92 days" in str(too_long["ends_at"])
