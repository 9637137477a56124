"""Staff decisions on a proposal: approve (after seeing its conflicts), request changes, reject, cancel."""

from flask_babel import lazy_gettext as _l

from clubs_exchange.errors import DomainError
from clubs_exchange.proposals.models import Proposal, ProposalAction, ProposalState, ProposalStep
from clubs_exchange.proposals.workflow import TRANSITIONS, WorkflowError, perform
from clubs_exchange.public.visibility import on_approval
from clubs_exchange.review.conflicts import Conflict, conflicts_for

# The steps a reviewer takes on a submitted proposal, in the order the buttons are shown.
DECISIONS = (ProposalAction.APPROVE, ProposalAction.REQUEST_CHANGES, ProposalAction.REJECT)


class DecisionError(DomainError):
    """A decision that cannot be taken; `field` names the form field the message belongs to, if any."""


class ConflictsNotConfirmed(Exception):
    """Approving needs the reviewer to have seen these conflicts first."""

    def __init__(self, conflicts: list[Conflict]):
        super().__init__(_l("This proposal clashes with approved events."))
        self.conflicts = conflicts


def comment_missing(action: ProposalAction, comment: str | None) -> bool:
    transition = TRANSITIONS.get(action)
    return bool(transition and transition.comment_required and not (comment or "").strip())


def take_step(proposal: Proposal, action: ProposalAction, *, actor, comment: str, field: str) -> ProposalStep:
    """A staff step through the workflow. A refusal becomes a DecisionError, placed at `field` when the
    step itself was possible but its comment is missing."""
    try:
        return perform(proposal, action, actor=actor, is_proposer=False, is_staff=True, comment=comment)
    except WorkflowError as error:
        possible = proposal.state in TRANSITIONS[action].sources
        at_field = field if possible and comment_missing(action, comment) else None
        raise DecisionError(error.args[0], field=at_field) from error


def decide(
    proposal: Proposal,
    action: ProposalAction,
    *,
    actor,
    comment: str = "",
    confirm_conflicts: bool = False,
) -> ProposalStep:
    """Approve, request changes or reject. Approving a proposal with conflicts needs confirm_conflicts."""
    if action not in DECISIONS:
        raise DecisionError(_l("“%(action)s” is not a review decision.", action=action.label))
    approving = action == ProposalAction.APPROVE and proposal.state == ProposalState.SUBMITTED
    if approving and not confirm_conflicts:
        conflicts = conflicts_for(proposal)
        if conflicts:
            raise ConflictsNotConfirmed(conflicts)
    step = take_step(proposal, action, actor=actor, comment=comment, field="comment")
    if step.action == ProposalAction.APPROVE:
        on_approval(proposal)
    return step


def cancel_event(proposal: Proposal, *, actor, reason: str) -> ProposalStep:
    """Cancel an approved event; it stays in the calendar, struck through, with the reason in its history."""
    return take_step(proposal, ProposalAction.CANCEL, actor=actor, comment=reason, field="reason")
