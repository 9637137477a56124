"""The soak's reconciliation (bench/soak_reconcile.py): each way a write can go wrong is reported.

A log as the soak's clients write it, and a state as read from the database (read_state, on the suite's database:
SQLite or PostgreSQL), one fault at a time.
"""

from bench.soak_reconcile import State, read_state, reconcile

RUN = "soak:t1-"


def entry(kind, token, outcome="ok", *, at=1.0, **extra):
    return {"client": "member0", "kind": kind, "token": RUN + token, "outcome": outcome, "status": 303,
            "sent_at": at - 0.5, "at": at, **extra}


def steps(*pairs):
    chain, state = [{"action": "create", "comment": "", "from_state": None, "to_state": "draft"}], "draft"
    for action, token, to_state in pairs:
        chain.append({"action": action, "comment": f"Step {RUN}{token}", "from_state": state, "to_state": to_state})
        state = to_state
    return chain


def proposal(pid=1, token="p1", description=None, history=None):
    return {"id": pid, "title": f"Soak {RUN}{token}", "description": description or f"Planned {RUN}{token}",
            "steps": history or steps()}


def good():
    """A proposal created, edited twice, submitted and approved; one mail sent once."""
    log = [
        entry("create", "p1", proposal_id=1, at=1),
        entry("edit", "e1", proposal_id=1, version=1, at=2),
        entry("edit", "e2", "conflict", proposal_id=1, version=1, at=2.5),
        entry("edit", "e3", proposal_id=1, version=2, at=3),
        entry("step", "s1", proposal_id=1, version=3, action="submit", at=4),
        entry("step", "s2", proposal_id=1, version=4, action="approve", at=5),
        entry("interest", "i1", at=6),
    ]
    state = State(
        proposals=[proposal(description=f"Changed {RUN}e3",
                            history=steps(("submit", "s1", "submitted"), ("approve", "s2", "approved")))],
        interests=[{"id": 7, "activity": f"Soak {RUN}i1"}],
        mails=[{"id": 10, "recipient": "a@example.org", "state": "sent"}],
        mail_recipients_due=["a@example.org"],
        smtp_received=[10],
    )
    return log, state


def test_a_clean_day_reconciles():
    assert reconcile(*good()) == []


def test_a_lost_update_is_reported():
    log, state = good()
    # Both answered ok from version 1: the version check let the second overwrite the first.
    log[2]["outcome"] = "ok"
    problems = reconcile(log, state)
    assert any("lost update" in p and "version 1" in p for p in problems)


def test_an_edit_answered_ok_but_overwritten_is_reported():
    log, state = good()
    state.proposals[0]["description"] = f"Changed {RUN}e1"
    assert any("lost update" in p and "e3" in p for p in reconcile(log, state))


def test_edits_are_ordered_by_version_not_by_when_their_answer_came():
    log, state = good()
    # e3 (from version 2) was made on e1 (from version 1), whose answer came late: no lost update.
    log[1]["at"] = 9
    assert reconcile(log, state) == []


def test_a_duplicate_proposal_is_reported():
    log, state = good()
    state.proposals.append(proposal(pid=2))
    assert any("exists 2 times" in p for p in reconcile(log, state))


def test_a_missing_step_is_reported():
    log, state = good()
    state.proposals[0]["steps"] = steps(("submit", "s1", "submitted"))
    problems = reconcile(log, state)
    assert any("approve" in p and "not in its history" in p for p in problems)


def test_a_step_recorded_twice_or_out_of_chain_is_reported():
    log, state = good()
    state.proposals[0]["steps"].append(dict(state.proposals[0]["steps"][-1]))
    problems = reconcile(log, state)
    assert any("recorded 2 times" in p for p in problems)
    assert any("starts in submitted" in p for p in problems)


def test_a_mail_sent_twice_is_reported():
    log, state = good()
    state.smtp_received = [10, 10]
    assert any("received 2 times" in p for p in reconcile(log, state))


def test_a_mail_missing_from_the_outbox_or_unsent_is_reported():
    log, state = good()
    state.mail_recipients_due.append("b@example.org")
    state.mails.append({"id": 11, "recipient": "a@example.org", "state": "failed"})
    problems = reconcile(log, state)
    assert any("b@example.org" in p for p in problems)
    assert any("failed, not sent" in p for p in problems)


def test_an_unknown_write_may_be_absent_or_complete():
    log, state = good()
    log.append(entry("create", "p9", "unknown", proposal_id=None, at=7))
    assert reconcile(log, state) == []
    state.proposals.append(proposal(pid=9, token="p9"))
    assert reconcile(log, state) == []


def test_a_proposal_nobody_created_is_reported():
    log, state = good()
    state.proposals.append(proposal(pid=5, token="p5"))
    assert any("no client created it" in p for p in reconcile(log, state))


def test_read_state_reads_the_run_from_the_database(db, make_proposal, make_user):
    from clubs_exchange.mail.models import MailState, OutboxMail
    from clubs_exchange.proposals.models import ProposalAction, ProposalState, ProposalStep

    made = make_proposal(title=f"Soak {RUN}p1", description=f"Changed {RUN}e3")
    made.steps.append(ProposalStep(action=ProposalAction.SUBMIT, from_state=ProposalState.DRAFT,
                                   to_state=ProposalState.SUBMITTED, comment=f"Step {RUN}s1"))
    make_proposal(title="Another proposal")
    db.session.add(OutboxMail(recipient="a@example.org", subject="S", text_body="T", state=MailState.SENT))
    db.session.commit()

    state = read_state(RUN, mails_after=0, notifications_after=0, smtp_received=[])

    assert [p["id"] for p in state.proposals] == [made.id]
    assert [s["action"] for s in state.proposals[0]["steps"]] == ["create", "submit"]
    assert state.mails[0]["state"] == "sent"
    # The mail was never received: reported.
    log = [entry("create", "p1", proposal_id=made.id),
           entry("step", "s1", proposal_id=made.id, version=1, action="submit")]
    assert any("never got it" in p for p in reconcile(log, state))
