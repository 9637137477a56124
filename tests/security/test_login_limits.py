"""Guessing passwords: refused logins are limited per e-mail address (from anywhere) and per client address.

Before: 200 wrong passwords in 23 s were all answered, and then the right one worked.
"""

import re

import pytest

from clubs_exchange.config import Config
from tests.helpers import PASSWORD

pytestmark = pytest.mark.usefixtures("quick_refusals")  # tests/security/conftest.py


@pytest.fixture
def app_config(app_config):
    return {**app_config, "RATELIMIT_ENABLED": True, "LOGIN_LIMIT": "3 per 15 minutes",
            "LOGIN_CLIENT_LIMIT": "5 per 15 minutes"}


def log_in(client, email, password, *, client_address="127.0.0.1", **kwargs):
    return client.post("/login", data={"email": email, "password": password},
                       environ_base={"REMOTE_ADDR": client_address}, **kwargs)


def test_after_the_limit_of_wrong_passwords_even_the_right_one_waits_and_the_page_says_how_long(client, make_user):
    make_user(email="clara@example.org")
    for _ in range(3):
        assert log_in(client, "clara@example.org", "wrong guess").status_code == 422
    response = log_in(client, "Clara@Example.org ", PASSWORD)
    assert response.status_code == 429
    assert 14 * 60 < int(response.headers["Retry-After"]) <= 15 * 60
    html = response.get_data(as_text=True)
    assert "<h1>Too many attempts</h1>" in html
    assert re.search(r"Please try again in 15 minutes \(from \d\d?:\d\d[^)]*\)", html)
    assert client.get("/account").status_code == 302  # not logged in
    # The page itself stays open: only sending the form waits.
    assert client.get("/login").status_code == 200


def test_an_address_is_limited_whichever_client_guesses(client, make_user):
    make_user(email="clara@example.org")
    for n in range(3):
        assert log_in(client, "clara@example.org", "wrong", client_address=f"203.0.113.{n}").status_code == 422
    assert log_in(client, "clara@example.org", "wrong", client_address="198.51.100.9").status_code == 429
    # Another person's address from the same clients is not locked.
    assert log_in(client, "other@example.org", "wrong", client_address="203.0.113.0").status_code == 422


def test_a_client_is_limited_whichever_addresses_it_tries(client):
    for n in range(5):
        assert log_in(client, f"guess{n}@example.org", "wrong", client_address="203.0.113.7").status_code == 422
    assert log_in(client, "guess9@example.org", "wrong", client_address="203.0.113.7").status_code == 429
    assert log_in(client, "guess9@example.org", "wrong", client_address="198.51.100.1").status_code == 422


def test_only_refused_logins_count(client, make_user):
    make_user(email="clara@example.org")
    for _ in range(4):  # more than the limit: a person logging in and out all day is never locked out
        assert log_in(client, "clara@example.org", PASSWORD).status_code == 303
        client.post("/logout")
    for _ in range(3):
        assert log_in(client, "clara@example.org", "wrong").status_code == 422
    assert log_in(client, "clara@example.org", PASSWORD).status_code == 429


def test_an_htmx_request_gets_a_fragment_that_says_how_long(client):
    for _ in range(3):
        log_in(client, "nobody@example.org", "wrong")
    response = log_in(client, "nobody@example.org", "wrong", headers={"HX-Request": "true"})
    assert response.status_code == 429
    assert int(response.headers["Retry-After"]) > 0
    html = response.get_data(as_text=True)
    assert "<html" not in html and 'role="alert"' in html
    assert "Please try again in 15 minutes" in html


def test_the_shipped_limit_is_ten_refusals_per_address_in_15_minutes(app_config, make_app):
    assert Config.LOGIN_LIMIT == "10 per 15 minutes"
    assert Config.RATELIMIT_ENABLED is True and Config.RATELIMIT_STORAGE_URI == "memory://"
    shipped = {key: value for key, value in app_config.items() if not key.startswith("LOGIN_")}
    client = make_app(shipped).test_client()
    answers = [log_in(client, "nobody@example.org", "wrong", client_address=f"203.0.113.{n}").status_code
               for n in range(11)]
    assert answers == [422] * 10 + [429]
