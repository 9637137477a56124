"""Applications, tags and memberships as the database holds them: the ladder's rules applied to what is recorded."""

from datetime import date

import sqlalchemy as sa
from babel.lists import format_list
from flask import current_app
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import selectinload

from clubs_exchange.awards import ladder
from clubs_exchange.awards.ladder import Award, LadderError, TwinTown
from clubs_exchange.awards.models import (
    ApplicationState,
    AssociationMembership,
    AwardApplication,
    AwardStage,
    Criterion,
    EventCriterion,
)
from clubs_exchange.awards.placeholders import DEFAULT_DOSSIER, DEFAULT_MAYOR_LETTER, DEFAULT_SUMMARY, fill
from clubs_exchange.awards.report import ActivityReport, period_text
from clubs_exchange.clock import utcnow
from clubs_exchange.extensions import db
from clubs_exchange.partners.models import PartnerCity, RelationshipLevel
from clubs_exchange.proposals.models import Proposal, ProposalState

NOT_EDITABLE = _l("Only a draft can be changed; put the application back to draft first.")
PERIOD_BACKWARDS = _l("The end of the period comes before its start.")
ONLY_APPROVED = _l("Only approved events of the calendar can be tagged.")
NAME_MISSING = _l("Please give the association's name.")


def awards_on_record(*, except_id: int | None = None) -> list[Award]:
    """The distinctions received: the applications that were awarded, oldest first."""
    query = sa.select(AwardApplication.stage, AwardApplication.year).where(
        AwardApplication.state == ApplicationState.AWARDED
    )
    if except_id is not None:
        query = query.where(AwardApplication.id != except_id)
    return [Award(stage, year) for stage, year in db.session.execute(query.order_by(AwardApplication.year))]


def all_applications() -> list[AwardApplication]:
    """Every application, newest year first, with its twin towns: two queries."""
    return list(
        db.session.scalars(
            sa.select(AwardApplication)
            .options(selectinload(AwardApplication.twin_towns))
            .order_by(AwardApplication.year.desc(), AwardApplication.id.desc())
        )
    )


def twin_town_choices() -> list[PartnerCity]:
    """The partner cities an application can name: the twinnings."""
    return list(
        db.session.scalars(
            sa.select(PartnerCity)
            .where(PartnerCity.relationship_level == RelationshipLevel.TWINNING)
            .order_by(PartnerCity.name)
        )
    )


def existing_application(stage: AwardStage, year: int) -> AwardApplication | None:
    """The application for this stage and year, if one was prepared (there is at most one)."""
    return db.session.scalar(
        sa.select(AwardApplication).where(AwardApplication.stage == stage, AwardApplication.year == year).limit(1)
    )


def _taken(stage: AwardStage, year: int, except_id: int | None) -> bool:
    query = sa.select(AwardApplication.id).where(AwardApplication.stage == stage, AwardApplication.year == year)
    if except_id is not None:
        query = query.where(AwardApplication.id != except_id)
    return db.session.scalar(query) is not None


def default_period(year: int, previous_award_year: int | None) -> tuple[date, date]:
    """Since the previous award (or the three years before) up to the end of the year before the deadline."""
    first_year = previous_award_year + 1 if previous_award_year else year - 3
    return date(min(first_year, year - 1), 1, 1), date(year - 1, 12, 31)


def check(application: AwardApplication, *, today: date) -> None:
    """The ladder's rules for this application as it stands, against the awards on record."""
    ladder.check_application(
        stage=application.stage,
        year=application.year,
        twin_towns=[
            TwinTown(t.name, t.relationship_level == RelationshipLevel.TWINNING) for t in application.twin_towns
        ],
        previous_award_year=application.previous_award_year,
        awards=awards_on_record(except_id=application.id),
        today=today,
        taken=_taken(application.stage, application.year, application.id),
    )


def save_application(
    application: AwardApplication | None,
    *,
    stage: AwardStage,
    year: int,
    twin_towns: list[PartnerCity],
    previous_award_year: int | None,
    period_start: date | None,
    period_end: date | None,
    today: date,
    texts: dict | None = None,
) -> AwardApplication:
    """Prepare a new application (None) or change a draft; refused with a LadderError if the ladder says no."""
    if application is not None and application.state not in ladder.EDITABLE_STATES:
        raise LadderError(NOT_EDITABLE)
    default_start, default_end = default_period(year, previous_award_year)
    period_start, period_end = period_start or default_start, period_end or default_end
    if period_end < period_start:
        raise LadderError(PERIOD_BACKWARDS, "period_end")
    new = application is None
    if new:
        application = AwardApplication(
            state=ApplicationState.DRAFT,
            mayor_letter=DEFAULT_MAYOR_LETTER, dossier=DEFAULT_DOSSIER, summary=DEFAULT_SUMMARY,
        )
    application.stage, application.year = stage, year
    application.twin_towns = list(twin_towns)
    application.previous_award_year = previous_award_year
    application.period_start, application.period_end = period_start, period_end
    for name, text in (texts or {}).items():
        setattr(application, name, text)
    with db.session.no_autoflush:
        check(application, today=today)
    if new:
        db.session.add(application)
    return application


def take_step(application: AwardApplication, step_name: str, *, today: date) -> AwardApplication:
    """Submit, reopen, record the award or its refusal; the ladder is checked again where it matters."""
    step = ladder.check_step(step_name, application.state)
    if step.name == "submit":
        check(application, today=today)
        application.submitted_at = utcnow()
    elif step.name == "award":
        # Decided later than submitted: the deadline no longer matters, the order and one-a-year do, and the
        # year must have come.
        ladder.check_stage(application.stage, application.year, awards_on_record(except_id=application.id))
        ladder.check_award_year(application.stage, application.year, today)
    if step.target in (ApplicationState.AWARDED, ApplicationState.NOT_AWARDED):
        application.decided_at = utcnow()
    application.state = step.target
    return application


def placeholder_values(application: AwardApplication, report: ActivityReport) -> dict:
    before = ladder.previous_stage(application.stage)
    return {
        "city": current_app.config["CITY_NAME"],
        "twin_towns": format_list([f"{t.name} ({t.country})" for t in application.twin_towns], locale=str(get_locale()))
        if application.twin_towns else "",
        "stage": application.stage.label,
        "year": application.year,
        "previous_stage": before.label if before else "",
        "previous_award_year": application.previous_award_year or "",
        "period": period_text(report.start, report.end),
        "event_count": report.event_count,
        "participants": report.participants,
        "partner_count": report.partner_count,
    }


def filled_texts(application: AwardApplication, report: ActivityReport) -> dict[str, str]:
    values = placeholder_values(application, report)
    return {name: fill(getattr(application, name), values) for name in ("mayor_letter", "dossier", "summary")}


# --- tags and memberships ---------------------------------------------------------------------------------


def criterion_of(proposal_id: int) -> Criterion | None:
    return db.session.scalar(sa.select(EventCriterion.criterion).where(EventCriterion.proposal_id == proposal_id))


def tag_event(proposal: Proposal, criterion: Criterion | None, *, actor) -> None:
    """Tag an approved event with the criterion it supports; None takes the tag away."""
    if proposal.state != ProposalState.APPROVED:
        raise LadderError(ONLY_APPROVED, "criterion")
    tag = db.session.get(EventCriterion, proposal.id)
    if criterion is None:
        if tag is not None:
            db.session.delete(tag)
        return
    fields = {"criterion": criterion, "tagged_by_id": actor.id, "tagged_at": utcnow()}
    if tag is None:
        db.session.add(EventCriterion(proposal_id=proposal.id, **fields))
    else:
        for name, value in fields.items():
            setattr(tag, name, value)


def all_memberships() -> list[AssociationMembership]:
    return list(
        db.session.scalars(
            sa.select(AssociationMembership).order_by(AssociationMembership.since, AssociationMembership.name)
        )
    )


def add_membership(name: str, since: date) -> AssociationMembership:
    name = (name or "").strip()
    if not name:
        raise LadderError(NAME_MISSING, "name")
    membership = AssociationMembership(name=name, since=since)
    db.session.add(membership)
    return membership
