"""Who sees an event's funding (its applications, its participant lists): city staff and the event's organisers
(permissions.is_staff_or_organiser). To anyone else the event's money and its participants do not exist: 404."""

import sqlalchemy as sa
from flask import abort
from flask_login import current_user
from sqlalchemy.orm import joinedload, selectinload

from clubs_exchange.extensions import db
from clubs_exchange.permissions import is_staff_or_organiser
from clubs_exchange.proposals.models import Proposal


def can_see_funding(user, proposal: Proposal) -> bool:
    return is_staff_or_organiser(user, proposal)


def get_event_or_404(proposal_id) -> Proposal:
    """The event with what every funding page shows of it: one query, and one for its co-organisers."""
    proposal = db.session.scalar(
        sa.select(Proposal).where(Proposal.id == proposal_id)
        .options(joinedload(Proposal.partner_city), joinedload(Proposal.organisation),
                 selectinload(Proposal.co_organisers))
    )
    if proposal is None or not can_see_funding(current_user, proposal):
        abort(404)
    return proposal
