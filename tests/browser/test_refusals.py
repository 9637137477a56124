"""A refused step in a real browser: the message beside the field it concerns, what was typed still there."""

import pytest
from playwright.sync_api import expect

from clubs_exchange.auth.models import UserRole

pytestmark = pytest.mark.browser


def test_a_partner_city_entered_twice_is_refused_at_its_name(
    page, live_server, browser_login, make_user, make_partner, axe_violations, screenshot
):
    make_partner(name="Tours", country="France")
    browser_login(make_user(role=UserRole.STAFF))
    page.goto(f"{live_server}/partners/new")
    page.get_by_label("Name of the city").fill("tours")
    page.get_by_label("Country").fill("France")
    page.get_by_label("Region").fill("Centre-Val de Loire")
    page.get_by_role("button", name="Save").click()

    name = page.locator("#name-field")
    expect(name.locator(".error")).to_have_text("tours (France) is a partner city already.")
    expect(page.get_by_label("Name of the city")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label("Region")).to_have_value("Centre-Val de Loire")
    expect(page.get_by_role("alert")).to_contain_text("Please correct the marked fields.")
    screenshot("refused-partner-city")
    assert axe_violations() == []
