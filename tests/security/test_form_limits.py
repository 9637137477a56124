"""The other forms that face the internet: forgot password, registration and accepting an invitation are limited
(POSTs only: the pages stay open), and each mail-sending form per e-mail address too (nobody floods a mailbox)."""

import pytest
import sqlalchemy as sa

from clubs_exchange.auth.invitations import create_invitation
from clubs_exchange.mail.models import OutboxMail


@pytest.fixture
def app_config(app_config):
    return {**app_config, "RATELIMIT_ENABLED": True,
            "FORGOT_PASSWORD_LIMIT": "2 per hour", "FORGOT_PASSWORD_CLIENT_LIMIT": "3 per hour",
            "REGISTER_LIMIT": "2 per hour", "REGISTER_CLIENT_LIMIT": "3 per hour",
            "INVITATION_LIMIT": "2 per hour"}


def mails_to(db, address):
    return list(db.session.scalars(sa.select(OutboxMail).where(OutboxMail.recipient == address)))


def from_client(n: int) -> dict:
    return {"environ_base": {"REMOTE_ADDR": f"203.0.113.{n}"}}


def registration(email: str, n: int) -> dict:
    return {"organisation_name": f"Chor {n}", "kind": "choir_music", "name": "Clara", "email": email,
            "password": "long enough words", "confirm": "long enough words"}


def test_reset_links_for_one_address_are_limited_from_anywhere(client, db, make_user):
    make_user(email="petra@example.org")
    answers = [client.post("/forgot-password", data={"email": "petra@example.org"}, **from_client(n)).status_code
               for n in range(3)]
    assert answers == [303, 303, 429]
    assert len(mails_to(db, "petra@example.org")) == 2
    assert client.get("/forgot-password").status_code == 200


def test_reset_links_from_one_client_are_limited_whatever_the_address(client):
    answers = [client.post("/forgot-password", data={"email": f"guess{n}@example.org"}, **from_client(1)).status_code
               for n in range(4)]
    assert answers == [303, 303, 303, 429]
    response = client.post("/forgot-password", data={"email": "guess9@example.org"}, **from_client(1))
    assert "Please try again in 60 minutes" in response.get_data(as_text=True)


def test_registrations_from_one_client_are_limited(client, db):
    answers = [client.post("/register", data=registration(f"c{n}@example.org", n), **from_client(1)).status_code
               for n in range(4)]
    assert answers == [303, 303, 303, 429]
    assert db.session.scalar(sa.select(sa.func.count()).select_from(OutboxMail).where(
        OutboxMail.recipient == "c3@example.org")) == 0
    assert client.get("/register", **from_client(1)).status_code == 200


def test_registrations_with_one_address_are_limited_from_anywhere(client, make_user, db):
    make_user(email="clara@example.org")
    answers = [client.post("/register", data=registration("clara@example.org", n), **from_client(n)).status_code
               for n in range(3)]
    assert answers == [303, 303, 429]
    assert len(mails_to(db, "clara@example.org")) == 2


def test_accepting_invitations_is_limited_per_client_so_links_cannot_be_guessed(client, db, make_org):
    invitation, token = create_invitation(email="nina@example.org", organisation=make_org(), invited_by=None)
    db.session.commit()
    data = {"name": "Nina", "password": "long enough words", "confirm": "other"}
    answers = [client.post(f"/invitation/guess-{n}", data=data).status_code for n in range(2)]
    assert answers == [404, 404]
    assert client.post(f"/invitation/{token}", data=data).status_code == 429
    assert client.get(f"/invitation/{token}").status_code == 200
    assert client.post(f"/invitation/{token}", data=data, **from_client(2)).status_code == 422
