"""The life of a proposal, tested on the rules themselves: which steps follow which, who takes them, what is kept."""

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from clubs_exchange.auth.models import User, UserRole
from clubs_exchange.organisations.models import Organisation, OrganisationKind, OrganisationStatus
from clubs_exchange.proposals.models import Proposal, ProposalAction, ProposalState, ProposalStep
from clubs_exchange.proposals.workflow import (
    TRANSITIONS,
    WorkflowError,
    allowed_actions,
    is_editable,
    next_state,
    perform,
    record_creation,
)

A, S = ProposalAction, ProposalState
NOW = datetime(2031, 5, 2, 9, 30, tzinfo=UTC)

# Every step the issue allows: (from, action, to, taken by staff, a comment is required).
ALLOWED = [
    (S.DRAFT, A.SUBMIT, S.SUBMITTED, False, False),
    (S.SUBMITTED, A.REQUEST_CHANGES, S.CHANGES_REQUESTED, True, True),
    (S.CHANGES_REQUESTED, A.RESUBMIT, S.SUBMITTED, False, False),
    (S.SUBMITTED, A.APPROVE, S.APPROVED, True, False),
    (S.SUBMITTED, A.REJECT, S.REJECTED, True, True),
    (S.DRAFT, A.WITHDRAW, S.WITHDRAWN, False, False),
    (S.SUBMITTED, A.WITHDRAW, S.WITHDRAWN, False, False),
    (S.CHANGES_REQUESTED, A.WITHDRAW, S.WITHDRAWN, False, False),
    (S.APPROVED, A.CANCEL, S.CANCELLED, True, True),
]
ALLOWED_PAIRS = {(source, action) for source, action, *_ in ALLOWED}
STEPS = [a for a in ProposalAction if a != A.CREATE]
REFUSED = [
    (state, action) for state in ProposalState for action in STEPS if (state, action) not in ALLOWED_PAIRS
]


def a_proposal(state=S.DRAFT, *, verified=True) -> Proposal:
    """A proposal that lives only in memory: the rules need no database."""
    organisation = Organisation(
        name="Chor am Markt",
        kind=OrganisationKind.CHOIR_MUSIC,
        status=OrganisationStatus.VERIFIED if verified else OrganisationStatus.PENDING,
    )
    return Proposal(title="Summer concert", state=state, organisation=organisation)


def a_person(role=UserRole.MEMBER) -> User:
    return User(
        name="Petra Proposer" if role == UserRole.MEMBER else "Sam Staff", email="x@example.org", role=role
    )


def take(proposal, action, *, by_staff, comment=""):
    return perform(
        proposal,
        action,
        actor=a_person(UserRole.STAFF if by_staff else UserRole.MEMBER),
        is_proposer=not by_staff,
        is_staff=by_staff,
        comment=comment,
        now=NOW,
    )


def test_the_table_of_transitions_is_the_one_the_issue_describes():
    table = {
        (source, action, t.target, t.by_staff, t.comment_required)
        for action, t in TRANSITIONS.items()
        for source in t.sources
    }
    assert table == set(ALLOWED)


@pytest.mark.parametrize(("source", "action", "target", "by_staff", "needs_comment"), ALLOWED)
def test_every_allowed_step_changes_the_state_and_records_who_when_and_why(
    app, source, action, target, by_staff, needs_comment
):
    proposal = a_proposal(source)
    step = take(proposal, action, by_staff=by_staff, comment="  Looks good, see the notes.  ")

    assert proposal.state == target
    assert proposal.steps == [step]
    assert (step.action, step.from_state, step.to_state) == (action, source, target)
    assert step.actor.name == ("Sam Staff" if by_staff else "Petra Proposer")
    assert step.at == NOW
    assert step.comment == "Looks good, see the notes."
    assert next_state(source, action) == target


@pytest.mark.parametrize(("state", "action"), REFUSED)
def test_every_other_step_is_refused_with_a_clear_message_and_changes_nothing(app, state, action):
    proposal = a_proposal(state)
    with pytest.raises(WorkflowError) as refused:
        perform(proposal, action, actor=a_person(), is_proposer=True, is_staff=True, comment="a reason")

    message = str(refused.value)
    assert state.label in message and action.label in message
    assert "cannot" in message
    assert proposal.state == state
    assert proposal.steps == []
    with pytest.raises(WorkflowError):
        next_state(state, action)


@pytest.mark.parametrize("action", [A.CREATE, "publish", "", None, "approve; drop table"])
def test_a_step_that_does_not_exist_is_refused_not_crashed(app, action):
    proposal = a_proposal(S.SUBMITTED)
    with pytest.raises(WorkflowError, match="is not a step a proposal can take"):
        perform(proposal, action, actor=a_person(), is_proposer=True, is_staff=True, comment="x")
    assert proposal.state == S.SUBMITTED


def test_a_step_named_by_its_form_value_is_taken(app):
    proposal = a_proposal(S.DRAFT)
    step = perform(proposal, "submit", actor=a_person(), is_proposer=True, is_staff=False)
    assert step.action == A.SUBMIT and proposal.state == S.SUBMITTED


@pytest.mark.parametrize(("source", "action"), [(s, a) for s, a, _t, by_staff, _c in ALLOWED if by_staff])
def test_staff_steps_are_refused_to_the_proposing_organisation(app, source, action):
    proposal = a_proposal(source)
    with pytest.raises(WorkflowError, match="Only city staff can"):
        perform(proposal, action, actor=a_person(), is_proposer=True, is_staff=False, comment="please")
    assert proposal.state == source and proposal.steps == []


@pytest.mark.parametrize(("source", "action"), [(s, a) for s, a, _t, by_staff, _c in ALLOWED if not by_staff])
def test_proposer_steps_are_refused_to_staff_and_other_organisations(app, source, action):
    proposal = a_proposal(source)
    with pytest.raises(WorkflowError, match="Only members of the proposing organisation can"):
        perform(proposal, action, actor=a_person(UserRole.STAFF), is_proposer=False, is_staff=True)
    with pytest.raises(WorkflowError, match="Only members of the proposing organisation can"):
        perform(proposal, action, actor=a_person(), is_proposer=False, is_staff=False)
    assert proposal.state == source and proposal.steps == []


@pytest.mark.parametrize(("source", "action"), [(s, a) for s, a, _t, _s, needs in ALLOWED if needs])
@pytest.mark.parametrize("comment", ["", "   \n ", None])
def test_request_changes_reject_and_cancel_need_a_comment(app, source, action, comment):
    proposal = a_proposal(source)
    with pytest.raises(WorkflowError, match="a comment is required"):
        perform(
            proposal,
            action,
            actor=a_person(UserRole.STAFF),
            is_proposer=False,
            is_staff=True,
            comment=comment,
        )
    assert proposal.state == source and proposal.steps == []


def test_steps_without_a_required_comment_may_have_none(app):
    proposal = a_proposal(S.SUBMITTED)
    step = take(proposal, A.APPROVE, by_staff=True)
    assert step.comment == "" and proposal.state == S.APPROVED


@pytest.mark.parametrize(("source", "action"), [(S.DRAFT, A.SUBMIT), (S.CHANGES_REQUESTED, A.RESUBMIT)])
def test_a_pending_organisation_cannot_submit_until_staff_verify_it(app, source, action):
    proposal = a_proposal(source, verified=False)
    with pytest.raises(WorkflowError, match="awaiting verification"):
        take(proposal, action, by_staff=False)
    assert proposal.state == source and proposal.submitted_at is None

    proposal.organisation.status = OrganisationStatus.VERIFIED
    take(proposal, action, by_staff=False)
    assert proposal.state == S.SUBMITTED


def test_a_pending_organisation_may_still_withdraw_its_draft(app):
    proposal = a_proposal(S.DRAFT, verified=False)
    take(proposal, A.WITHDRAW, by_staff=False)
    assert proposal.state == S.WITHDRAWN


def test_submitted_at_is_when_it_last_entered_the_review_queue(app):
    proposal = a_proposal(S.DRAFT)
    perform(proposal, A.SUBMIT, actor=a_person(), is_proposer=True, is_staff=False, now=NOW)
    assert proposal.submitted_at == NOW

    later = NOW + timedelta(days=3)
    perform(
        proposal,
        A.REQUEST_CHANGES,
        actor=a_person(UserRole.STAFF),
        is_proposer=False,
        is_staff=True,
        comment="Please add the venue.",
        now=later,
    )
    assert proposal.submitted_at == NOW

    resubmitted = NOW + timedelta(days=5)
    perform(proposal, A.RESUBMIT, actor=a_person(), is_proposer=True, is_staff=False, now=resubmitted)
    assert proposal.submitted_at == resubmitted

    perform(
        proposal,
        A.APPROVE,
        actor=a_person(UserRole.STAFF),
        is_proposer=False,
        is_staff=True,
        now=NOW + timedelta(days=6),
    )
    assert proposal.submitted_at == resubmitted


def test_record_creation_starts_the_history(app):
    proposal = a_proposal(S.DRAFT)
    author = a_person()
    step = record_creation(proposal, actor=author, now=NOW)
    assert proposal.steps == [step]
    assert (step.action, step.from_state, step.to_state, step.actor, step.at) == (
        A.CREATE,
        None,
        S.DRAFT,
        author,
        NOW,
    )


@pytest.mark.parametrize("state", list(ProposalState))
def test_only_drafts_and_proposals_sent_back_for_changes_are_editable(state):
    assert is_editable(state) == (state in (S.DRAFT, S.CHANGES_REQUESTED))


@pytest.mark.parametrize(
    ("state", "as_proposer", "as_staff", "as_both"),
    [
        (S.DRAFT, [A.SUBMIT, A.WITHDRAW], [], [A.SUBMIT, A.WITHDRAW]),
        (
            S.SUBMITTED,
            [A.WITHDRAW],
            [A.REQUEST_CHANGES, A.APPROVE, A.REJECT],
            [A.REQUEST_CHANGES, A.APPROVE, A.REJECT, A.WITHDRAW],
        ),
        (S.CHANGES_REQUESTED, [A.RESUBMIT, A.WITHDRAW], [], [A.RESUBMIT, A.WITHDRAW]),
        (S.APPROVED, [], [A.CANCEL], [A.CANCEL]),
        (S.REJECTED, [], [], []),
        (S.WITHDRAWN, [], [], []),
        (S.CANCELLED, [], [], []),
    ],
)
def test_allowed_actions_are_the_buttons_each_person_gets(state, as_proposer, as_staff, as_both):
    assert allowed_actions(state, is_proposer=True, is_staff=False) == as_proposer
    assert allowed_actions(state, is_proposer=False, is_staff=True) == as_staff
    assert allowed_actions(state, is_proposer=True, is_staff=True) == as_both
    assert allowed_actions(state, is_proposer=False, is_staff=False) == []


def test_the_whole_path_is_kept_in_the_database_in_order(db, make_proposal, make_org, make_user):
    organisation = make_org(name="FC Nord")
    secretary = make_user(organisation, name="Sina Secretary")
    staff = make_user(role=UserRole.STAFF, name="Otto Office")
    proposal = make_proposal(organisation=organisation)

    def step(action, who, comment="", *, days):
        perform(
            proposal,
            action,
            actor=who,
            is_proposer=who is secretary,
            is_staff=who is staff,
            comment=comment,
            now=NOW + timedelta(days=days),
        )
        db.session.commit()

    step(A.SUBMIT, secretary, days=0)
    step(A.REQUEST_CHANGES, staff, "Which pitch? Please name the venue.", days=1)
    step(A.RESUBMIT, secretary, "Venue: Sportpark Nord.", days=2)
    step(A.APPROVE, staff, days=3)
    step(A.CANCEL, staff, "The guests' travel was cancelled.", days=4)

    db.session.expire_all()
    stored = db.session.get(Proposal, proposal.id)
    assert stored.state == S.CANCELLED
    assert stored.submitted_at == NOW + timedelta(days=2)
    history = [
        (s.action, s.from_state, s.to_state, s.actor.name if s.actor else None, s.at, s.comment)
        for s in stored.steps
    ]
    assert history == [
        (A.CREATE, None, S.DRAFT, None, history[0][4], ""),
        (A.SUBMIT, S.DRAFT, S.SUBMITTED, "Sina Secretary", NOW, ""),
        (
            A.REQUEST_CHANGES,
            S.SUBMITTED,
            S.CHANGES_REQUESTED,
            "Otto Office",
            NOW + timedelta(days=1),
            "Which pitch? Please name the venue.",
        ),
        (
            A.RESUBMIT,
            S.CHANGES_REQUESTED,
            S.SUBMITTED,
            "Sina Secretary",
            NOW + timedelta(days=2),
            "Venue: Sportpark Nord.",
        ),
        (A.APPROVE, S.SUBMITTED, S.APPROVED, "Otto Office", NOW + timedelta(days=3), ""),
        (
            A.CANCEL,
            S.APPROVED,
            S.CANCELLED,
            "Otto Office",
            NOW + timedelta(days=4),
            "The guests' travel was cancelled.",
        ),
    ]
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ProposalStep)) == 6
