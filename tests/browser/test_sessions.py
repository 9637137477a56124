"""The account page's "Log out everywhere else" and a plain member's members page in a real browser."""

import pytest

from clubs_exchange.auth.models import MemberFunction

pytestmark = pytest.mark.browser


def test_log_out_everywhere_else_keeps_this_browser_logged_in(
    page, live_server, make_user, choir, browser_login, axe_violations, screenshot
):
    browser_login(make_user(choir, name="Clara Chor"))
    page.goto(f"{live_server}/account")
    assert axe_violations() == []
    page.get_by_role("button", name="Log out everywhere else").click()
    page.get_by_text("You are logged out on every other computer and browser").wait_for()
    assert page.url == f"{live_server}/account"
    screenshot("account-logged-out-elsewhere")
    assert axe_violations() == []


def test_a_plain_member_sees_the_members_without_controls_for_others(
    page, live_server, make_user, choir, browser_login, axe_violations, screenshot
):
    make_user(choir, name="Sara Secretary")
    browser_login(make_user(choir, name="Paul Plain", function=MemberFunction.MEMBER))
    page.goto(f"{live_server}/organisations/{choir.id}/members")
    assert page.get_by_role("button", name="Remove Sara Secretary").count() == 0
    assert page.get_by_role("button", name="Create invitation link").count() == 0
    assert page.get_by_role("button", name=f"Leave {choir.name}").is_visible()
    screenshot("organisation-members-plain-member")
    assert axe_violations() == []


def test_a_secretary_changes_a_function_in_place(
    page, live_server, make_user, choir, browser_login, axe_violations
):
    make_user(choir, name="Paul Plain", function=MemberFunction.MEMBER)
    browser_login(make_user(choir, name="Sara Secretary"))
    page.goto(f"{live_server}/organisations/{choir.id}/members")
    assert axe_violations() == []
    page.get_by_label("Function of Paul Plain").select_option("teacher")
    page.get_by_role("button", name="Change function of Paul Plain").click()
    page.get_by_text("Paul Plain is now Teacher").wait_for()
    assert page.get_by_label("Function of Paul Plain").input_value() == "teacher"
