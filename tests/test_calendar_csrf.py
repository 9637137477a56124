"""With CSRF protection on, as in production: replacing the calendar token needs the form's token."""

import re

import pytest


@pytest.fixture
def app_config(app_config):
    return {**app_config, "WTF_CSRF_ENABLED": True}


@pytest.fixture
def member(make_org, make_user):
    return make_user(make_org())


def csrf_token_from(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def test_new_addresses_without_the_csrf_token_are_refused(db, login_as, member):
    client = login_as(member)
    old = member.calendar_token
    client.get("/calendar/subscribe")
    response = client.post("/calendar/subscribe/token")
    assert response.status_code == 400
    assert "without a valid security token" in response.get_data(as_text=True)
    db.session.refresh(member)
    assert member.calendar_token == old
    assert client.get(f"/calendar/feed/{old}.ics").status_code == 200


def test_new_addresses_with_the_forms_csrf_token_work(db, login_as, member):
    client = login_as(member)
    old = member.calendar_token
    token = csrf_token_from(client.get("/calendar/subscribe").get_data(as_text=True))
    response = client.post("/calendar/subscribe/token", data={"csrf_token": token})
    assert response.status_code == 303
    db.session.refresh(member)
    assert member.calendar_token != old
    assert client.get(f"/calendar/feed/{old}.ics").status_code == 404


def test_htmx_sends_the_csrf_token_in_a_header(db, login_as, member, htmx_headers):
    client = login_as(member)
    old = member.calendar_token
    html = client.get("/calendar/subscribe").get_data(as_text=True)
    header_token = re.search(r'hx-headers=\'\{"X-CSRFToken": "([^"]+)"\}\'', html).group(1)
    response = client.post("/calendar/subscribe/token", headers={**htmx_headers, "X-CSRFToken": header_token})
    assert response.status_code == 204
    db.session.refresh(member)
    assert member.calendar_token != old


def test_feeds_and_pages_are_plain_gets_and_need_no_token(login_as, member):
    assert login_as(member).get("/calendar/?year=2031&month=6").status_code == 200
    assert login_as(member).get(f"/calendar/feed/{member.calendar_token}.ics").status_code == 200
