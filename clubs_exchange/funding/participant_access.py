"""Who may see and keep an event's participant lists (personal data): city staff and the event's organisers."""

import sqlalchemy as sa
from flask import abort
from flask_login import current_user
from sqlalchemy.orm import joinedload, selectinload

from clubs_exchange.extensions import db
from clubs_exchange.funding.models import EventParticipant
from clubs_exchange.permissions import get_or_404, is_staff
from clubs_exchange.proposals.models import Proposal


def can_keep_participant_list(user, proposal: Proposal) -> bool:
    """Staff, and members of the proposer or a co-organiser: they see the list and change it."""
    if is_staff(user):
        return True
    return bool(user and user.is_authenticated and user.organisation_ids & proposal.organiser_ids)


def get_event_or_404(proposal_id) -> Proposal:
    """The event with what every list page shows of it, in one query and one for its co-organisers."""
    proposal = db.session.scalar(
        sa.select(Proposal).where(Proposal.id == proposal_id)
        .options(joinedload(Proposal.partner_city), joinedload(Proposal.organisation),
                 selectinload(Proposal.co_organisers))
    )
    # Someone else's participants do not exist for you.
    if proposal is None or not can_keep_participant_list(current_user, proposal):
        abort(404)
    return proposal


def get_participant_or_404(proposal: Proposal, participant_id) -> EventParticipant:
    participant = get_or_404(EventParticipant, participant_id)
    if participant.proposal_id != proposal.id:
        abort(404)
    return participant
