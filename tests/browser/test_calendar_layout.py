"""The calendar's layout in a real browser: the filter bar on one row at 1280 px, the month printed without its
navigation, the subscribe page's copy button (and the field without JavaScript), the login page's reason."""

import re
from datetime import UTC, datetime

import pytest
from playwright.sync_api import expect

from clubs_exchange.auth.models import UserRole
from clubs_exchange.proposals.models import ProposalState
from tests.browser.conftest import ARTIFACTS

pytestmark = pytest.mark.browser
COPY_WHOLE = re.compile(r"^Copy address\s*: Address of the whole calendar$")


@pytest.fixture
def june(make_proposal, make_partner, make_org):
    make_proposal(state=ProposalState.APPROVED, title="Summer concert", venue="Town hall, Markt 1",
                  partner_city=make_partner(name="Lyon"), organisation=make_org(name="Kammerchor am Markt"),
                  starts_at=datetime(2031, 6, 12, 17, 0, tzinfo=UTC))


@pytest.mark.parametrize("path, form_id", [("/calendar/?year=2031&month=6", "calendar_filters"),
                                           ("/calendar/list?from=2031-06-01", "calendar_list_filters")])
def test_the_filter_bar_keeps_show_on_the_row_of_the_fields_at_1280_px(page, live_server, make_user, june,
                                                                       browser_login, screenshot, path, form_id):
    page.set_viewport_size({"width": 1280, "height": 900})
    browser_login(make_user(role=UserRole.STAFF))
    page.goto(f"{live_server}{path}")
    form = page.locator(f"#{form_id}")
    screenshot(f"calendar-filters-1280-{form_id}")
    controls = [box for box in (c.bounding_box() for c in form.locator("select, input").all()) if box]
    show = form.get_by_role("button", name="Show").bounding_box()
    clear = form.get_by_role("link", name="Clear filters").bounding_box()
    bottoms = {round(box["y"] + box["height"]) for box in controls}
    # One row: every field's box ends on the same line, and Show and "Clear filters" stand on it too.
    assert max(bottoms) - min(bottoms) < 3, bottoms
    assert abs((show["y"] + show["height"]) - max(bottoms)) < 4, (show, bottoms)
    assert clear["y"] < max(bottoms) and clear["y"] + clear["height"] > min(box["y"] for box in controls)
    # The help text is still there, under its field.
    expect(form.get_by_text("Organisations with events on this page")).to_be_visible()


def test_the_printed_month_has_no_navigation_filters_or_buttons(page, live_server, make_user, june,
                                                                browser_login, screenshot):
    page.set_viewport_size({"width": 1280, "height": 900})
    browser_login(make_user(role=UserRole.STAFF))
    page.goto(f"{live_server}/calendar/?year=2031&month=6")
    expect(page.get_by_role("link", name="Next month")).to_be_visible()
    page.emulate_media(media="print")
    screenshot("calendar-month-print")
    for hidden in (page.get_by_role("link", name="Next month"), page.get_by_role("link", name="Previous month"),
                   page.locator("#calendar_filters"), page.get_by_role("link", name="Show as a list"),
                   page.locator(".site-header"), page.locator("button")):
        for element in hidden.all():
            expect(element).to_be_hidden()
    expect(page.get_by_role("heading", name="June 2031")).to_be_visible()
    expect(page.get_by_role("link", name="Summer concert")).to_be_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    page.pdf(path=str(ARTIFACTS / "calendar-month.pdf"), landscape=True, print_background=True)


def test_the_subscribe_page_copies_the_address(page, live_server, make_user, browser_login, axe_violations,
                                               screenshot, context):
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.set_viewport_size({"width": 1280, "height": 900})
    browser_login(make_user(role=UserRole.STAFF))
    page.goto(f"{live_server}/calendar/subscribe")
    field = page.get_by_label("Address of the whole calendar")
    address = field.input_value()
    assert "/calendar/feed/" in address
    field.focus()
    assert page.evaluate("() => [document.activeElement.selectionStart, document.activeElement.selectionEnd]") == [
        0, len(address)]
    page.get_by_role("button", name=COPY_WHOLE).click()
    expect(page.locator("#feed-all-status")).to_have_text("Address copied")
    assert page.evaluate("() => navigator.clipboard.readText()") == address
    for program in ("Microsoft Outlook", "Google Calendar", "Mozilla Thunderbird", "Apple Calendar"):
        expect(page.get_by_role("heading", name=program)).to_be_visible()
    screenshot("calendar-subscribe-steps")
    assert axe_violations() == []


def test_without_javascript_the_address_field_is_there_and_no_dead_button(browser, live_server, make_user):
    staff = make_user(role=UserRole.STAFF)
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    from tests.helpers import PASSWORD

    page.goto(f"{live_server}/login?next=/calendar/subscribe")
    page.get_by_label("E-mail").fill(staff.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server}/calendar/subscribe")
    field = page.get_by_label("Address of the whole calendar")
    assert "/calendar/feed/" in field.input_value()
    assert field.get_attribute("readonly") is not None
    expect(page.get_by_role("button", name=COPY_WHOLE)).to_be_hidden()
    context.close()


def test_the_login_page_says_why(page, live_server, axe_violations, screenshot):
    page.goto(f"{live_server}/")
    page.get_by_role("link", name="See the partnership calendar").click()
    expect(page.get_by_text("Log in to see the partnership calendar.")).to_be_visible()
    screenshot("login-calendar-reason")
    assert axe_violations() == []
