"""Review decisions as plain functions: conflicts first, comments where required, refusals placed at a field."""

from datetime import UTC, datetime

import pytest

from clubs_exchange.proposals.models import ProposalAction, ProposalState
from clubs_exchange.review.decisions import ConflictsNotConfirmed, DecisionError, cancel_event, decide

A, S = ProposalAction, ProposalState
START = datetime(2031, 6, 12, 16, 0, tzinfo=UTC)


@pytest.fixture
def proposal(make_proposal):
    return make_proposal(S.SUBMITTED, starts_at=START)


def test_approving_without_conflicts_needs_no_confirmation(proposal, staff):
    step = decide(proposal, A.APPROVE, actor=staff)
    assert proposal.state == S.APPROVED
    assert (step.action, step.actor, step.from_state) == (A.APPROVE, staff, S.SUBMITTED)


def test_approving_with_conflicts_is_held_until_confirmed(proposal, staff, make_proposal):
    festival = make_proposal(S.APPROVED, partner_city=proposal.partner_city, starts_at=START, venue="Markt")

    with pytest.raises(ConflictsNotConfirmed) as refusal:
        decide(proposal, A.APPROVE, actor=staff)
    assert [c.other for c in refusal.value.conflicts] == [festival]
    assert proposal.state == S.SUBMITTED and len(proposal.steps) == 1

    decide(proposal, A.APPROVE, actor=staff, confirm_conflicts=True)
    assert proposal.state == S.APPROVED


@pytest.mark.parametrize("action", [A.REQUEST_CHANGES, A.REJECT])
def test_a_missing_comment_belongs_to_the_comment_field(proposal, staff, action):
    with pytest.raises(DecisionError) as refusal:
        decide(proposal, action, actor=staff, comment="  ")
    assert refusal.value.field == "comment"
    assert "comment is required" in refusal.value.message
    assert proposal.state == S.SUBMITTED


def test_a_step_the_state_does_not_allow_is_refused_for_the_whole_form(make_proposal, staff):
    rejected = make_proposal(S.REJECTED)
    with pytest.raises(DecisionError) as refusal:
        decide(rejected, A.REQUEST_CHANGES, actor=staff, comment="")
    assert refusal.value.field is None
    assert "“Rejected” cannot be given the step" in refusal.value.message


@pytest.mark.parametrize("action", [A.SUBMIT, A.WITHDRAW, A.CANCEL, A.RESUBMIT])
def test_only_review_decisions_are_taken_here(proposal, staff, action):
    with pytest.raises(DecisionError, match="is not a review decision"):
        decide(proposal, action, actor=staff, comment="x")
    assert proposal.state == S.SUBMITTED


def test_cancelling_an_approved_event_records_the_reason(make_proposal, staff):
    event = make_proposal(S.APPROVED)
    step = cancel_event(event, actor=staff, reason=" Storm warning ")
    assert event.state == S.CANCELLED
    assert (step.action, step.comment) == (A.CANCEL, "Storm warning")


def test_cancelling_needs_a_reason_and_an_approved_event(make_proposal, staff, proposal):
    event = make_proposal(S.APPROVED)
    with pytest.raises(DecisionError) as refusal:
        cancel_event(event, actor=staff, reason="")
    assert refusal.value.field == "reason"

    with pytest.raises(DecisionError) as refusal:
        cancel_event(proposal, actor=staff, reason="Storm")
    assert refusal.value.field is None
    assert event.state == S.APPROVED and proposal.state == S.SUBMITTED
