"""Demo data of the awards area: a European Diploma awarded years ago, tagged events, a Flag of Honour draft."""

from datetime import UTC, date, datetime

import sqlalchemy as sa

from clubs_exchange.awards.applications import default_period
from clubs_exchange.awards.ladder import next_due_date
from clubs_exchange.awards.models import (
    ApplicationState,
    AssociationMembership,
    AwardApplication,
    AwardStage,
    Criterion,
    EventCriterion,
)
from clubs_exchange.awards.placeholders import DEFAULT_DOSSIER, DEFAULT_MAYOR_LETTER, DEFAULT_SUMMARY
from clubs_exchange.extensions import db
from clubs_exchange.partners.models import PartnerCity, RelationshipLevel
from clubs_exchange.proposals.models import EventKind, Proposal, ProposalState

# Which criterion an approved demo event supports, by its kind; a few are left untagged on purpose.
CRITERION_OF_KIND = {
    EventKind.PUPIL_EXCHANGE: Criterion.TWINNING,
    EventKind.MATCH: Criterion.TWINNING,
    EventKind.CONCERT: Criterion.EUROPEAN_EVENTS,
    EventKind.FESTIVAL: Criterion.EUROPEAN_EVENTS,
    EventKind.WORKSHOP: Criterion.SOLIDARITY,
}


def seed_awards(today: date, staff) -> bool:
    """Create the awards demo; returns False when it is there already."""
    db.session.flush()  # the demo's events and partner cities get their ids
    if db.session.scalar(sa.select(AwardApplication.id).limit(1)) is not None:
        return False
    twins = list(db.session.scalars(
        sa.select(PartnerCity).where(PartnerCity.relationship_level == RelationshipLevel.TWINNING)
        .order_by(PartnerCity.name)
    ))
    year = next_due_date(today).year
    diploma_year = year - 3
    start, end = default_period(diploma_year, None)
    db.session.add(AwardApplication(
        stage=AwardStage.EUROPEAN_DIPLOMA, year=diploma_year, state=ApplicationState.AWARDED,
        twin_towns=twins[:2], period_start=start, period_end=end,
        mayor_letter=DEFAULT_MAYOR_LETTER, dossier=DEFAULT_DOSSIER, summary=DEFAULT_SUMMARY,
        submitted_at=datetime(diploma_year, 1, 10, 9, tzinfo=UTC),
        decided_at=datetime(diploma_year, 6, 20, 9, tzinfo=UTC),
    ))
    # The Flag of Honour's report covers the years since the Diploma, up to the calendar's upcoming events.
    start, _ = default_period(year, diploma_year)
    db.session.add(AwardApplication(
        stage=AwardStage.FLAG_OF_HONOUR, year=year, state=ApplicationState.DRAFT, previous_award_year=diploma_year,
        twin_towns=twins, period_start=start, period_end=date(today.year + 1, 12, 31),
        mayor_letter=DEFAULT_MAYOR_LETTER, dossier=DEFAULT_DOSSIER, summary=DEFAULT_SUMMARY,
    ))
    db.session.add_all([
        AssociationMembership(name="Council of European Municipalities and Regions (CEMR)", since=date(1998, 3, 1)),
        AssociationMembership(name="Association of Towns and Municipalities", since=date(1976, 1, 1)),
    ])
    events = db.session.scalars(
        sa.select(Proposal).where(Proposal.state == ProposalState.APPROVED).order_by(Proposal.starts_at, Proposal.id)
    ).all()
    for i, event in enumerate(events):
        criterion = CRITERION_OF_KIND.get(event.kind)
        if criterion is not None and i % 4 != 3:
            db.session.add(EventCriterion(proposal_id=event.id, criterion=criterion, tagged_by_id=staff.id))
    return True
