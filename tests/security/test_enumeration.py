"""Nobody learns who has an account: not from the answer, nor from how long it takes.

Before: a known address took ≈110 ms to refuse and an unknown one ≈5 ms (the password was hashed for known ones
only); /register said "An account with this e-mail exists already". The work is compared by counting the
password hashings, never by timing.
"""

import hashlib

import pytest
import sqlalchemy as sa

from clubs_exchange.auth.models import UserRole
from clubs_exchange.mail.models import OutboxMail
from clubs_exchange.notifications.models import Notification
from clubs_exchange.organisations.models import Organisation
from tests.helpers import PASSWORD


@pytest.fixture
def hashings(monkeypatch):
    """How often a password was hashed (werkzeug's scrypt or pbkdf2): the slow part of a login."""
    calls = []
    for name in ("scrypt", "pbkdf2_hmac"):
        real = getattr(hashlib, name)

        def counting(*args, _real=real, **kwargs):
            calls.append(1)
            return _real(*args, **kwargs)

        monkeypatch.setattr(hashlib, name, counting)
    return calls


@pytest.fixture
def stand_in_ready(client):
    """The stand-in hash for addresses without an account is made once per process, on first use: made here,
    so that only the work of each request is counted."""
    client.post("/login", data={"email": "warm-up@example.org", "password": "x"})


def work_of(hashings, request) -> tuple[int, object]:
    before = len(hashings)
    response = request()
    return len(hashings) - before, response


def flashes(client) -> list[str]:
    with client.session_transaction() as session:
        return [message for _category, message in session.pop("_flashes", [])]


def mails(db) -> list[tuple[str, str]]:
    return [(m.recipient, m.subject) for m in db.session.scalars(sa.select(OutboxMail).order_by(OutboxMail.id))]


def test_a_login_refused_for_an_unknown_address_does_the_same_work_as_for_a_known_one(client, make_user,
                                                                                      stand_in_ready, hashings):
    make_user(email="clara@example.org")
    make_user(email="gone@example.org", active=False)

    def log_in(email, password="wrong guess"):
        return lambda: client.post("/login", data={"email": email, "password": password})

    known = work_of(hashings, log_in("clara@example.org"))
    unknown = work_of(hashings, log_in("nobody@example.org"))
    disabled = work_of(hashings, log_in("gone@example.org", PASSWORD))
    assert known[0] == unknown[0] == disabled[0] == 1
    assert known[1].status_code == unknown[1].status_code == disabled[1].status_code == 422
    assert "E-mail or password is wrong" in unknown[1].get_data(as_text=True)


REGISTRATION = {"organisation_name": "Kammerchor Nord", "kind": "choir_music", "name": "Clara Chor",
                "password": "long enough words", "confirm": "long enough words"}


def test_registering_with_a_known_address_answers_as_for_a_new_one_and_mails_the_owner(client, db, make_user,
                                                                                       stand_in_ready, hashings):
    owner = make_user(email="clara@example.org", name="Clara Weber")
    staff = make_user(role=UserRole.STAFF)

    work_new, new = work_of(hashings, lambda: client.post(
        "/register", data={**REGISTRATION, "email": "nina@example.org"}))
    told_new = flashes(client)
    work_known, known = work_of(hashings, lambda: client.post(
        "/register", data={**REGISTRATION, "organisation_name": "Chor Süd", "email": "Clara@Example.org"}))
    told_known = flashes(client)

    answer_new = (new.status_code, new.headers["Location"])
    assert (known.status_code, known.headers["Location"]) == answer_new == (303, "/login")
    assert [m.replace("nina@example.org", "…") for m in told_new] == [m.replace("clara@example.org", "…")
                                                                       for m in told_known]
    assert "check your mail" in told_new[0].lower()
    assert work_known == work_new == 1
    assert client.get("/account").status_code == 302  # nobody is logged in by registering

    # Nothing is registered with the known address; its owner hears of the attempt, with the ways back in.
    assert db.session.scalars(sa.select(Organisation.name)).all() == ["Kammerchor Nord"]
    to_owner = db.session.scalars(sa.select(OutboxMail).where(OutboxMail.recipient == owner.email)).all()
    assert [m.subject for m in to_owner] == ["Someone tried to register with your e-mail address"]
    body = to_owner[0].text_body
    assert "Hello Clara Weber" in body and "Chor Süd" in body
    assert "/login" in body and "/forgot-password" in body
    # The new address gets its own mail; staff hear of the new organisation only.
    assert ("nina@example.org", "Kammerchor Nord is registered") in mails(db)
    notes = db.session.scalars(sa.select(Notification.message).where(Notification.user_id == staff.id)).all()
    assert notes == ["Kammerchor Nord registered and waits for verification."]


def test_forgot_password_answers_alike_for_known_unknown_and_disabled_addresses(client, db, make_user, hashings):
    make_user(email="petra@example.org")
    make_user(email="gone@example.org", active=False)
    answers = []
    for email in ("petra@example.org", "nobody@example.org", "gone@example.org"):
        work, response = work_of(hashings, lambda e=email: client.post("/forgot-password", data={"email": e}))
        answers.append((work, response.status_code, response.headers["Location"],
                        [m.replace(email, "…") for m in flashes(client)]))
    assert answers[0] == answers[1] == answers[2]
    assert answers[0][:3] == (0, 303, "/login")
    assert [recipient for recipient, _subject in mails(db)] == ["petra@example.org"]
