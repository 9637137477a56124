"""The life of a proposal: which step may follow which, who may take it, and what it records.

Plain functions on plain values, so the rules are tested without HTTP or a database.
"""

from dataclasses import dataclass
from datetime import datetime

from flask_babel import lazy_gettext as _l

from clubs_exchange.clock import utcnow
from clubs_exchange.errors import DomainError
from clubs_exchange.notifications.notify import notify
from clubs_exchange.proposals.models import Proposal, ProposalAction, ProposalState, ProposalStep

A, S = ProposalAction, ProposalState


class WorkflowError(DomainError):
    """A step that is not allowed; the message is shown to the person who tried it."""


@dataclass(frozen=True)
class Transition:
    sources: frozenset[ProposalState]
    target: ProposalState
    by_staff: bool  # True: city staff take this step; False: the proposing organisation's members
    comment_required: bool = False


TRANSITIONS: dict[ProposalAction, Transition] = {
    A.SUBMIT: Transition(frozenset({S.DRAFT}), S.SUBMITTED, by_staff=False),
    A.REQUEST_CHANGES: Transition(
        frozenset({S.SUBMITTED}), S.CHANGES_REQUESTED, by_staff=True, comment_required=True
    ),
    A.RESUBMIT: Transition(frozenset({S.CHANGES_REQUESTED}), S.SUBMITTED, by_staff=False),
    A.APPROVE: Transition(frozenset({S.SUBMITTED}), S.APPROVED, by_staff=True),
    A.REJECT: Transition(frozenset({S.SUBMITTED}), S.REJECTED, by_staff=True, comment_required=True),
    A.WITHDRAW: Transition(
        frozenset({S.DRAFT, S.SUBMITTED, S.CHANGES_REQUESTED}), S.WITHDRAWN, by_staff=False
    ),
    A.CANCEL: Transition(frozenset({S.APPROVED}), S.CANCELLED, by_staff=True, comment_required=True),
}

# Whole sentences, so each reads well and translates well.
WHO_MAY = {
    A.SUBMIT: _l("Only members of the proposing organisation can submit this proposal."),
    A.RESUBMIT: _l("Only members of the proposing organisation can resubmit this proposal."),
    A.WITHDRAW: _l("Only members of the proposing organisation can withdraw this proposal."),
    A.REQUEST_CHANGES: _l("Only city staff can ask for changes to a proposal."),
    A.APPROVE: _l("Only city staff can approve a proposal."),
    A.REJECT: _l("Only city staff can reject a proposal."),
    A.CANCEL: _l("Only city staff can cancel an approved event."),
}
COMMENT_REQUIRED = {
    A.REQUEST_CHANGES: _l("Please say which changes are needed: a comment is required."),
    A.REJECT: _l("Please say why the proposal is rejected: a comment is required."),
    A.CANCEL: _l("Please give the reason for cancelling the event: a comment is required."),
}

PENDING_ORGANISATION = _l(
    "Your organisation is awaiting verification by city staff; you can submit once it is verified."
)

EDITABLE_STATES = frozenset({S.DRAFT, S.CHANGES_REQUESTED})
# States that city staff decide on; the review queue counts these.
REVIEW_STATES = (S.SUBMITTED, S.CHANGES_REQUESTED, S.APPROVED, S.REJECTED, S.CANCELLED)
CALENDAR_STATES = (S.APPROVED, S.CANCELLED)


def is_editable(state: ProposalState) -> bool:
    return state in EDITABLE_STATES


def as_action(action) -> ProposalAction:
    """The step named by `action` (a member or its value from a form); anything else is refused."""
    try:
        action = ProposalAction(action)
    except ValueError:
        raise WorkflowError(
            _l("“%(action)s” is not a step a proposal can take.", action=str(action)[:40])
        ) from None
    if action not in TRANSITIONS:
        raise WorkflowError(_l("“%(action)s” is not a step a proposal can take.", action=action.label))
    return action


def next_state(state: ProposalState, action: ProposalAction) -> ProposalState:
    action = as_action(action)
    transition = TRANSITIONS[action]
    if state not in transition.sources:
        raise WorkflowError(
            _l(
                "A proposal that is “%(state)s” cannot be given the step “%(action)s”.",
                state=state.label,
                action=action.label,
            )
        )
    return transition.target


def allowed_actions(state: ProposalState, *, is_proposer: bool, is_staff: bool) -> list[ProposalAction]:
    """The steps this person may take now, in the order buttons are shown."""
    return [
        action
        for action, t in TRANSITIONS.items()
        if state in t.sources and (is_staff if t.by_staff else is_proposer)
    ]


def perform(
    proposal: Proposal,
    action: ProposalAction,
    *,
    actor,
    is_proposer: bool,
    is_staff: bool,
    comment: str = "",
    now: datetime | None = None,
) -> ProposalStep:
    """Take one step: check it, change the state, and record who, when and why."""
    action = as_action(action)
    target = next_state(proposal.state, action)
    transition = TRANSITIONS[action]
    if (transition.by_staff and not is_staff) or (not transition.by_staff and not is_proposer):
        raise WorkflowError(WHO_MAY[action])
    comment = (comment or "").strip()
    if transition.comment_required and not comment:
        raise WorkflowError(COMMENT_REQUIRED[action])
    if action in (A.SUBMIT, A.RESUBMIT) and not proposal.organisation.is_verified:
        raise WorkflowError(PENDING_ORGANISATION)

    now = now or utcnow()
    step = ProposalStep(
        action=action, from_state=proposal.state, to_state=target, actor=actor, at=now, comment=comment
    )
    proposal.steps.append(step)
    proposal.state = target
    if target == S.SUBMITTED:
        proposal.submitted_at = now
    notify("proposal_step", step=step)
    return step


def record_creation(proposal: Proposal, *, actor, now: datetime | None = None) -> ProposalStep:
    step = ProposalStep(
        action=A.CREATE, from_state=None, to_state=proposal.state, actor=actor, at=now or utcnow()
    )
    proposal.steps.append(step)
    return step
