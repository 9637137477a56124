"""The Europe Prize ladder in a real browser: the Flag of Honour first is refused with the reason; a European
Diploma application whose report follows the calendar as staff tag an event."""

from datetime import UTC, datetime

import pytest
from playwright.sync_api import expect

from clubs_exchange import clock
from clubs_exchange.auth.models import UserRole
from clubs_exchange.awards.ladder import next_due_date
from clubs_exchange.proposals.models import EventKind, ProposalState

pytestmark = pytest.mark.browser


@pytest.fixture
def calendar_of_last_year(make_proposal, make_partner, make_org):
    """An approved Europe Day concert in the year before the next deadline, inside the report's period."""
    year = next_due_date(clock.today()).year - 1
    annecy = make_partner(name="Annecy")
    make_partner(name="Girona", country="Spain")
    choir = make_org(name="Kammerchor am Markt")
    make_proposal(state=ProposalState.APPROVED, title="Europe Day concert", kind=EventKind.CONCERT,
                  partner_city=annecy, organisation=choir, starts_at=datetime(year, 5, 5, 16, tzinfo=UTC))
    make_proposal(state=ProposalState.SUBMITTED, title="Not approved yet", partner_city=annecy,
                  starts_at=datetime(year, 6, 1, 16, tzinfo=UTC))
    return year


def test_staff_prepare_a_european_diploma_application_from_the_calendar(
    page, live_server, make_user, browser_login, calendar_of_last_year, axe_violations, screenshot
):
    browser_login(make_user(role=UserRole.STAFF))
    page.get_by_role("link", name="Awards").click()
    expect(page.get_by_role("heading", name="Council of Europe awards")).to_be_visible()
    expect(page.get_by_text("The Flag of Honour can only be applied for once the European Diploma has been "
                            "awarded.")).to_be_visible()
    screenshot("awards-index")
    assert axe_violations() == []

    # The Flag of Honour first: refused, with the reason beside the field.
    page.get_by_role("link", name="New application").click()
    page.get_by_label("Distinction applied for").select_option(label="Flag of Honour")
    page.get_by_label("Year of the previous award").fill(str(calendar_of_last_year - 1))
    page.get_by_role("button", name="Prepare the application").click()
    error = page.locator("#stage-error")
    expect(error).to_have_text(
        "The Flag of Honour can only be applied for once the European Diploma has been awarded."
    )
    expect(page.get_by_label("Distinction applied for")).to_have_attribute("aria-invalid", "true")
    screenshot("awards-flag-refused")
    assert axe_violations() == []

    # The European Diploma: prepared as a draft; the concert is in its report, not yet tagged.
    page.get_by_label("Distinction applied for").select_option(label="European Diploma")
    page.get_by_label("Year of the previous award").fill("")
    page.get_by_role("button", name="Prepare the application").click()
    expect(page.get_by_role("heading", name="Application for the European Diploma")).to_be_visible()
    untagged = page.locator("#criterion-none")
    expect(untagged.get_by_role("link", name="Europe Day concert")).to_be_visible()
    expect(page.get_by_text("Not approved yet")).to_have_count(0)
    application_url = page.url
    screenshot("awards-application-untagged")
    assert axe_violations() == []

    # Tag the event on its calendar page; htmx swaps the control, the page stays.
    untagged.get_by_role("link", name="Europe Day concert").click()
    expect(page.get_by_role("heading", name="Europe Day concert")).to_be_visible()
    page.evaluate("window.awardMarker = 'same page'")
    page.get_by_label("Criterion for the Europe Prize").select_option(label="European events (e.g. Europe Day, 5 May)")
    page.get_by_role("button", name="Save tag").click()
    expect(page.get_by_role("status")).to_have_text("Tagged: European events (e.g. Europe Day, 5 May).")
    assert page.evaluate("window.awardMarker") == "same page"
    screenshot("awards-event-tagged")
    assert axe_violations() == []

    # The report follows: the concert under the second criterion, nothing left untagged.
    page.goto(application_url)
    expect(page.locator("#criterion-european_events").get_by_role("link", name="Europe Day concert")).to_be_visible()
    expect(page.locator("#criterion-none")).to_contain_text("Every approved event of the period is tagged.")
    expect(page.get_by_text("Testhausen applies for the European Diploma")).to_be_visible()
    screenshot("awards-application")
    assert axe_violations() == []
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".award-report")).to_be_visible()
    screenshot("awards-application-print")


def test_tagging_works_without_javascript(browser, live_server, app, make_user, calendar_of_last_year):
    from tests.helpers import PASSWORD

    staff = make_user(role=UserRole.STAFF)
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(5000)
    page.goto(f"{live_server}/login")
    page.get_by_label("E-mail").fill(staff.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{live_server}/awards/report?from={calendar_of_last_year}-01-01&to={calendar_of_last_year}-12-31")
    row = page.locator("#criterion-none tr", has_text="Europe Day concert")
    row.get_by_label("Criterion for the Europe Prize").select_option(value="twinning")
    row.get_by_role("button", name="Save tag").click()
    expect(page.locator("#criterion-twinning").get_by_role("link", name="Europe Day concert")).to_be_visible()
    expect(page.get_by_text("The tag of “Europe Day concert” is saved.")).to_be_visible()
    context.close()
