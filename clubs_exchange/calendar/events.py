"""What the calendar says about one event: its organisers, why it was cancelled, who sees its proposal."""

from clubs_exchange.permissions import is_staff_or_organiser
from clubs_exchange.proposals.models import Proposal, ProposalAction, ProposalState


def organisers(proposal: Proposal) -> list:
    """The proposing organisation first, then the co-organisers by name."""
    return [proposal.organisation, *sorted(proposal.co_organisers, key=lambda o: o.name)]


def cancellation_reason(proposal: Proposal) -> str:
    """The comment of the step that cancelled the event; empty if it is not cancelled."""
    if proposal.state != ProposalState.CANCELLED:
        return ""
    for step in reversed(proposal.steps):
        if step.action == ProposalAction.CANCEL:
            return step.comment
    return ""


def may_open_proposal(user, proposal: Proposal) -> bool:
    """Organisers and staff follow the event back to its proposal (history, budget, hosting needs)."""
    return is_staff_or_organiser(user, proposal)
