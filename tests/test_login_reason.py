"""An anonymous visitor sent to the login page learns why ("Log in to see the partnership calendar"), and the
page they asked for is where the login leads, never another site."""

import pytest

from tests.helpers import PASSWORD


def test_see_the_partnership_calendar_leads_to_a_login_that_says_why(client):
    start = client.get("/").get_data(as_text=True)
    assert 'href="/calendar/"' in start  # "See the partnership calendar"
    response = client.get("/calendar/", follow_redirects=True)
    assert response.request.path == "/login"
    page = response.get_data(as_text=True)
    assert "Log in to see the partnership calendar." in page


@pytest.mark.parametrize("path", ["/calendar/list?from=2031-06-01", "/calendar/subscribe"])
def test_every_calendar_page_gives_the_calendar_reason(client, path):
    page = client.get(path, follow_redirects=True).get_data(as_text=True)
    assert "Log in to see the partnership calendar." in page


def test_another_page_gives_the_general_reason(client):
    page = client.get("/proposals/", follow_redirects=True).get_data(as_text=True)
    assert "Log in to see the page you asked for." in page
    assert "partnership calendar." not in page


def test_the_login_page_on_its_own_gives_no_reason(client):
    page = client.get("/login").get_data(as_text=True)
    assert "Log in to see" not in page


@pytest.mark.parametrize("target", ["https://evil.example/calendar/", "//evil.example/calendar/",
                                    "/\\evil.example/calendar/", "/\tevil", "javascript:alert(1)"])
def test_a_next_off_the_site_gives_no_reason_and_is_not_followed(client, make_user, target):
    page = client.get("/login", query_string={"next": target}).get_data(as_text=True)
    assert "Log in to see" not in page
    user = make_user(email="sabine@example.org")
    response = client.post("/login", query_string={"next": target},
                           data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 303
    assert response.headers["Location"] == "/"


def test_after_the_login_the_calendar_opens(client, make_user):
    user = make_user(email="sabine@example.org")
    response = client.post("/login", query_string={"next": "/calendar/?year=2031&month=6"},
                           data={"email": user.email, "password": PASSWORD})
    assert response.headers["Location"] == "/calendar/?year=2031&month=6"
