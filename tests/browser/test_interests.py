"""A club secretary states an exchange interest in a real browser, sees what fits, closes and reopens it, filters."""

import pytest
from playwright.sync_api import expect

from clubs_exchange.interests.models import InterestKind

pytestmark = pytest.mark.browser


def test_state_an_interest_see_the_fits_close_it_and_filter(
    page, live_server, make_org, make_user, make_partner, make_interest, browser_login, axe_violations, screenshot
):
    city = make_partner(name="Saint-Amand", country="France")
    choir = make_org(name="Choir Harmonie")
    make_interest(
        organisation=make_org(name="FC Testhausen"), partner_city=city, kind=InterestKind.HOST_GROUP,
        activity="Football match", beds_offered=30,
    )
    make_interest(organisation=make_org(name="Brass Band"), partner_city=None, kind=InterestKind.JOINT_EVENT,
                  activity="Concert")
    browser_login(make_user(choir, name="Clara Choir"))

    page.get_by_role("link", name="Exchange interests").click()
    page.get_by_role("link", name="State an exchange interest").click()
    assert axe_violations() == []
    page.get_by_label("Partner city").select_option(label="Saint-Amand (France)")
    page.get_by_label("What").select_option(label="Send a group")
    page.get_by_label("Activity").fill("Concert")
    page.get_by_label("Group size").fill("20")
    page.get_by_label("Preferred period from").fill("2027-05")
    page.get_by_label("Preferred period to").fill("2027-04")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The end of the preferred period cannot be before its start.")).to_be_visible()
    page.get_by_label("Preferred period to").fill("2027-06")
    page.get_by_role("button", name="Save").click()

    page.wait_for_url(f"{live_server}/interests/*")
    fits = page.locator("#fits-heading + p + ul.cards > li")
    assert fits.count() == 2
    assert "They host a group; you want to send one" in fits.nth(0).inner_text()
    assert "Their 30 beds cover your group of 20" in fits.nth(0).inner_text()
    assert "Same activity: Concert" in fits.nth(1).inner_text()
    assert axe_violations() == []
    screenshot("interests-show")

    page.evaluate("window.stillTheSamePage = true")
    page.get_by_role("button", name="Close this interest").click()
    page.get_by_text("Closed: other organisations do not see this interest.").wait_for()
    assert page.evaluate("window.stillTheSamePage === true"), "closing should swap in place, not reload"

    page.get_by_role("link", name="All exchange interests").click()
    page.evaluate("window.stillTheSamePage = true")
    results = page.locator("#interest_results")
    assert "2 open interests" in results.inner_text()
    own_row = page.locator("section[aria-labelledby=own-heading] tbody tr")
    own_row.get_by_role("button", name="Open again").click()
    own_row.get_by_text("Open", exact=True).wait_for()
    # expect() polls from Python: wait_for_function evaluates a string in the page, which the CSP forbids.
    expect(results).to_contain_text("3 open interests")
    page.get_by_label("Activity contains").fill("foot")
    expect(results).to_contain_text("1 open interest")
    assert "Football match" in results.inner_text() and "Brass Band" not in results.inner_text()
    assert page.evaluate("window.stillTheSamePage === true")
    assert "q=foot" in page.url
    assert axe_violations() == []
    screenshot("interests-index")
