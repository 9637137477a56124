"""Which events and fields leave the intranet: approved events marked public, and what their pages' answers are
made of (for the ETag)."""

import sqlalchemy as sa

from clubs_exchange.calendar.queries import feed_state
from clubs_exchange.extensions import db
from clubs_exchange.partners.models import PartnerCity
from clubs_exchange.proposals.models import Proposal, ProposalState

# A cancelled event leaves the public calendar (and calendar programs drop it at their next poll): its reason is
# the office's and the organisers', not the public's.
PUBLIC_STATES = (ProposalState.APPROVED,)


def public_conditions() -> list:
    """WHERE clauses of the public calendar; every public query starts from these."""
    return [Proposal.state.in_(PUBLIC_STATES), Proposal.public == sa.true()]


def public_partners() -> list[tuple[int, str]]:
    """(id, name) of the partner cities with public events, for the filter: a partnership still being explored
    or negotiated is the office's business until an event with it is public."""
    with_events = sa.select(Proposal.partner_city_id).where(*public_conditions())
    return db.session.execute(
        sa.select(PartnerCity.id, PartnerCity.name).where(PartnerCity.id.in_(with_events)).order_by(PartnerCity.name)
    ).all()


def public_state() -> tuple[str, ...]:
    """What every public answer is made of, in one query: a change to any public event, to a partner city or an
    organisation it names, an event joining or leaving the public calendar (calendar/queries.py feed_state)."""
    return feed_state(public_conditions())
