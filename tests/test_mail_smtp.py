"""Mail through a real SMTP server (aiosmtpd on a free port): what a secretary receives when staff decide,
and what happens when the mail server is down."""

import pytest
import sqlalchemy as sa

from clubs_exchange.auth.models import UserRole
from clubs_exchange.mail.models import MailState, OutboxMail
from clubs_exchange.proposals.models import Proposal, ProposalState
from tests.helpers import version_of

COMMENT = "Please tell us where the 18 guests will sleep."


@pytest.fixture
def app_config(mail_config):
    return mail_config


@pytest.fixture
def submitted(make_org, make_user, make_proposal):
    """A submitted proposal of FC Testhausen, its secretary, and a reviewer."""
    club = make_org(name="FC Testhausen")
    secretary = make_user(club, name="Sabine Secretary", email="sabine@fc-testhausen.example")
    staff = make_user(role=UserRole.STAFF, name="Stefan Staff")
    proposal = make_proposal(ProposalState.SUBMITTED, organisation=club, title="Youth tournament")
    return proposal, secretary, staff


def decide(client, proposal, **data):
    # buffered: the test client then closes the response as a server does, which sends the mails.
    data.setdefault("version", version_of(Proposal, proposal.id))  # the version the review page showed
    return client.post(f"/review/{proposal.id}", data=data, buffered=True)


def body(message, subtype: str) -> str:
    return message.get_body(preferencelist=(subtype,)).get_content()


def test_secretary_gets_the_comment_when_staff_request_changes_and_a_mail_on_approval(
    client, db, login_as, submitted, smtp_server
):
    inbox = smtp_server()
    proposal, secretary, staff = submitted
    login_as(staff)

    response = decide(client, proposal, action="request_changes", comment=COMMENT)
    assert response.status_code == 303
    [changes] = inbox.to("sabine@fc-testhausen.example")
    assert changes["Subject"] == "City staff ask for changes to “Youth tournament”."
    assert changes["From"] == "Twinning office <twinning@testhausen.example>"
    link = f"https://twinning.testhausen.example/proposals/{proposal.id}"
    for part in (body(changes, "plain"), body(changes, "html")):
        assert COMMENT in part
        assert link in part
    assert "Hello Sabine Secretary" in body(changes, "plain")

    # The organisation resubmits, staff approve: a second mail.
    proposal.state = ProposalState.SUBMITTED
    db.session.commit()
    assert decide(client, proposal, action="approve").status_code == 303
    mails = inbox.to("sabine@fc-testhausen.example")
    assert len(mails) == 2
    assert mails[1]["Subject"] == "“Youth tournament” is approved and in the partnership calendar."
    assert link in body(mails[1], "plain")
    # The reviewer does not mail herself.
    assert inbox.to(staff.email) == []


def test_a_failing_mail_server_leaves_the_decision_made_and_send_mail_retries(
    app, db, client, login_as, submitted, smtp_server
):
    proposal, secretary, staff = submitted
    login_as(staff)
    # Nothing listens on the mail port yet: the server is down.
    response = decide(client, proposal, action="request_changes", comment=COMMENT)
    assert response.status_code == 303
    db.session.refresh(proposal)
    assert proposal.state == ProposalState.CHANGES_REQUESTED
    mail = db.session.scalar(sa.select(OutboxMail).where(OutboxMail.recipient == secretary.email))
    assert mail.state == MailState.FAILED
    assert mail.attempts == 1
    assert "Connection" in mail.last_error or "refused" in mail.last_error.lower()

    # The outbox shows staff what failed.
    page = client.get("/outbox/?state=failed").get_data(as_text=True)
    assert secretary.email in page and mail.last_error in page

    inbox = smtp_server()
    result = app.test_cli_runner().invoke(args=["send-mail"])
    assert result.exit_code == 0, result.output
    db.session.refresh(mail)
    assert mail.state == MailState.SENT and mail.attempts == 2 and mail.last_error == ""
    [delivered] = inbox.to(secretary.email)
    assert COMMENT in body(delivered, "plain")

    # Sent mails are not sent again.
    app.test_cli_runner().invoke(args=["send-mail"])
    assert len(inbox.to(secretary.email)) == 1


def test_a_rolled_back_change_sends_nothing(app, db, submitted, smtp_server):
    from clubs_exchange.review.decisions import decide as take_decision

    inbox = smtp_server()
    proposal, _secretary, staff = submitted
    take_decision(proposal, proposal_action("request_changes"), actor=staff, comment=COMMENT)
    db.session.rollback()
    app.test_cli_runner().invoke(args=["send-mail"])
    assert inbox.messages == []
    assert db.session.scalar(sa.select(sa.func.count()).select_from(OutboxMail)) == 0


def proposal_action(value):
    from clubs_exchange.proposals.models import ProposalAction

    return ProposalAction(value)


def test_an_invitation_is_mailed_with_its_one_time_link(client, login_as, make_user, make_org, smtp_server):
    inbox = smtp_server()
    organisation = make_org(name="Kammerchor Nord")
    login_as(make_user(role=UserRole.STAFF, name="Stefan Staff"))
    response = client.post("/accounts/invite", buffered=True, data={
        "email": "nina@example.org", "name": "Nina", "role": "member", "organisation_id": str(organisation.id),
        "function": "teacher"})
    assert response.status_code == 200
    [mail] = inbox.to("nina@example.org")
    text = body(mail, "plain")
    assert "https://twinning.testhausen.example/invitation/" in text
    assert "Kammerchor Nord" in text and "Stefan Staff" in text
    # The link in the mail is the one shown to the inviter.
    link = next(line for line in text.splitlines() if "/invitation/" in line).strip()
    assert link.replace("https://twinning.testhausen.example", "") in response.get_data(as_text=True)


def test_a_sent_mail_names_its_outbox_row():
    """X-Outbox-Mail: a receiver (and the soak, bench/soak.py) tells one mail sent twice from two mails alike."""
    from clubs_exchange.mail.models import OutboxMail
    from clubs_exchange.mail.smtp import as_message

    message = as_message(OutboxMail(id=42, recipient="a@example.org", subject="S", text_body="T"), "x@example.org")
    assert message["X-Outbox-Mail"] == "42"
