"""An event's applications to funding schemes, from planned to paid, as plain functions (Indico's judge_abstract
style): each step checks the state it starts from and its inputs, sets the state and records the figures and
the dates, or raises FundingError naming the field. The routes load and authorise (staff-only steps are marked
in STEPS), wrap the step in concurrency.unchanged and commit once; the audit trail records every change.

    planned → applied (date, amount) → granted (amount, reference) | refused (reason)
    granted → [report due: the event has ended] → report submitted (final amount) → paid (amount, date)
    planned, applied or granted → withdrawn

The deadlines (apply by, report due) come from the scheme's terms and the event's dates; they are stored so
lists and reminders can query them, and refreshed when either changes (refresh_deadlines).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import joinedload, selectinload

from clubs_exchange.errors import DomainError
from clubs_exchange.extensions import db
from clubs_exchange.funding import meetings, rules
from clubs_exchange.funding.models import EventParticipant, FundingApplication, FundingScheme, GrantState
from clubs_exchange.funding.terms import Direction, Outcome
from clubs_exchange.proposals.models import Direction as EventDirection
from clubs_exchange.proposals.models import Proposal, ProposalState

S = GrantState


class FundingError(DomainError):
    """A step on an application the rules refuse, with the field it concerns."""


@dataclass(frozen=True)
class Step:
    name: str
    sources: tuple[GrantState, ...]
    target: GrantState
    staff_only: bool


# The transition table: what each step starts from, where it leads, and whether only the twinning office takes it
# (the funder's decision and the payment are recorded by staff; the organisers apply, report and withdraw).
STEPS = {
    "apply": Step("apply", (S.PLANNED,), S.APPLIED, False),
    "grant": Step("grant", (S.APPLIED,), S.GRANTED, True),
    "refuse": Step("refuse", (S.APPLIED,), S.REFUSED, True),
    "withdraw": Step("withdraw", (S.PLANNED, S.APPLIED, S.GRANTED), S.WITHDRAWN, False),
    "report": Step("report", (S.GRANTED,), S.REPORT_SUBMITTED, False),
    "pay": Step("pay", (S.REPORT_SUBMITTED,), S.PAID, True),
}
# Applications that still lead somewhere: they count in lists of deadlines.
OPEN_STATES = (S.PLANNED, S.APPLIED, S.GRANTED, S.REPORT_SUBMITTED)
# Events no money is applied for any more.
CLOSED_EVENTS = (ProposalState.REJECTED, ProposalState.WITHDRAWN, ProposalState.CANCELLED)

NOT_NOW = _l("This step is not possible now: the application is %(state)s.")
NOT_OFFERED = _l("This scheme is not offered any more.")
ALREADY = _l("This event has an application to this scheme already.")
EVENT_CLOSED = _l("No funding is planned for a rejected, withdrawn or cancelled event.")
WRONG_DIRECTION = _l("The event says who travels: %(direction)s.")
AMOUNT_NEEDED = _l("Enter an amount above zero.")
NOT_FUTURE = _l("This date lies in the future.")
BEFORE_APPLIED = _l("This date lies before the application (%(applied)s).")
REFERENCE_NEEDED = _l("Enter the funder's reference (file number) of the grant.")
REASON_NEEDED = _l("Say why the funder refused, so the organisers know.")
NOT_ENDED = _l("The report can be submitted once the event has ended (%(last)s).")
NO_LIST = _l("The participant list of this event is empty: enter who took part first.")
LEADERS_TOO_MANY = _l("More leaders than people expected (%(total)d).")


# ---- deadlines and stages --------------------------------------------------------------------------------------

def deadlines(application: FundingApplication) -> tuple[date | None, date | None]:
    """(apply by, report due on) from the scheme's terms and the event's days."""
    scheme, proposal = application.scheme, application.proposal
    first, last = meetings.event_days(proposal)
    report_due = last + timedelta(weeks=scheme.report_weeks_after) if scheme.report_weeks_after is not None else None
    return rules.apply_by(scheme.terms(), first), report_due


def estimate(application: FundingApplication, *, today: date) -> Outcome:
    """What the scheme would pay for the event as expected (rules.estimate on meetings.expected_meeting)."""
    return rules.estimate(application.scheme.terms(), meetings.expected_meeting(application), today=today)


def refresh_deadlines(application: FundingApplication, *, today: date) -> None:
    """Recompute the stored deadlines, and the estimate while the application is only planned."""
    application.apply_by, application.report_due_on = deadlines(application)
    if application.state == S.PLANNED:
        application.estimate_cents = estimate(application, today=today).amount_cents


def refresh_event(proposal: Proposal, *, today: date) -> None:
    """The event's dates or figures changed: its applications' deadlines follow (proposals/routes.py: edit)."""
    for application in db.session.scalars(
        sa.select(FundingApplication).where(FundingApplication.proposal_id == proposal.id)
        .options(selectinload(FundingApplication.scheme).selectinload(FundingScheme.rates),
                 selectinload(FundingApplication.scheme).selectinload(FundingScheme.bands))
    ):
        refresh_deadlines(application, today=today)


def refresh_scheme(scheme: FundingScheme, *, today: date) -> None:
    """The scheme's terms changed: the deadlines of its open applications follow (funding/routes.py: save)."""
    for application in db.session.scalars(
        sa.select(FundingApplication)
        .where(FundingApplication.scheme_id == scheme.id, FundingApplication.state.in_(OPEN_STATES))
        .options(joinedload(FundingApplication.proposal).joinedload(Proposal.partner_city))
    ):
        refresh_deadlines(application, today=today)


@dataclass(frozen=True)
class Stage:
    """Where an application stands for the person looking at it today: the stored state, or "report due"
    once a granted event has ended, and whether its next deadline has passed."""

    key: str
    label: str
    due_on: date | None = None
    overdue: bool = False


def event_ended(application: FundingApplication, today: date) -> bool:
    return meetings.event_days(application.proposal)[1] < today


def stage(application: FundingApplication, today: date) -> Stage:
    state = application.state
    if state == S.PLANNED:
        due = application.apply_by
        return Stage("planned", state.label, due, due is not None and due < today)
    if state == S.GRANTED and event_ended(application, today):
        due = application.report_due_on
        return Stage("report_due", str(_l("Report due")), due, due is not None and due < today)
    return Stage(state.value, state.label)


# ---- the steps ---------------------------------------------------------------------------------------------------

def _check_step(application: FundingApplication, name: str) -> Step:
    step = STEPS[name]
    if application.state not in step.sources:
        raise FundingError(str(NOT_NOW % {"state": application.state.label}))
    return step


def _positive(cents: int | None, field: str) -> int:
    if cents is None or cents <= 0:
        raise FundingError(str(AMOUNT_NEEDED), field)
    return cents


def _not_future(day: date | None, field: str, today: date) -> date:
    day = day or today
    if day > today:
        raise FundingError(str(NOT_FUTURE), field)
    return day


def _direction_for(proposal: Proposal, wanted: Direction | None) -> Direction:
    """The event's own direction where it says one; the chosen one where it says "both" or "online"."""
    if proposal.direction in (EventDirection.INCOMING, EventDirection.OUTGOING):
        fixed = meetings.default_direction(proposal)
        if wanted is not None and wanted != fixed:
            from clubs_exchange.funding.labels import DIRECTION_LABELS

            raise FundingError(str(WRONG_DIRECTION % {"direction": DIRECTION_LABELS[fixed]}), "direction")
        return fixed
    return wanted or meetings.default_direction(proposal)


def plan(proposal: Proposal, scheme: FundingScheme | None, *, direction: Direction | None,
         expected_leaders: int | None, travel_cost_cents: int | None, distance_km: int | None,
         days_in_partner_city: int | None, actor, today: date,
         application: FundingApplication | None = None) -> FundingApplication:
    """Plan an application of the event to a scheme (application None), or change the figures of a planned
    one; the estimate and the deadlines are stored with it."""
    if proposal.state in CLOSED_EVENTS:
        raise FundingError(str(EVENT_CLOSED))
    if application is None:
        if scheme is None or not scheme.active:
            raise FundingError(str(NOT_OFFERED), "scheme_id")
        # A withdrawn application stays as history and leaves the scheme free to plan again.
        taken = db.session.scalar(sa.select(FundingApplication.id).where(
            FundingApplication.proposal_id == proposal.id, FundingApplication.scheme_id == scheme.id,
            FundingApplication.state != S.WITHDRAWN))
        if taken is not None:
            raise FundingError(str(ALREADY), "scheme_id")
    elif application.state != S.PLANNED:
        raise FundingError(str(NOT_NOW % {"state": application.state.label}))
    total = (proposal.participants_ours or 0) + (proposal.participants_guests or 0)
    if expected_leaders is not None and expected_leaders > total:
        raise FundingError(str(LEADERS_TOO_MANY % {"total": total}), "expected_leaders")
    direction = _direction_for(proposal, direction)
    # Checked before anything is added: a refused plan leaves the session as it was.
    if application is None:
        application = FundingApplication(proposal=proposal, scheme=scheme, state=S.PLANNED,
                                         created_by_id=getattr(actor, "id", None))
        db.session.add(application)
    application.direction = direction
    application.expected_leaders = expected_leaders
    application.travel_cost_cents = travel_cost_cents
    application.distance_km = distance_km
    application.days_in_partner_city = days_in_partner_city
    with db.session.no_autoflush:  # the scheme's rates load: the new row is inserted once, complete
        refresh_deadlines(application, today=today)
    return application


def apply(application: FundingApplication, *, applied_on: date | None, amount_cents: int | None,
          today: date) -> FundingApplication:
    """The organisers sent the application to the funder, on this day, for this amount."""
    step = _check_step(application, "apply")
    application.amount_applied_cents = _positive(amount_cents, "amount")
    application.applied_on = _not_future(applied_on, "applied_on", today)
    application.state = step.target
    return application


def _decided_on(application: FundingApplication, decided_on: date | None, today: date) -> date:
    day = _not_future(decided_on, "decided_on", today)
    if application.applied_on is not None and day < application.applied_on:
        raise FundingError(str(BEFORE_APPLIED % {"applied": rules._day(application.applied_on)}), "decided_on")
    return day


def grant(application: FundingApplication, *, amount_cents: int | None, reference: str, decided_on: date | None,
          today: date) -> FundingApplication:
    """Staff record the funder's grant: the amount granted and the funder's reference."""
    step = _check_step(application, "grant")
    reference = (reference or "").strip()
    application.amount_granted_cents = _positive(amount_cents, "amount")
    if not reference:
        raise FundingError(str(REFERENCE_NEEDED), "reference")
    application.reference = reference
    application.decided_on = _decided_on(application, decided_on, today)
    application.state = step.target
    return application


def refuse(application: FundingApplication, *, reason: str, decided_on: date | None,
           today: date) -> FundingApplication:
    """Staff record the funder's refusal, with its reason."""
    step = _check_step(application, "refuse")
    reason = (reason or "").strip()
    if not reason:
        raise FundingError(str(REASON_NEEDED), "reason")
    application.refusal_reason = reason
    application.decided_on = _decided_on(application, decided_on, today)
    application.state = step.target
    return application


def withdraw(application: FundingApplication) -> FundingApplication:
    application.state = _check_step(application, "withdraw").target
    return application


def final_outcome(application: FundingApplication, participants: Sequence[EventParticipant], *,
                  today: date) -> Outcome:
    """The rules on the participant list and its attendance; the amount at most the one granted."""
    outcome = rules.assess(application.scheme.terms(), meetings.listed_meeting(application, participants),
                           today=today)
    granted = application.amount_granted_cents
    if granted is not None and outcome.amount_cents > granted:
        line = str(_l("%(amount)s, at most the %(granted)s granted: %(granted)s",
                      amount=rules.money(outcome.amount_cents), granted=rules.money(granted)))
        return Outcome(outcome.verdicts, granted, (*outcome.arithmetic, line))
    return outcome


def submit_report(application: FundingApplication, participants: Sequence[EventParticipant], *,
                  today: date) -> Outcome:
    """After the event: the final amount from who came on which day, with its arithmetic kept."""
    step = _check_step(application, "report")
    last = meetings.event_days(application.proposal)[1]
    if last >= today:
        raise FundingError(str(NOT_ENDED % {"last": rules._day(last)}))
    if not participants:
        raise FundingError(str(NO_LIST))
    outcome = final_outcome(application, participants, today=today)
    verdicts = [f"{'✓' if v.passed else '✗'} {v.reason}" for v in outcome.verdicts]
    application.amount_final_cents = outcome.amount_cents
    application.final_arithmetic = "\n".join([*outcome.workings, *verdicts])
    application.report_submitted_on = today
    application.state = step.target
    return outcome


def pay(application: FundingApplication, *, amount_cents: int | None, paid_on: date | None,
        today: date) -> FundingApplication:
    """Staff record the payment: the amount paid and the day."""
    step = _check_step(application, "pay")
    application.amount_paid_cents = _positive(amount_cents, "amount")
    day = _not_future(paid_on, "paid_on", today)
    if application.report_submitted_on is not None and day < application.report_submitted_on:
        raise FundingError(str(_l("This date lies before the report (%(submitted)s).",
                                  submitted=rules._day(application.report_submitted_on))), "paid_on")
    application.paid_on = day
    application.state = step.target
    return application


# ---- what pages read ---------------------------------------------------------------------------------------------

def applications_of_event(proposal_id: int) -> list[FundingApplication]:
    """The event's applications; their schemes come from the session where schemes_for_event() loaded them."""
    return list(db.session.scalars(
        sa.select(FundingApplication).where(FundingApplication.proposal_id == proposal_id)
        .order_by(FundingApplication.id)
    ))


def schemes_for_event(proposal_id: int) -> list[FundingScheme]:
    """The schemes offered, and those the event applied to, with their rates and bands: three queries."""
    applied = sa.select(FundingApplication.scheme_id).where(FundingApplication.proposal_id == proposal_id)
    return list(db.session.scalars(
        sa.select(FundingScheme).where(sa.or_(FundingScheme.active.is_(True), FundingScheme.id.in_(applied)))
        .options(selectinload(FundingScheme.rates), selectinload(FundingScheme.bands))
        .order_by(FundingScheme.funder, FundingScheme.name)
    ))


def active_schemes() -> list[FundingScheme]:
    return list(db.session.scalars(
        sa.select(FundingScheme).where(FundingScheme.active.is_(True))
        .options(selectinload(FundingScheme.rates), selectinload(FundingScheme.bands))
        .order_by(FundingScheme.funder, FundingScheme.name)
    ))


def deadline_rows(*, organisation_ids: set[int] | None = None, proposal_id: int | None = None, today: date,
                  within_days: int | None = None, limit: int = 50) -> list[tuple[FundingApplication, Stage]]:
    """Open applications with a deadline (apply by, report due), the soonest first, each with its stage: for the
    proposal page, an organisation's page and the staff start page (within_days: only those due by then or
    overdue). One query."""
    query = (
        sa.select(FundingApplication)
        .join(Proposal, Proposal.id == FundingApplication.proposal_id)
        .where(FundingApplication.state.in_((S.PLANNED, S.GRANTED)))
        .options(joinedload(FundingApplication.scheme), joinedload(FundingApplication.proposal))
    )
    if proposal_id is not None:
        query = query.where(FundingApplication.proposal_id == proposal_id)
    if organisation_ids is not None:
        query = query.where(Proposal.organisation_id.in_(organisation_ids))
    if within_days is not None:
        horizon = today + timedelta(days=within_days)
        query = query.where(sa.or_(
            sa.and_(FundingApplication.state == S.PLANNED, FundingApplication.apply_by <= horizon),
            sa.and_(FundingApplication.state == S.GRANTED, FundingApplication.report_due_on <= horizon),
        ))
    due = sa.case((FundingApplication.state == S.PLANNED, FundingApplication.apply_by),
                  else_=FundingApplication.report_due_on)
    rows = db.session.scalars(query.order_by(due.is_(None), due, FundingApplication.id).limit(limit)).unique()
    result = []
    for application in rows:
        shown = stage(application, today)
        # A granted event that has not ended yet has no report due: not a deadline to list.
        if shown.key in ("planned", "report_due") and (within_days is None or shown.due_on is not None):
            result.append((application, shown))
    return result
