"""The Europe Prize ladder: which stage may be applied for, when applications are due, which steps follow.

Plain functions on plain values (stages, years, dates, the recorded awards), so the rules are tested without
HTTP or a database. Every refusal is a LadderError whose message says why, in a sentence a person understands.
"""

from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l

from clubs_exchange.awards.models import ApplicationState, AwardStage
from clubs_exchange.errors import DomainError

STAGES: tuple[AwardStage, ...] = (
    AwardStage.EUROPEAN_DIPLOMA,
    AwardStage.FLAG_OF_HONOUR,
    AwardStage.PLAQUE_OF_HONOUR,
    AwardStage.EUROPE_PRIZE,
)
DUE_MONTH, DUE_DAY = 1, 15
REMINDER_MONTH, REMINDER_DAY = 12, 1


class LadderError(DomainError):
    """A refused application or step; `field` names the form field the message belongs to."""


@dataclass(frozen=True)
class Award:
    """A distinction the municipality received."""

    stage: AwardStage
    year: int


@dataclass(frozen=True)
class TwinTown:
    name: str
    is_twinning: bool


def previous_stage(stage: AwardStage) -> AwardStage | None:
    index = STAGES.index(stage)
    return STAGES[index - 1] if index else None


def next_stage(awards: list[Award]) -> AwardStage | None:
    """The stage the municipality may apply for next: the lowest one not yet awarded; None at the top."""
    held = {award.stage for award in awards}
    for stage in STAGES:
        if stage not in held:
            return stage
    return None


def due_date(year: int) -> date:
    """Applications for a year's distinctions are due on 15 January of that year."""
    return date(year, DUE_MONTH, DUE_DAY)


def next_due_date(today: date) -> date:
    """The next deadline: 15 January of this year until it has passed, then of next year."""
    this_year = due_date(today.year)
    return this_year if today <= this_year else due_date(today.year + 1)


def reminder_due_date(today: date) -> date | None:
    """The deadline to remind staff of, from 1 December until the due date itself; None outside that window."""
    if (today.month, today.day) >= (REMINDER_MONTH, REMINDER_DAY):
        return due_date(today.year + 1)
    if (today.month, today.day) <= (DUE_MONTH, DUE_DAY):
        return due_date(today.year)
    return None


def _award_of(stage: AwardStage, awards: list[Award]) -> Award | None:
    return next((award for award in awards if award.stage == stage), None)


def check_stage(stage: AwardStage, year: int, awards: list[Award]) -> None:
    """The ladder itself: in order, one stage at a time, at most one award a year."""
    held = _award_of(stage, awards)
    if held is not None:
        raise LadderError(
            _l("The %(stage)s was already awarded in %(year)s.", stage=stage.label, year=held.year), "stage"
        )
    before = previous_stage(stage)
    if before is not None:
        previous = _award_of(before, awards)
        if previous is None:
            raise LadderError(
                _l("The %(stage)s can only be applied for once the %(previous)s has been awarded.",
                   stage=stage.label, previous=before.label),
                "stage",
            )
        if previous.year >= year:
            raise LadderError(
                _l("The %(previous)s was awarded in %(award_year)s: the %(stage)s can be applied for from "
                   "%(next_year)s on.", previous=before.label, award_year=previous.year, stage=stage.label,
                   next_year=previous.year + 1),
                "year",
            )
    same_year = next((award for award in awards if award.year == year), None)
    if same_year is not None:
        raise LadderError(
            _l("The municipality already received the %(stage)s in %(year)s and can receive at most one award "
               "a year.", stage=same_year.stage.label, year=year),
            "year",
        )


def check_award_year(stage: AwardStage, year: int, today: date) -> None:
    """A year's distinctions are awarded in that year: an award is not recorded before its year has come."""
    if year > today.year:
        raise LadderError(
            _l("The %(stage)s %(year)s is awarded in %(year)s at the earliest: record it once it is awarded.",
               stage=stage.label, year=year),
            "year",
        )


def check_previous_award_year(stage: AwardStage, previous_award_year: int | None, awards: list[Award]) -> None:
    """The application states the year of the previous award, and it must be the one on record."""
    before = previous_stage(stage)
    if before is None:
        if previous_award_year is not None:
            raise LadderError(
                _l("The European Diploma is the first stage: there is no previous award, leave the year empty."),
                "previous_award_year",
            )
        return
    previous = _award_of(before, awards)
    if previous_award_year is None:
        raise LadderError(
            _l("Please give the year the %(previous)s was awarded.", previous=before.label), "previous_award_year"
        )
    if previous is not None and previous.year != previous_award_year:
        raise LadderError(
            _l("The %(previous)s was awarded in %(year)s, not in %(given)s.",
               previous=before.label, year=previous.year, given=previous_award_year),
            "previous_award_year",
        )


def check_twin_towns(twin_towns: list[TwinTown]) -> None:
    if not twin_towns:
        raise LadderError(_l("Please name at least one twin town."), "twin_towns")
    for town in twin_towns:
        if not town.is_twinning:
            raise LadderError(
                _l("%(name)s is not a twin town: only partner cities with a twinning can be named.", name=town.name),
                "twin_towns",
            )


def check_due_date(year: int, today: date) -> None:
    if today > due_date(year):
        raise LadderError(
            _l("Applications for %(year)s were due on 15 January %(year)s; apply for %(next)s instead.",
               year=year, next=next_due_date(today).year),
            "year",
        )


def check_application(
    *,
    stage: AwardStage,
    year: int,
    twin_towns: list[TwinTown],
    previous_award_year: int | None,
    awards: list[Award],
    today: date,
    taken: bool = False,
) -> None:
    """Everything an application must satisfy to be prepared or submitted; the first problem is raised."""
    if taken:
        raise LadderError(
            _l("There is an application for the %(stage)s in %(year)s already.", stage=stage.label, year=year),
            "stage",
        )
    check_stage(stage, year, awards)
    check_due_date(year, today)
    check_previous_award_year(stage, previous_award_year, awards)
    check_twin_towns(twin_towns)


# --- the life of an application ---------------------------------------------------------------------------

S = ApplicationState


@dataclass(frozen=True)
class Step:
    name: str
    sources: frozenset[ApplicationState]
    target: ApplicationState
    label: object


STEPS: dict[str, Step] = {
    "submit": Step("submit", frozenset({S.DRAFT}), S.SUBMITTED, _l("Mark as submitted")),
    "reopen": Step("reopen", frozenset({S.SUBMITTED}), S.DRAFT, _l("Back to draft")),
    "award": Step("award", frozenset({S.SUBMITTED}), S.AWARDED, _l("Record the award")),
    "not_award": Step("not_award", frozenset({S.SUBMITTED}), S.NOT_AWARDED, _l("Record: not awarded")),
}
EDITABLE_STATES = frozenset({S.DRAFT})


def steps_from(state: ApplicationState) -> list[Step]:
    return [step for step in STEPS.values() if state in step.sources]


def check_step(step_name: str, state: ApplicationState) -> Step:
    """The step named, if it may follow the state; otherwise a LadderError saying why."""
    step = STEPS.get(step_name)
    if step is None:
        raise LadderError(_l("“%(step)s” is not a step an application can take.", step=str(step_name)[:40]))
    if state not in step.sources:
        raise LadderError(
            _l("An application that is %(state)s cannot take the step “%(step)s”.",
               state=str(state.label).lower(), step=step.label)
        )
    return step
