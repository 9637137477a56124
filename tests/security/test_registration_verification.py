"""A self-registered account proves its e-mail address before it can log in (issue 11, part 8).

Before: /register created an account that could log in at once, with any address, someone else's included; that
account then read every organisation's contacts. Now the registration mail carries a signed link from BASE_URL,
valid for EMAIL_VERIFICATION_HOURS; the login is refused until the link is used; a new link can be asked for with
the same answer whatever the address, a few times an hour; each new link ends the older ones.
"""

import re
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from clubs_exchange import clock
from clubs_exchange.auth.invitations import create_invitation
from clubs_exchange.auth.models import User
from clubs_exchange.auth.password_reset import reset_token
from clubs_exchange.mail.models import OutboxMail
from clubs_exchange.organisations.models import Organisation
from tests.helpers import PASSWORD

BASE = "https://twinning.testhausen.example"
VERIFY = re.compile(r"https?://[^\s\"'<>]+/verify-email/([\w.-]+)")
REGISTRATION = {"organisation_name": "Kammerchor Nord", "kind": "choir_music", "name": "Clara Chor",
                "email": "clara@example.org", "password": PASSWORD, "confirm": PASSWORD}
LOGIN = {"email": "clara@example.org", "password": PASSWORD}


@pytest.fixture
def app_config(app_config):
    return {**app_config, "BASE_URL": BASE}


def mails_to(db, address: str) -> list[OutboxMail]:
    return list(db.session.scalars(sa.select(OutboxMail).where(OutboxMail.recipient == address)
                                   .order_by(OutboxMail.id)))


def link_in(mail: OutboxMail) -> str:
    found = VERIFY.search(mail.text_body)
    assert found, mail.text_body
    assert found.group(0) in mail.html_body
    return found.group(0)


def path_of(link: str) -> str:
    assert link.startswith(BASE + "/verify-email/"), link
    return link.removeprefix(BASE)


def flashes(client) -> list[str]:
    with client.session_transaction() as session:
        return [message for _category, message in session.pop("_flashes", [])]


def register(client, db, **changes) -> str:
    """Register; the path of the confirmation link in the mail."""
    response = client.post("/register", data={**REGISTRATION, **changes})
    assert (response.status_code, response.headers["Location"]) == (303, "/login")
    assert "check your mail" in flashes(client)[0]
    [mail] = [m for m in mails_to(db, changes.get("email", REGISTRATION["email"])) if "is registered" in m.subject]
    return path_of(link_in(mail))


def account(db, email="clara@example.org") -> User:
    db.session.expire_all()
    return db.session.scalar(sa.select(User).where(User.email == email))


def logged_in(client) -> bool:
    return client.get("/account").status_code == 200


def test_register_then_confirm_by_the_link_in_the_mail_then_log_in(client, db):
    link = register(client, db)
    assert account(db).email_verified_at is None

    refused = client.post("/login", data=LOGIN)
    assert refused.status_code == 422
    html = refused.get_data(as_text=True)
    assert "Please confirm your e-mail address first" in html
    assert 'href="/verify-email"' in html  # the way to a new link
    assert not logged_in(client)

    # Opening the link (a mail scanner does) changes nothing; the button confirms.
    page = client.get(link)
    assert page.status_code == 200 and "Confirm that clara@example.org is your address" in page.get_data(as_text=True)
    assert account(db).email_verified_at is None
    confirmed = client.post(link)
    assert (confirmed.status_code, confirmed.headers["Location"]) == (303, "/login")
    assert flashes(client) == ["Your e-mail address is confirmed. Please log in."]
    assert not logged_in(client)  # the link itself logs nobody in

    assert client.post("/login", data=LOGIN).status_code == 303
    assert logged_in(client)

    # The link once more: harmless, it says so and changes nothing.
    client.post("/logout")
    verified_at = account(db).email_verified_at
    again = client.get(link)
    assert again.status_code == 200 and "confirmed already" in again.get_data(as_text=True)
    assert client.post(link).status_code == 200
    assert account(db).email_verified_at == verified_at


def test_a_link_older_than_the_setting_is_refused_with_the_way_to_a_new_one(client, db, app):
    assert app.config["EMAIL_VERIFICATION_HOURS"] == 48
    start = datetime(2027, 3, 1, 9, 0, tzinfo=UTC)
    with clock.frozen(start):
        link = register(client, db)
    with clock.frozen(start + timedelta(hours=48, minutes=1)):
        for answer in (client.get(link), client.post(link)):
            assert answer.status_code == 404
            html = answer.get_data(as_text=True)
            assert "has run out (it works for 48 hours)" in html
            assert 'href="/verify-email"' in html
        assert account(db).email_verified_at is None
        assert client.post("/login", data=LOGIN).status_code == 422
    with clock.frozen(start + timedelta(hours=47, minutes=59)):  # the same link within its time works
        assert client.post(link).status_code == 303
    assert account(db).email_verified_at is not None


@pytest.mark.parametrize("tamper", [
    lambda token: token[:-2] + ("AA" if not token.endswith("AA") else "BB"),  # the signature
    lambda token: "x" + token,  # the data
    lambda token: token.split(".")[0],  # the data without time and signature
])
def test_a_tampered_link_is_refused_and_confirms_nothing(tamper, client, db):
    token = register(client, db).rsplit("/", 1)[1]
    bad = tamper(token)
    for answer in (client.get(f"/verify-email/{bad}"), client.post(f"/verify-email/{bad}")):
        assert answer.status_code == 404
        assert 'href="/verify-email"' in answer.get_data(as_text=True)
    assert account(db).email_verified_at is None


def test_a_password_reset_token_of_the_account_does_not_confirm_it(client, db):
    """Another link's token, signed with the same secret key but for another purpose."""
    register(client, db)
    user = account(db)
    token = reset_token(user)
    db.session.commit()
    assert client.post(f"/verify-email/{token}").status_code == 404
    assert account(db).email_verified_at is None


def test_asking_for_a_new_link_answers_alike_for_every_address_and_ends_the_older_link(client, db, make_user):
    first_link = register(client, db)
    make_user(email="petra@example.org")  # confirmed (invited)
    make_user(email="gone@example.org", active=False, email_verified_at=None)
    before = {m.id for m in db.session.scalars(sa.select(OutboxMail))}

    answers = []
    for email in ("clara@example.org", "nobody@example.org", "petra@example.org", "gone@example.org"):
        response = client.post("/verify-email", data={"email": email})
        answers.append((response.status_code, response.headers["Location"],
                        [m.replace(email, "…") for m in flashes(client)]))
    assert answers[0] == answers[1] == answers[2] == answers[3]
    assert answers[0][:2] == (303, "/login")
    assert "a new link is on its way" in answers[0][2][0]

    new = [m for m in db.session.scalars(sa.select(OutboxMail)) if m.id not in before]
    assert [(m.recipient, m.subject) for m in new] == [("clara@example.org", "Confirm your e-mail address")]
    new_link = path_of(link_in(new[0]))
    assert new_link != first_link
    assert client.post(first_link).status_code == 404  # the older mail's link ended
    assert client.post(new_link).status_code == 303
    assert client.post("/login", data=LOGIN).status_code == 303


def test_the_link_is_masked_on_the_outbox_page(client, db, login_as, staff):
    token = register(client, db).rsplit("/", 1)[1]
    login_as(staff)
    html = client.get("/outbox/").get_data(as_text=True)
    assert "Kammerchor Nord is registered" in html
    assert token not in html and token[:16] not in html


def test_registering_again_with_a_waiting_address_tells_nobody_it_is_taken(client, db):
    register(client, db)
    new = client.post("/register", data={**REGISTRATION, "email": "nina@example.org", "organisation_name": "Chor A"})
    told_new = [m.replace("nina@example.org", "…") for m in flashes(client)]
    again = client.post("/register", data={**REGISTRATION, "organisation_name": "Chor B"})
    told_again = [m.replace("clara@example.org", "…") for m in flashes(client)]
    assert (again.status_code, again.headers["Location"]) == (new.status_code, new.headers["Location"])
    assert told_again == told_new
    assert "Chor B" not in db.session.scalars(sa.select(Organisation.name)).all()
    # The owner hears of it, with the way to a new confirmation link.
    [attempt] = [m for m in mails_to(db, "clara@example.org") if m.subject.startswith("Someone tried")]
    assert f"{BASE}/verify-email" in attempt.text_body
    assert client.post("/login", data=LOGIN).status_code == 422


def test_a_session_of_an_account_that_waits_for_confirmation_is_not_accepted(client, db, login_as, make_user):
    waiting = make_user(email_verified_at=None)
    login_as(waiting)
    assert not logged_in(client)


def test_a_reset_link_and_an_invitation_prove_the_address_too(client, db, make_user, make_org):
    register(client, db)
    client.post("/forgot-password", data={"email": "clara@example.org"})
    [reset] = [m for m in mails_to(db, "clara@example.org") if m.subject == "Choose a new password"]
    path = re.search(r"/reset-password/[\w.-]+", reset.text_body).group(0)
    assert client.post(path, data={"password": "another long one", "confirm": "another long one"}).status_code == 303
    assert client.post("/login", data={**LOGIN, "password": "another long one"}).status_code == 303
    client.post("/logout")

    _invitation, token = create_invitation(email="nina@example.org", organisation=make_org(), invited_by=None)
    db.session.commit()
    client.post(f"/invitation/{token}", data={"name": "Nina", "password": PASSWORD, "confirm": PASSWORD})
    assert account(db, "nina@example.org").email_verified_at is not None
    assert logged_in(client)


class TestLimits:
    @pytest.fixture
    def app_config(self, app_config):
        return {**app_config, "RATELIMIT_ENABLED": True, "VERIFICATION_LIMIT": "2 per hour",
                "VERIFICATION_CLIENT_LIMIT": "3 per hour"}

    def test_new_links_for_one_address_are_limited_from_anywhere(self, client, db):
        register(client, db)
        answers = [client.post("/verify-email", data={"email": "clara@example.org"},
                               environ_base={"REMOTE_ADDR": f"203.0.113.{n}"}).status_code for n in range(3)]
        assert answers == [303, 303, 429]
        assert [m.subject for m in mails_to(db, "clara@example.org")] == [
            "Kammerchor Nord is registered", "Confirm your e-mail address", "Confirm your e-mail address"]
        assert client.get("/verify-email").status_code == 200

    def test_new_links_from_one_client_are_limited_whatever_the_address(self, client):
        answers = [client.post("/verify-email", data={"email": f"guess{n}@example.org"},
                               environ_base={"REMOTE_ADDR": "203.0.113.1"}).status_code for n in range(4)]
        assert answers == [303, 303, 303, 429]


def test_the_migration_counts_the_accounts_already_there_as_confirmed(tmp_path):
    """Accounts from before the rule were invited, made by an administrator or registered when no mail was asked
    for: they keep logging in."""
    from flask_migrate import downgrade, upgrade

    from clubs_exchange import create_app
    from clubs_exchange.extensions import db

    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/old.db", "SECRET_KEY": "x", "TESTING": True})
    with app.app_context():
        upgrade(revision="d7a3f0b5c8e1")
        with db.engine.begin() as conn:
            conn.execute(sa.text(
                "INSERT INTO users (email, name, password_hash, role, active, calendar_token, password_reset_key, "
                "created_at, session_generation) VALUES ('old@example.org', 'Old', 'x', 'MEMBER', 1, 't', '', "
                "'2025-05-01 10:00:00', 0)"))
        upgrade()
        with db.engine.connect() as conn:
            row = conn.execute(sa.text("SELECT email_verified_at, email_verification_key FROM users")).one()
        assert (str(row[0])[:19], row[1]) == ("2025-05-01 10:00:00", "")
        downgrade(revision="d7a3f0b5c8e1")
        db.session.remove()
        db.engine.dispose()
