"""The partnership calendar in a real browser: the month changes without a reload, the address follows."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import expect

from clubs_exchange.auth.models import UserRole
from clubs_exchange.proposals.models import EventKind, ProposalAction, ProposalState
from clubs_exchange.proposals.workflow import perform

pytestmark = pytest.mark.browser


def summer(*args) -> datetime:
    """Berlin summer time (UTC+2), stored in UTC."""
    return datetime(*args, tzinfo=UTC) - timedelta(hours=2)


@pytest.fixture
def programme(db, make_proposal, make_partner, make_org, make_user):
    lyon, porto = make_partner(name="Lyon"), make_partner(name="Porto")
    choir = make_org(name="Kammerchor am Markt")
    approved = ProposalState.APPROVED
    make_proposal(state=approved, title="Summer concert", kind=EventKind.CONCERT, partner_city=lyon,
                  organisation=choir, starts_at=summer(2031, 6, 12, 19, 0))
    make_proposal(state=approved, title="Youth football camp", partner_city=porto,
                  starts_at=summer(2031, 6, 16, 10, 0), ends_at=summer(2031, 6, 18, 16, 0))
    cancelled = make_proposal(state=approved, title="Open-air theatre", kind=EventKind.FESTIVAL,
                              partner_city=lyon, starts_at=summer(2031, 6, 21, 20, 0))
    perform(cancelled, ProposalAction.CANCEL, actor=make_user(role=UserRole.STAFF), is_proposer=False,
            is_staff=True, comment="Storm warning")
    db.session.commit()
    make_proposal(state=approved, title="Regatta on the lake", partner_city=porto,
                  starts_at=summer(2031, 7, 5, 9, 0))
    return {"lyon": lyon, "porto": porto}


def test_next_month_without_a_full_reload(page, live_server, make_user, make_org, programme, browser_login,
                                         axe_violations, screenshot):
    browser_login(make_user(make_org()))
    page.goto(f"{live_server}/calendar/?year=2031&month=6")
    expect(page.locator("#calendar-month")).to_have_text("June 2031")
    expect(page.locator("#calendar_grid").get_by_role("link", name="Summer concert")).to_be_visible()
    expect(page.locator("#calendar_grid").get_by_text("Youth football camp")).to_have_count(3)
    expect(page.locator("#calendar_grid").get_by_text("Cancelled", exact=True)).to_be_visible()
    screenshot("calendar-june")
    assert axe_violations() == []

    # A marker on window survives only if the page is not reloaded.
    page.evaluate("window.calendarMarker = 'same page'")
    page.get_by_role("link", name="Next month").click()
    expect(page.locator("#calendar-month")).to_have_text("July 2031")
    expect(page.get_by_role("link", name="Regatta on the lake")).to_be_visible()
    assert page.evaluate("window.calendarMarker") == "same page"
    assert page.url.endswith("/calendar/?year=2031&month=7")
    assert page.title().startswith("Partnership calendar · July 2031")
    screenshot("calendar-july")
    assert axe_violations() == []

    page.go_back()
    expect(page.locator("#calendar-month")).to_have_text("June 2031")
    assert page.url.endswith("/calendar/?year=2031&month=6")


def test_the_month_on_a_phone(page, live_server, make_user, make_org, programme, browser_login, axe_violations,
                              screenshot):
    page.set_viewport_size({"width": 390, "height": 844})
    browser_login(make_user(make_org()))
    page.goto(f"{live_server}/calendar/?year=2031&month=6")
    expect(page.get_by_role("link", name="Summer concert")).to_be_visible()
    screenshot("calendar-june-phone")
    assert axe_violations() == []


def test_a_filter_changes_the_grid_and_the_address(page, live_server, make_user, make_org, programme,
                                                  browser_login):
    browser_login(make_user(make_org()))
    page.goto(f"{live_server}/calendar/?year=2031&month=6")
    page.evaluate("window.calendarMarker = 'same page'")
    page.get_by_label("Partner city").select_option(label="Porto")
    expect(page.get_by_role("link", name="Summer concert")).to_have_count(0)
    expect(page.locator("#calendar_grid").get_by_text("Youth football camp")).to_have_count(3)
    assert f"partner={programme['porto'].id}" in page.url and "month=6" in page.url
    assert page.evaluate("window.calendarMarker") == "same page"
    # The next month keeps the filter.
    page.get_by_role("link", name="Next month").click()
    expect(page.locator("#calendar-month")).to_have_text("July 2031")
    expect(page.get_by_role("link", name="Regatta on the lake")).to_be_visible()
    assert f"partner={programme['porto'].id}" in page.url


def test_the_organisation_filter_offers_the_months_organisers(page, live_server, make_user, make_org, programme,
                                                              browser_login, axe_violations):
    """The list is kept, written, with the grid (calendar/filters.py: organisation_options): chosen, it filters
    and stays chosen, also when the month comes from the cache."""
    browser_login(make_user(make_org()))
    for _ in range(2):
        page.goto(f"{live_server}/calendar/?year=2031&month=6")
        page.get_by_label("Organisation", exact=True).select_option(label="Kammerchor am Markt")
        expect(page.locator("#calendar_grid").get_by_text("Youth football camp")).to_have_count(0)
        expect(page.get_by_role("link", name="Summer concert")).to_be_visible()
        page.reload()
        expect(page.get_by_label("Organisation", exact=True)).to_have_value(re.compile(r"^\d+$"))
        expect(page.get_by_label("Organisation", exact=True).locator("option:checked")).to_have_text(
            "Kammerchor am Markt")
    assert axe_violations() == []


def test_the_event_and_subscribe_pages_are_accessible(page, live_server, make_user, make_org, programme,
                                                      browser_login, axe_violations, screenshot):
    browser_login(make_user(make_org()))
    page.goto(f"{live_server}/calendar/?year=2031&month=6")
    page.get_by_role("link", name="Open-air theatre").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Open-air theatre")
    expect(page.get_by_text("Storm warning")).to_be_visible()
    screenshot("calendar-event-cancelled")
    assert axe_violations() == []

    page.goto(f"{live_server}/calendar/list?from=2031-06-01")
    expect(page.get_by_role("heading", name="June 2031")).to_be_visible()
    screenshot("calendar-list")
    assert axe_violations() == []

    page.goto(f"{live_server}/calendar/subscribe")
    assert "/calendar/feed/" in page.get_by_label("Address of the whole calendar").input_value()
    screenshot("calendar-subscribe")
    assert axe_violations() == []
