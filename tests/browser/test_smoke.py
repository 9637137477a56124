"""The login page in a real browser: htmx loads with its integrity hash, the form logs in."""

import pytest

pytestmark = pytest.mark.browser


def test_login_in_a_real_browser(page, live_server, make_user, browser_login, axe_violations, screenshot):
    page.goto(f"{live_server}/login")
    assert axe_violations() == []
    user = make_user(name="Clara Secretary")
    browser_login(user)
    assert page.evaluate("typeof htmx !== 'undefined' && htmx.version").startswith("2.0.")
    assert page.get_by_text("Welcome, Clara Secretary").is_visible()
    screenshot("start-page")
