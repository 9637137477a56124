"""Who may see and keep an event's participant lists (personal data): city staff and the event's organisers."""

from flask import abort

from clubs_exchange.funding.access import can_see_funding, get_event_or_404
from clubs_exchange.funding.models import EventParticipant
from clubs_exchange.permissions import get_or_404
from clubs_exchange.proposals.models import Proposal

__all__ = ["can_keep_participant_list", "get_event_or_404", "get_participant_or_404"]


# The lists are the event's funding data: the same people see and keep them (funding/access.py).
can_keep_participant_list = can_see_funding


def get_participant_or_404(proposal: Proposal, participant_id) -> EventParticipant:
    participant = get_or_404(EventParticipant, participant_id)
    if participant.proposal_id != proposal.id:
        abort(404)
    return participant
