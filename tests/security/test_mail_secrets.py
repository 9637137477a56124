"""Secrets out of sight: a reset or invitation link is never on the outbox page nor in the log (staff would become
administrator with an administrator's link); the operator reads a mail whole with `flask show-mail ID`; the mail
that goes out by SMTP carries the real link; a new reset link ends the older ones."""

import logging
import re

import pytest
import sqlalchemy as sa

from clubs_exchange.auth.models import Invitation
from clubs_exchange.mail.models import MailState, OutboxMail

RESET = re.compile(r"/reset-password/([\w.-]+)")
INVITATION = re.compile(r"/invitation/([\w.-]+)")


def mail_to(db, address: str) -> OutboxMail:
    [mail] = db.session.scalars(sa.select(OutboxMail).where(OutboxMail.recipient == address))
    return mail


def token_in(pattern, text: str) -> str:
    found = pattern.search(text)
    assert found, text
    return found.group(1)


def forgot_password(client, email: str):
    # buffered: the client closes the response as a server does, which sends (here: logs) the mail.
    return client.post("/forgot-password", data={"email": email}, buffered=True)


def everything_logged(caplog) -> str:
    return "\n".join(record.getMessage() for record in caplog.records)


def test_staff_do_not_read_an_administrators_reset_link_on_the_outbox_page_or_in_the_log(
    client, db, login_as, admin, staff, caplog
):
    caplog.set_level(logging.INFO)
    forgot_password(client, admin.email)
    mail = mail_to(db, admin.email)
    assert mail.state == MailState.LOGGED
    token = token_in(RESET, mail.text_body)
    assert len(token) > 20

    login_as(staff)
    for page in (client.get("/outbox/"), client.get("/outbox/?state=logged", headers={"HX-Request": "true"})):
        html = page.get_data(as_text=True)
        assert page.status_code == 200
        assert "Choose a new password" in html and admin.email in html  # staff still see that it went out
        assert token not in html and token[:16] not in html
    assert admin.email in everything_logged(caplog)
    assert token not in everything_logged(caplog) and token[:16] not in everything_logged(caplog)

    # The link is genuine: whoever has it could set the administrator's password.
    client.post("/logout")
    assert client.get(f"/reset-password/{token}").status_code == 200


def test_staff_do_not_read_an_invitation_link_for_a_new_administrator(client, db, login_as, admin, staff, caplog):
    caplog.set_level(logging.INFO)
    login_as(admin)
    response = client.post("/accounts/invite", buffered=True, data={
        "email": "new.boss@example.org", "name": "New Boss", "role": "admin", "organisation_id": "",
        "function": "member"})
    assert response.status_code == 200
    token = token_in(INVITATION, mail_to(db, "new.boss@example.org").text_body)
    # Only the administrator who invited sees the link on the page after inviting.
    assert token in response.get_data(as_text=True)

    login_as(staff)
    html = client.get("/outbox/").get_data(as_text=True)
    assert "new.boss@example.org" in html
    assert token not in html and token[:12] not in html
    assert token not in everything_logged(caplog) and token[:12] not in everything_logged(caplog)


def test_only_administrators_create_an_invitation_for_an_administrator(client, db, login_as, staff):
    login_as(staff)
    response = client.post("/accounts/invite", buffered=True, data={
        "email": "new.boss@example.org", "name": "New Boss", "role": "admin", "organisation_id": "",
        "function": "member"})
    assert response.status_code == 422
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Invitation)) == 0
    assert db.session.scalar(sa.select(sa.func.count()).select_from(OutboxMail)) == 0


def test_show_mail_prints_the_whole_mail_on_the_command_line(app, client, db, admin):
    forgot_password(client, admin.email)
    mail = mail_to(db, admin.email)
    token = token_in(RESET, mail.text_body)
    runner = app.test_cli_runner()

    result = runner.invoke(args=["show-mail", str(mail.id)])
    assert result.exit_code == 0, result.output
    assert admin.email in result.output and "Choose a new password" in result.output
    assert f"/reset-password/{token}" in result.output
    html = runner.invoke(args=["show-mail", "--html", str(mail.id)])
    assert html.exit_code == 0 and f'href="http://127.0.0.1:5000/reset-password/{token}"' in html.output

    missing = runner.invoke(args=["show-mail", "99999"])
    assert missing.exit_code != 0 and "No mail 99999" in missing.output


class TestThroughSmtp:
    @pytest.fixture
    def app_config(self, mail_config):
        return mail_config

    def test_the_sent_mail_carries_the_real_link_and_the_outbox_keeps_only_the_masked_one(
        self, client, db, login_as, admin, staff, smtp_server
    ):
        inbox = smtp_server()
        forgot_password(client, admin.email)
        [message] = inbox.to(admin.email)
        text = message.get_body(preferencelist=("plain",)).get_content()
        html = message.get_body(preferencelist=("html",)).get_content()
        token = token_in(RESET, text)
        assert f"https://twinning.testhausen.example/reset-password/{token}" in text
        assert f"/reset-password/{token}" in html

        # Delivered: the stored copy (the outbox page, backups of the database) no longer holds the link.
        mail = mail_to(db, admin.email)
        assert mail.state == MailState.SENT
        assert token not in mail.text_body and token not in mail.html_body
        login_as(staff)
        assert token not in client.get("/outbox/").get_data(as_text=True)

        client.post("/logout")
        assert client.get(f"/reset-password/{token}").status_code == 200


def test_a_new_reset_link_ends_the_older_ones(client, db, make_user):
    user = make_user(email="petra@example.org")
    forgot_password(client, user.email)
    first = token_in(RESET, mail_to(db, user.email).text_body)
    assert client.get(f"/reset-password/{first}").status_code == 200

    db.session.execute(sa.delete(OutboxMail))
    db.session.commit()
    forgot_password(client, user.email)
    second = token_in(RESET, mail_to(db, user.email).text_body)
    assert second != first
    assert client.get(f"/reset-password/{first}").status_code == 404
    assert client.get(f"/reset-password/{second}").status_code == 200
    new_password = {"password": "a new secret 77", "confirm": "a new secret 77"}
    response = client.post(f"/reset-password/{second}", data=new_password)
    assert response.status_code == 303
    assert client.get(f"/reset-password/{second}").status_code == 404
