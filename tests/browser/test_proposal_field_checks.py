"""Moving quickly through the proposal form's checked fields: each field keeps its own message (issue 10)."""

import time

import pytest
from flask import request
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

# Longer than a person needs to fill a field and press Tab: the first check is still under way at the second.
CHECK_DELAY = 0.5


@pytest.fixture
def secretary(make_org, make_user, make_partner):
    make_partner(name="Lyon", country="France")
    return make_user(make_org(name="Chor am Markt"), name="Clara Secretary")


@pytest.fixture
def slow_checks(app):
    """The inline check answers after CHECK_DELAY, as on a busy server (registered before the first request)."""

    def wait():
        if request.endpoint == "proposals.validate":
            time.sleep(CHECK_DELAY)

    app.before_request(wait)


def test_tabbing_quickly_through_two_invalid_fields_shows_both_messages(
    slow_checks, page, live_server, browser_login, secretary, axe_violations, screenshot
):
    browser_login(secretary)
    page.goto(f"{live_server}/proposals/new")
    ours = page.get_by_label("Participants from our city")
    ours.fill("-3")
    ours.press("Tab")  # the first check leaves ...
    guests = page.get_by_label("Guests from the partner city")
    guests.fill("-5")
    guests.press("Tab")  # ... and the second follows before the first has come back

    expect(page.locator("#participants_guests-field .error")).to_have_text("Between 0 and 100000.")
    expect(page.locator("#participants_ours-field .error")).to_have_text("Between 0 and 100000.")
    expect(ours).to_have_value("-3")
    expect(guests).to_have_value("-5")
    screenshot("proposal-form-two-quick-checks")
    assert axe_violations() == []


def test_a_later_check_of_the_same_field_wins_over_an_earlier_one(
    slow_checks, page, live_server, browser_login, secretary
):
    browser_login(secretary)
    page.goto(f"{live_server}/proposals/new")
    budget = page.get_by_label("Requested budget")
    budget.fill("12 Euro")
    budget.press("Tab")
    budget.focus()
    budget.fill("1250,50")
    budget.press("Tab")
    # The earlier answer (a message) never lands after the later one (no message).
    expect(page.locator("#budget-field .error")).to_have_count(0)
    page.wait_for_timeout(CHECK_DELAY * 2500)
    expect(page.locator("#budget-field .error")).to_have_count(0)
    expect(budget).to_have_value("1250,50")


def test_an_answer_never_overwrites_what_was_typed_in_the_field_since(
    slow_checks, page, live_server, browser_login, secretary
):
    browser_login(secretary)
    page.goto(f"{live_server}/proposals/new")
    description = page.get_by_label("Description", exact=True)
    description.fill("Two choirs")
    description.press("Tab")  # the check is sent with "Two choirs" ...
    description.focus()
    page.keyboard.type(", one evening")  # ... and the person goes on writing before it comes back
    page.wait_for_timeout(CHECK_DELAY * 2500)
    expect(description).to_have_value("Two choirs, one evening")
    expect(description).to_be_focused()
