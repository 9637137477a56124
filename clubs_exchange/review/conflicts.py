"""Conflicts: approved events that overlap a proposal in time and share its partner city or its venue.

The rule lives in SQL (one query for one proposal, one query for a whole page of the queue), so the two
answers can never disagree. Venues are compared trimmed and case-insensitively; an empty venue never
conflicts. Intervals are half-open: an event ending at 18:00 does not clash with one starting at 18:00.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import aliased, joinedload

from clubs_exchange.db import LabelledEnum
from clubs_exchange.extensions import db
from clubs_exchange.proposals.models import Proposal, ProposalState


class ConflictReason(LabelledEnum):
    SAME_PARTNER = "same_partner"
    SAME_VENUE = "same_venue"

    @classmethod
    def labels(cls):
        return {cls.SAME_PARTNER: _l("same partner city"), cls.SAME_VENUE: _l("same venue")}


@dataclass(frozen=True)
class Conflict:
    """Another approved event that clashes with the proposal, and why."""

    other: Proposal
    reasons: tuple[ConflictReason, ...]


def _venue_key(venue):
    return sa.func.lower(sa.func.trim(venue))


def _clash(start, end, partner_city_id, venue, other):
    """SQL conditions (overlaps, same partner, same venue) between a proposal's values and `other`."""
    overlaps = sa.and_(other.starts_at < end, other.ends_at > start)
    same_partner = other.partner_city_id == partner_city_id
    same_venue = sa.and_(_venue_key(venue) != "", _venue_key(other.venue) == _venue_key(venue))
    return overlaps, same_partner, same_venue


def _conflict(other: Proposal, same_partner, same_venue) -> Conflict:
    reasons = []
    if same_partner:
        reasons.append(ConflictReason.SAME_PARTNER)
    if same_venue:
        reasons.append(ConflictReason.SAME_VENUE)
    return Conflict(other=other, reasons=tuple(reasons))


def conflicts_for(proposal: Proposal) -> list[Conflict]:
    """Approved events that clash with this proposal (itself excluded), soonest first. One query."""
    other = aliased(Proposal, name="other")
    overlaps, same_partner, same_venue = _clash(
        proposal.starts_at,
        proposal.ends_at,
        proposal.partner_city_id,
        sa.literal(proposal.venue or "", sa.String),
        other,
    )
    query = (
        sa.select(other, same_partner.label("same_partner"), same_venue.label("same_venue"))
        .where(other.state == ProposalState.APPROVED, overlaps, sa.or_(same_partner, same_venue))
        .options(joinedload(other.partner_city), joinedload(other.organisation))
        .order_by(other.starts_at, other.id)
    )
    if proposal.id is not None:
        query = query.where(other.id != proposal.id)
    return [_conflict(row[0], row[1], row[2]) for row in db.session.execute(query)]


def conflicts_by_proposal(proposals: Iterable[Proposal]) -> dict[int, list[Conflict]]:
    """The conflicts of many proposals at once (a page of the queue): {proposal id: conflicts}. One query."""
    ids = [p.id for p in proposals]
    found: dict[int, list[Conflict]] = defaultdict(list)
    if not ids:
        return found
    this = aliased(Proposal, name="this")
    other = aliased(Proposal, name="other")
    overlaps, same_partner, same_venue = _clash(
        this.starts_at, this.ends_at, this.partner_city_id, this.venue, other
    )
    query = (
        sa.select(this.id, other, same_partner.label("same_partner"), same_venue.label("same_venue"))
        .join(
            other,
            sa.and_(
                other.id != this.id,
                other.state == ProposalState.APPROVED,
                overlaps,
                sa.or_(same_partner, same_venue),
            ),
        )
        .where(this.id.in_(ids))
        .options(joinedload(other.partner_city), joinedload(other.organisation))
        .order_by(this.id, other.starts_at, other.id)
    )
    for proposal_id, other_proposal, partner, venue in db.session.execute(query):
        found[proposal_id].append(_conflict(other_proposal, partner, venue))
    return found
