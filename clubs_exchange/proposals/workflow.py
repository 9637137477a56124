"""The life of a proposal: which step may follow which, who may take it, and what it records.

Plain functions on plain values, so the rules are tested without HTTP or a database.
"""

from dataclasses import dataclass
from datetime import datetime

from flask_babel import lazy_gettext as _l

from clubs_exchange.db import utcnow
from clubs_exchange.proposals.models import Proposal, ProposalAction, ProposalState, ProposalStep

A, S = ProposalAction, ProposalState


class WorkflowError(Exception):
    """A step that is not allowed; the message is shown to the person who tried it."""


@dataclass(frozen=True)
class Transition:
    sources: frozenset[ProposalState]
    target: ProposalState
    by_staff: bool  # True: city staff take this step; False: the proposing organisation's members
    comment_required: bool = False


TRANSITIONS: dict[ProposalAction, Transition] = {
    A.SUBMIT: Transition(frozenset({S.DRAFT}), S.SUBMITTED, by_staff=False),
    A.REQUEST_CHANGES: Transition(frozenset({S.SUBMITTED}), S.CHANGES_REQUESTED, by_staff=True, comment_required=True),
    A.RESUBMIT: Transition(frozenset({S.CHANGES_REQUESTED}), S.SUBMITTED, by_staff=False),
    A.APPROVE: Transition(frozenset({S.SUBMITTED}), S.APPROVED, by_staff=True),
    A.REJECT: Transition(frozenset({S.SUBMITTED}), S.REJECTED, by_staff=True, comment_required=True),
    A.WITHDRAW: Transition(frozenset({S.DRAFT, S.SUBMITTED, S.CHANGES_REQUESTED}), S.WITHDRAWN, by_staff=False),
    A.CANCEL: Transition(frozenset({S.APPROVED}), S.CANCELLED, by_staff=True, comment_required=True),
}

EDITABLE_STATES = frozenset({S.DRAFT, S.CHANGES_REQUESTED})
# States that city staff decide on; the review queue counts these.
REVIEW_STATES = (S.SUBMITTED, S.CHANGES_REQUESTED, S.APPROVED, S.REJECTED, S.CANCELLED)
CALENDAR_STATES = (S.APPROVED, S.CANCELLED)


def is_editable(state: ProposalState) -> bool:
    return state in EDITABLE_STATES


def next_state(state: ProposalState, action: ProposalAction) -> ProposalState:
    transition = TRANSITIONS.get(action)
    if transition is None:
        raise WorkflowError(_l("“%(action)s” is not a step a proposal can take.", action=action))
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
    target = next_state(proposal.state, action)
    transition = TRANSITIONS[action]
    if transition.by_staff and not is_staff:
        raise WorkflowError(_l("Only city staff can %(action)s a proposal.", action=action.label.lower()))
    if not transition.by_staff and not is_proposer:
        raise WorkflowError(
            _l("Only members of the proposing organisation can %(action)s it.", action=action.label.lower())
        )
    comment = (comment or "").strip()
    if transition.comment_required and not comment:
        raise WorkflowError(_l("Please say why: a comment is required to %(action)s.", action=action.label.lower()))
    if action in (A.SUBMIT, A.RESUBMIT) and not proposal.organisation.is_verified:
        raise WorkflowError(
            _l("Your organisation is awaiting verification by city staff; you can submit once it is verified.")
        )

    now = now or utcnow()
    step = ProposalStep(
        action=action, from_state=proposal.state, to_state=target, actor=actor, at=now, comment=comment
    )
    proposal.steps.append(step)
    proposal.state = target
    if target == S.SUBMITTED:
        proposal.submitted_at = now
    return step


def record_creation(proposal: Proposal, *, actor, now: datetime | None = None) -> ProposalStep:
    step = ProposalStep(action=A.CREATE, from_state=None, to_state=proposal.state, actor=actor, at=now or utcnow())
    proposal.steps.append(step)
    return step
