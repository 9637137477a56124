"""The incoming events a person may host guests for, with their counts (no personal data)."""

from datetime import datetime, timedelta

import sqlalchemy as sa

from clubs_exchange.extensions import db
from clubs_exchange.hosting.access import INCOMING
from clubs_exchange.hosting.models import Guest, HostHousehold, HostStatus, Placement
from clubs_exchange.permissions import is_staff
from clubs_exchange.proposals.models import Proposal, ProposalState, proposal_co_organisers

# Events that ended longer ago than this leave the list (their counts stay; the data go with the purge).
RECENT = timedelta(days=90)


def incoming_events(user, now: datetime) -> list[tuple[Proposal, int, int]]:
    """(event, guests, placed) for the approved incoming events the person organises, or all of them for staff."""
    guests = (
        sa.select(Guest.proposal_id, sa.func.count().label("n")).group_by(Guest.proposal_id).subquery()
    )
    placed = (
        sa.select(Placement.proposal_id, sa.func.count().label("n")).group_by(Placement.proposal_id).subquery()
    )
    query = (
        sa.select(Proposal, sa.func.coalesce(guests.c.n, 0), sa.func.coalesce(placed.c.n, 0))
        .outerjoin(guests, guests.c.proposal_id == Proposal.id)
        .outerjoin(placed, placed.c.proposal_id == Proposal.id)
        .where(
            Proposal.state == ProposalState.APPROVED,
            Proposal.direction.in_(INCOMING),
            Proposal.ends_at >= now - RECENT,
        )
        .order_by(Proposal.starts_at, Proposal.id)
    )
    if not is_staff(user):
        ids = list(user.organisation_ids)
        co_organised = sa.select(proposal_co_organisers.c.proposal_id).where(
            proposal_co_organisers.c.organisation_id.in_(ids)
        )
        query = query.where(sa.or_(Proposal.organisation_id.in_(ids), Proposal.id.in_(co_organised)))
    from sqlalchemy.orm import joinedload

    query = query.options(joinedload(Proposal.partner_city), joinedload(Proposal.organisation))
    return [(p, g, n) for p, g, n in db.session.execute(query)]


def households(user) -> list[HostHousehold]:
    """The register: all households for staff, the ones an organisation proposed for its members."""
    from sqlalchemy.orm import joinedload

    query = (
        sa.select(HostHousehold)
        .options(joinedload(HostHousehold.proposed_by))
        .where(HostHousehold.status != HostStatus.ERASED)  # no one left to host: only past stays count them
        .order_by(HostHousehold.status.desc(), HostHousehold.contact_name, HostHousehold.id)
    )
    if not is_staff(user):
        query = query.where(HostHousehold.proposed_by_id.in_(list(user.organisation_ids)))
    return list(db.session.scalars(query))


def confirmed_count() -> int:
    return db.session.scalar(
        sa.select(sa.func.count()).select_from(HostHousehold).where(HostHousehold.status == HostStatus.CONFIRMED)
    )
