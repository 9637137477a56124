"""Guessing passwords in a real browser: after the limit the login form answers with a page that says when to try
again, readable and accessible like every other page; and registering ends on the login page with "check your
mail", whether or not the address had an account."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.fixture
def app_config(app_config):
    return {**app_config, "RATELIMIT_ENABLED": True, "LOGIN_LIMIT": "3 per 15 minutes"}


def test_after_three_wrong_passwords_the_page_says_when_to_try_again(page, live_server, make_user, axe_violations,
                                                                      screenshot):
    make_user(email="clara@example.org")
    page.goto(f"{live_server}/login")
    for _ in range(3):
        page.get_by_label("E-mail").fill("clara@example.org")
        page.get_by_label("Password").fill("a wrong guess")
        page.get_by_role("button", name="Log in").click()
        expect(page.locator("#password-error")).to_contain_text("E-mail or password is wrong")
    page.get_by_label("Password").fill("a fourth guess")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Too many attempts")
    expect(page.get_by_role("main")).to_contain_text("Please try again in 15 minutes")
    assert axe_violations() == []
    screenshot("limits-too-many-attempts")


def test_registering_with_a_known_address_ends_on_check_your_mail(page, live_server, make_user, axe_violations,
                                                                   screenshot):
    make_user(email="clara@example.org")
    page.goto(f"{live_server}/register")
    page.get_by_label("Name of the organisation").fill("Kammerchor Nord")
    page.get_by_label("Kind").select_option(label="Choir or music club")
    page.get_by_label("Your name").fill("Clara Weber")
    page.get_by_label("Your e-mail").fill("clara@example.org")
    page.get_by_label("Password", exact=True).fill("sing in tune 42")
    page.get_by_label("Repeat the password").fill("sing in tune 42")
    page.get_by_role("button", name="Register", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Log in")
    expect(page.get_by_role("status").first).to_contain_text("Please check your mail")
    assert axe_violations() == []
    screenshot("limits-register-check-your-mail")
