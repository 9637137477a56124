"""Links in mails come from BASE_URL only, never from the Host header of the request that caused the mail; with
an SMTP server and no BASE_URL the app does not start; in development the links point to 127.0.0.1."""

import re

import pytest
import sqlalchemy as sa

from clubs_exchange import create_app
from clubs_exchange.mail.models import OutboxMail
from clubs_exchange.proposals.models import ProposalState

BASE = "https://twinning.testhausen.example"
# The request arrives with a Host header of somebody else's choosing (the test client sends it from base_url).
FOREIGN = "http://evil.example"
LINK = re.compile(r"""https?://[^\s"'<>]+""")


def mails_to(db, address: str) -> list[OutboxMail]:
    return list(db.session.scalars(sa.select(OutboxMail).where(OutboxMail.recipient == address)))


def links_of(mail: OutboxMail) -> list[str]:
    return LINK.findall(mail.text_body) + LINK.findall(mail.html_body)


def assert_links_start_with(mail: OutboxMail, base: str, path: str) -> None:
    links = links_of(mail)
    assert any(path in link for link in links), links
    for link in links:
        assert link.startswith(base + "/"), link
        assert "evil.example" not in link


def forgot_password(client, db, make_user):
    user = make_user(email="petra@example.org")
    response = client.post("/forgot-password", data={"email": user.email}, base_url=FOREIGN)
    assert response.status_code == 303
    [mail] = mails_to(db, user.email)
    return mail


def submit_proposal(client, db, make_org, make_user, make_proposal, staff):
    club = make_org(name="FC Testhausen")
    secretary = make_user(club, name="Sabine Secretary")
    draft = make_proposal(ProposalState.DRAFT, organisation=club, title="Summer concert")
    with client.session_transaction(base_url=FOREIGN) as session:  # logged in at the foreign host's cookies
        session["_user_id"] = secretary.get_id()  # "<id>:<session generation>"
    response = client.post(f"/proposals/{draft.id}/step",
                           data={"version": draft.version, "action": "submit"}, base_url=FOREIGN)
    assert response.status_code == 303
    [mail] = mails_to(db, staff.email)
    return mail, draft


class TestWithBaseUrl:
    @pytest.fixture
    def app_config(self, app_config):
        return {**app_config, "BASE_URL": BASE}

    def test_a_forgot_password_mail_links_to_base_url_whatever_the_host_header(self, client, db, make_user):
        mail = forgot_password(client, db, make_user)
        assert_links_start_with(mail, BASE, "/reset-password/")

    def test_a_submitted_proposal_mail_links_to_base_url(
        self, client, db, make_org, make_user, make_proposal, staff
    ):
        mail, draft = submit_proposal(client, db, make_org, make_user, make_proposal, staff)
        assert_links_start_with(mail, BASE, f"/review/{draft.id}")


class TestBaseUrlWithAPath:
    """An app reached under a path (https://city.example/twinning) keeps that path in every link, once."""

    @pytest.fixture
    def app_config(self, app_config):
        return {**app_config, "BASE_URL": "https://city.example/twinning/"}

    def test_the_path_is_kept_once(self, client, db, make_user):
        # Behind a proxy that passes the prefix on, the request itself runs under /twinning too.
        user = make_user(email="petra@example.org")
        response = client.post("/forgot-password", data={"email": user.email}, base_url=FOREIGN + "/twinning")
        assert response.status_code == 303
        [mail] = mails_to(db, user.email)
        assert_links_start_with(mail, "https://city.example/twinning", "/twinning/reset-password/")
        assert "/twinning/twinning/" not in mail.text_body


class TestDevelopment:
    """No BASE_URL and no SMTP server: the developer's own machine, on the port the app runs on."""

    def test_links_go_to_loopback_on_the_default_port(
        self, client, db, make_org, make_user, make_proposal, staff
    ):
        mail = forgot_password(client, db, make_user)
        assert_links_start_with(mail, "http://127.0.0.1:5000", "/reset-password/")
        mail, draft = submit_proposal(client, db, make_org, make_user, make_proposal, staff)
        assert_links_start_with(mail, "http://127.0.0.1:5000", f"/review/{draft.id}")

    @pytest.fixture
    def app_config(self, app_config, request):
        return {**app_config, **getattr(request, "param", {})}

    @pytest.mark.parametrize("app_config", [{"DEV_PORT": 8080}], indirect=True)
    def test_the_configured_port(self, client, db, make_user):
        mail = forgot_password(client, db, make_user)
        assert_links_start_with(mail, "http://127.0.0.1:8080", "/reset-password/")

    def test_a_mail_queued_outside_a_request_links_to_loopback_too(self, app, db, make_user, staff):
        from clubs_exchange.auth.password_reset import request_password_reset

        user = make_user(email="olga@example.org")
        request_password_reset(user.email)
        db.session.commit()
        [mail] = mails_to(db, user.email)
        assert_links_start_with(mail, "http://127.0.0.1:5000", "/reset-password/")


def test_an_smtp_server_without_base_url_refuses_to_start(app_config):
    with pytest.raises(RuntimeError, match="BASE_URL"):
        create_app({**app_config, "MAIL_SERVER": "smtp.example.org", "BASE_URL": ""})


@pytest.mark.parametrize("address", ["twinning.city.example", "ftp://twinning.city.example", "https://"])
def test_a_base_url_that_is_no_web_address_refuses_to_start(app_config, address):
    with pytest.raises(RuntimeError, match="BASE_URL"):
        create_app({**app_config, "BASE_URL": address})


def test_an_smtp_server_with_base_url_starts(app_config, make_app):
    app = make_app({**app_config, "MAIL_SERVER": "smtp.example.org", "BASE_URL": BASE})
    assert app.config["BASE_URL"] == BASE
