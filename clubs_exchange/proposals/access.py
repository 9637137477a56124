"""Who may see and change a proposal: load, then authorise, for the proposals pages and the calendar."""

from flask import abort
from flask_login import current_user

from clubs_exchange.permissions import get_or_404, is_member_of, is_staff_or_organiser
from clubs_exchange.proposals.models import Proposal
from clubs_exchange.proposals.workflow import CALENDAR_STATES, is_editable


def can_view_proposal(user, proposal) -> bool:
    """Drafts and reviews are private to the organisers and staff; the calendar shows only approved events."""
    if is_staff_or_organiser(user, proposal):
        return True
    return proposal.state in CALENDAR_STATES and bool(user and user.is_authenticated)


def is_proposer(user, proposal) -> bool:
    return is_member_of(user, proposal.organisation_id)


def can_edit_proposal(user, proposal) -> bool:
    return is_editable(proposal.state) and is_proposer(user, proposal)


def get_proposal_or_404(proposal_id, *, for_edit: bool = False) -> Proposal:
    proposal = get_or_404(Proposal, proposal_id)
    # Someone else's draft is none of your business: it does not exist for you.
    if not can_view_proposal(current_user, proposal):
        abort(404)
    if for_edit and not can_edit_proposal(current_user, proposal):
        abort(403)
    return proposal
