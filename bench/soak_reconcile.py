"""The soak's reconciliation: what the simulated people logged against what the database and the SMTP server hold.

The clients' log (bench/soak_client.py) has one entry per write: kind (create, edit, step, interest), outcome
("ok": the server said it was done; "conflict": 409, changed meanwhile; "refused": the server said no, e.g. a
step that no longer applies; "unknown": a 503, a 502 or a connection lost, so the write may or may not have
happened), the unique token the write carried (in the title, the description, the step's comment, the
interest's activity) and the proposal's version the form was sent with.

`reconcile(log, state)` returns the problems, one sentence each; none means the writes reconcile:
- every proposal created "ok" exists exactly once, one created "unknown" at most once, none exists unlogged;
- each proposal's history holds every step answered "ok" once, no step refused or in conflict, and an "unknown"
  step at most once; the history is a chain (each step starts in the state the one before ended in);
- no lost update: no two writes answered "ok" were based on the same version of one proposal (the version check
  must refuse the second), and the description is the one of the last edit answered "ok" (or of an "unknown"
  one based on a later version);
- every interest registered "ok" exists once;
- every notification that entails a mail has its mail in the outbox (per recipient), every mail of the outbox is
  sent, and the SMTP server received each exactly once, and nothing else.

`read_state(...)` reads that state from the database (in an app context).
"""

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

TOKEN = re.compile(r"soak:[A-Za-z0-9_.-]+")


@dataclass
class State:
    # {id, title, description, steps: [{action, comment, from_state, to_state}]}
    proposals: list[dict] = field(default_factory=list)
    interests: list[dict] = field(default_factory=list)  # {id, activity}
    mails: list[dict] = field(default_factory=list)  # {id, recipient, state}: the outbox mails of the run
    mail_recipients_due: list[str] = field(default_factory=list)  # one entry per notification that entails a mail
    smtp_received: list[int] = field(default_factory=list)  # outbox ids, as the SMTP server received them
    all_sent_mail_ids: set[int] | None = None  # every outbox id in state sent (for "received, but not in the outbox")


def token_of(text: str | None) -> str | None:
    found = TOKEN.findall(text or "")
    return found[-1] if found else None


def reconcile(log: list[dict], state: State) -> list[str]:
    problems: list[str] = []
    problems += _proposals(log, state)
    problems += _interests(log, state)
    problems += _mails(state)
    return problems


def _proposals(log: list[dict], state: State) -> list[str]:
    problems = []
    by_title = defaultdict(list)
    for proposal in state.proposals:
        by_title[token_of(proposal["title"])].append(proposal)
    created = {e["token"]: e for e in log if e["kind"] == "create"}
    for token, entry in created.items():
        found = by_title.get(token, [])
        if len(found) > 1:
            ids = ", ".join(str(p["id"]) for p in found)
            problems.append(f"proposal {token} exists {len(found)} times (ids {ids})")
        elif not found and entry["outcome"] == "ok":
            problems.append(f"proposal {token} was created (answer {entry.get('status')}) but is not in the database")
        elif found and entry["outcome"] in ("refused", "conflict"):
            problems.append(f"proposal {token} was refused (answer {entry.get('status')}) but is in the database")
    for token, found in by_title.items():
        if token not in created:
            problems.append(f"proposal {token} (id {found[0]['id']}) is in the database but no client created it")

    writes = defaultdict(list)  # proposal id -> the edits and steps logged for it
    for entry in log:
        if entry["kind"] in ("edit", "step") and entry.get("proposal_id") is not None:
            writes[entry["proposal_id"]].append(entry)
    for proposal in state.proposals:
        problems += _history(proposal, writes.get(proposal["id"], []))
    known = {p["id"] for p in state.proposals}
    for proposal_id, entries in writes.items():
        if proposal_id not in known and any(e["outcome"] == "ok" for e in entries):
            problems.append(f"proposal {proposal_id} had writes answered ok but is not in the database")
    return problems


def _history(proposal: dict, entries: list[dict]) -> list[str]:
    problems = []
    pid = proposal["id"]
    steps = proposal["steps"]
    previous = None
    for number, step in enumerate(steps):
        if number and step["from_state"] != previous:
            problems.append(f"proposal {pid}: step {number + 1} ({step['action']}) starts in {step['from_state']}, "
                            f"the one before ended in {previous}")
        previous = step["to_state"]
    recorded = Counter(token_of(s["comment"]) for s in steps if s["action"] != "create")
    for token, n in recorded.items():
        if token is not None and n > 1:
            problems.append(f"proposal {pid}: step {token} is recorded {n} times")
    logged_steps = {e["token"]: e for e in entries if e["kind"] == "step"}
    for token, entry in logged_steps.items():
        if entry["outcome"] == "ok" and not recorded.get(token):
            problems.append(f"proposal {pid}: step {entry['action']} {token} was answered ok but is not in its history")
        if entry["outcome"] in ("refused", "conflict") and recorded.get(token):
            problems.append(f"proposal {pid}: step {entry['action']} {token} was refused ({entry.get('status')}) "
                            "but is in its history")
    for token in recorded:
        if token is not None and token not in logged_steps:
            problems.append(f"proposal {pid}: step {token} is in its history but no client took it")
        if token is None:
            problems.append(f"proposal {pid}: a step without a client's token is in its history")

    # Lost updates: two writes answered ok from the same version; the description of the last ok edit.
    based_on = defaultdict(list)
    for entry in entries:
        if entry["outcome"] == "ok" and entry.get("version") is not None:
            based_on[entry["version"]].append(entry["token"])
    for version, tokens in sorted(based_on.items()):
        if len(tokens) > 1:
            problems.append(f"proposal {pid}: lost update: {len(tokens)} writes answered ok from version {version} "
                            f"({', '.join(tokens)})")
    # The writes of one proposal are ordered by the version they were based on (each one answered ok made the
    # next), not by when their answers arrived: an answer can come late, after the next write was made on it.
    edits = [e for e in entries if e["kind"] == "edit"]
    ok_edits = sorted((e for e in edits if e["outcome"] == "ok"), key=lambda e: e["version"])
    if ok_edits:
        last = ok_edits[-1]
        later_unknown = {e["token"] for e in edits if e["outcome"] == "unknown" and e["version"] > last["version"]}
        now = token_of(proposal["description"])
        if now != last["token"] and now not in later_unknown:
            problems.append(f"proposal {pid}: lost update: the edit {last['token']} was answered ok, "
                            f"the description holds {now or 'no edit'}")
    return problems


def _interests(log: list[dict], state: State) -> list[str]:
    problems = []
    found = Counter(token_of(i["activity"]) for i in state.interests)
    logged = {e["token"]: e for e in log if e["kind"] == "interest"}
    for token, entry in logged.items():
        n = found.get(token, 0)
        if n > 1:
            problems.append(f"interest {token} exists {n} times")
        elif n == 0 and entry["outcome"] == "ok":
            problems.append(f"interest {token} was registered but is not in the database")
    for token in found:
        if token not in logged:
            problems.append(f"interest {token} is in the database but no client registered it")
    return problems


def _mails(state: State) -> list[str]:
    problems = []
    due = Counter(state.mail_recipients_due)
    queued = Counter(m["recipient"] for m in state.mails)
    for recipient in sorted(set(due) | set(queued)):
        if due[recipient] != queued[recipient]:
            problems.append(f"mails to {recipient}: {due[recipient]} notifications entail a mail, "
                            f"the outbox holds {queued[recipient]}")
    unsent = Counter(m["state"] for m in state.mails if m["state"] != "sent")
    for mail_state, n in sorted(unsent.items()):
        problems.append(f"{n} mail(s) of the outbox are {mail_state}, not sent")
    received = Counter(state.smtp_received)
    for mail in state.mails:
        n = received.get(mail["id"], 0)
        if n > 1:
            problems.append(f"mail {mail['id']} to {mail['recipient']} was received {n} times by the SMTP server")
        elif n == 0 and mail["state"] == "sent":
            problems.append(f"mail {mail['id']} to {mail['recipient']} is marked sent; the SMTP server never got it")
    sent_ids = state.all_sent_mail_ids if state.all_sent_mail_ids is not None else {m["id"] for m in state.mails}
    for mail_id in sorted(set(received) - sent_ids):
        problems.append(f"the SMTP server received mail {mail_id}, which the outbox does not hold as sent")
    return problems


def read_state(prefix: str, *, mails_after: int, notifications_after: int, smtp_received: list[int]) -> State:
    """The run's proposals (title with the run's prefix), interests, mails and notifications (ids after those of the
    seed), from the app's database. Call in an app context."""
    import sqlalchemy as sa

    from clubs_exchange.auth.models import User
    from clubs_exchange.extensions import db
    from clubs_exchange.interests.models import ExchangeInterest
    from clubs_exchange.mail.models import MailState, OutboxMail
    from clubs_exchange.notifications.models import (
        Notification,
        NotificationKind,
        NotificationPreference,
        SubmittedMail,
    )
    from clubs_exchange.proposals.models import Proposal, ProposalStep

    state = State(smtp_received=list(smtp_received))
    proposals = db.session.execute(
        sa.select(Proposal.id, Proposal.title, Proposal.description).where(Proposal.title.contains(prefix))
        .order_by(Proposal.id)
    ).all()
    steps = defaultdict(list)
    for row in db.session.execute(
        sa.select(ProposalStep.proposal_id, ProposalStep.action, ProposalStep.comment, ProposalStep.from_state,
                  ProposalStep.to_state)
        .where(ProposalStep.proposal_id.in_([p.id for p in proposals]))
        .order_by(ProposalStep.id)
    ):
        steps[row.proposal_id].append({
            "action": row.action.value, "comment": row.comment,
            "from_state": row.from_state.value if row.from_state else None, "to_state": row.to_state.value,
        })
    state.proposals = [{"id": p.id, "title": p.title, "description": p.description, "steps": steps[p.id]}
                       for p in proposals]
    state.interests = [{"id": i.id, "activity": i.activity} for i in db.session.execute(
        sa.select(ExchangeInterest.id, ExchangeInterest.activity).where(ExchangeInterest.activity.contains(prefix)))]
    state.mails = [{"id": m.id, "recipient": m.recipient, "state": m.state.value} for m in db.session.execute(
        sa.select(OutboxMail.id, OutboxMail.recipient, OutboxMail.state).where(OutboxMail.id > mails_after))]
    state.all_sent_mail_ids = set(db.session.scalars(
        sa.select(OutboxMail.id).where(OutboxMail.state == MailState.SENT)))
    mailed_kinds = [NotificationKind.CHANGES_REQUESTED, NotificationKind.APPROVED, NotificationKind.REJECTED,
                    NotificationKind.CANCELLED, NotificationKind.INTEREST_FITS]
    rows = db.session.execute(
        sa.select(User.email, Notification.kind, NotificationPreference.submitted_mail)
        .join(User, User.id == Notification.user_id)
        .outerjoin(NotificationPreference, NotificationPreference.user_id == User.id)
        .where(Notification.id > notifications_after,
               Notification.kind.in_([*mailed_kinds, NotificationKind.PROPOSAL_SUBMITTED]))
    ).all()
    state.mail_recipients_due = [
        email for email, kind, choice in rows
        if kind in mailed_kinds or (choice or SubmittedMail.EACH) == SubmittedMail.EACH
    ]
    db.session.rollback()
    return state
