"""CSRF protection switched on, as in production: plain forms carry the hidden field, htmx the header."""

import re

import pytest

from clubs_exchange.auth.models import UserRole
from tests.conftest import PASSWORD


@pytest.fixture
def app_config(app_config):
    return {**app_config, "WTF_CSRF_ENABLED": True}


def hidden_token(html: str) -> str:
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html) or re.search(
        r'value="([^"]+)"[^>]*name="csrf_token"', html
    )
    return match.group(1)


def test_login_without_token_is_refused_with_a_clear_page(client, make_user):
    make_user(email="clara@example.org")
    response = client.post("/login", data={"email": "clara@example.org", "password": PASSWORD})
    assert response.status_code in (400, 422)
    assert "security token" in response.get_data(as_text=True) or "CSRF" in response.get_data(as_text=True)


def test_login_with_the_token_from_the_form_works(client, make_user):
    make_user(email="clara@example.org")
    token = hidden_token(client.get("/login").get_data(as_text=True))
    response = client.post("/login", data={"email": "clara@example.org", "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 303


def test_logout_without_token_is_refused(client, make_user, login_as):
    login_as(make_user())
    assert client.post("/logout").status_code == 400
    assert client.get("/account").status_code == 200


def test_htmx_requests_send_the_token_in_a_header(client, make_user, make_org, login_as):
    login_as(make_user(role=UserRole.STAFF))
    page = client.get("/accounts/invite").get_data(as_text=True)
    header_token = re.search(r'hx-headers=\'\{"X-CSRFToken": "([^"]+)"\}\'', page).group(1)
    data = {"email": "n@example.org", "role": "staff", "organisation_id": "", "function": "member"}
    refused = client.post("/accounts/invite", data=data, headers={"HX-Request": "true"})
    assert refused.status_code == 400
    assert "<html" not in refused.get_data(as_text=True)
    accepted = client.post("/accounts/invite", data=data, headers={"HX-Request": "true", "X-CSRFToken": header_token})
    assert accepted.status_code == 200
