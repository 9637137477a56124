"""A club secretary writes a proposal in a real browser: messages appear as fields change, the draft is submitted."""

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

import clubs_exchange.models  # noqa: F401  (every model, imported in an order free of import cycles)
from clubs_exchange.organisations.models import OrganisationStatus
from clubs_exchange.proposals.models import Proposal, ProposalState

pytestmark = pytest.mark.browser


def settled(page):
    """Wait until htmx has taken over what it just swapped in (its triggers are attached 20 ms after the swap).

    A person never types that fast; a test does, and a field changed before then is never checked.
    """
    expect(page.locator(".htmx-added")).to_have_count(0)


@pytest.fixture
def secretary(secretary, make_org, lyon):
    """The choir's secretary, with Lyon and enough other organisations that choosing co-organisers is a search."""
    for name in (
        "Musikschule",
        "FC Nord",
        "Gymnasium am Park",
        "Blaskapelle",
        "Turnverein 1861",
        "Kammerchor",
        "Realschule Süd",
        "Schachclub",
        "Jugendorchester",
        "Tennisclub Rot-Weiß",
        "Freundeskreis Lyon",
    ):
        make_org(name=name)
    return secretary


def test_writing_a_proposal_with_inline_checks_then_submitting_it(
    page, live_server, browser_login, secretary, db, axe_violations, screenshot
):
    browser_login(secretary)
    page.goto(f"{live_server}/proposals/new")
    assert axe_violations() == []
    page.evaluate("window.stillTheSamePage = true")

    page.get_by_label("Title", exact=True).fill("Summer concert with the Chœur de Lyon")
    page.get_by_label("Kind of event").select_option(label="Concert")
    page.get_by_label("Partner city", exact=True).select_option(label="Lyon (France)")
    page.get_by_label("Musikschule").check()
    page.get_by_label("Start", exact=True).fill("2031-06-12T18:00")
    page.get_by_label("End", exact=True).fill("2031-06-12T17:00")
    page.get_by_label("Venue").focus()  # fields are checked when the person leaves them

    end_field = page.locator("#ends_at-field")
    expect(end_field.locator(".error")).to_have_text("The end must be after the start.")
    expect(page.get_by_label("End", exact=True)).to_have_attribute("aria-invalid", "true")
    screenshot("proposal-form-inline-message")
    settled(page)

    # Moving the start before the end clears the end's message too: the two fields are checked together.
    page.get_by_label("Start", exact=True).fill("2031-06-12T16:00")
    page.get_by_label("Venue").focus()
    expect(end_field.locator(".error")).to_have_count(0)

    page.get_by_label("Guests from the partner city").fill("30")
    page.get_by_label("Guests who need a private host").fill("31")
    page.get_by_label("Guests who need a private host").press("Tab")
    expect(page.locator("#guests_needing_host-field .error")).to_have_text("At most as many as the guests (30).")
    settled(page)
    page.get_by_label("Guests from the partner city").fill("40")
    page.get_by_label("Guests from the partner city").press("Tab")
    expect(page.locator("#guests_needing_host-field .error")).to_have_count(0)

    page.get_by_label("Requested budget").fill("12 Euro")
    page.get_by_label("Requested budget").press("Tab")
    expect(page.locator("#budget-field .error")).to_contain_text("Enter an amount such as 1250.50")
    settled(page)
    page.get_by_label("Requested budget").fill("1250,50")
    page.get_by_label("Requested budget").press("Tab")
    expect(page.locator("#budget-field .error")).to_have_count(0)

    assert page.evaluate("window.stillTheSamePage") is True
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Proposal)) == 0  # checking saved nothing
    assert axe_violations() == []

    page.get_by_role("button", name="Save as draft").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Summer concert with the Chœur de Lyon")
    expect(page.get_by_role("status").first).to_contain_text("is saved as a draft")
    expect(page.locator(".facts")).to_contain_text("€1,250.50")
    expect(page.locator(".facts")).to_contain_text("12 Jun 2031")
    expect(page.locator(".facts")).to_contain_text("Musikschule")
    assert axe_violations() == []

    page.evaluate("window.stillTheSamePage = true")
    page.get_by_label("Note for the twinning office (optional)").fill("Ready from our side.")
    page.get_by_role("button", name="Submit for review").click()
    status = page.locator("#proposal_status")
    expect(status.locator(".state")).to_have_text("Submitted")
    expect(status).to_contain_text("Your proposal is submitted.")
    expect(status.locator(".history")).to_contain_text("Ready from our side.")
    assert page.evaluate("window.stillTheSamePage") is True
    screenshot("proposal-submitted")
    assert axe_violations() == []

    # Withdrawing asks first.
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Withdraw the proposal").click()
    expect(status.locator(".state")).to_have_text("Withdrawn")
    db.session.expire_all()
    assert db.session.scalar(sa.select(Proposal.state)) == ProposalState.WITHDRAWN


def test_a_pending_organisation_is_told_why_it_cannot_submit(
    page, live_server, browser_login, make_org, make_user, make_proposal, axe_violations
):
    pending = make_org(name="Neuer Chor", status=OrganisationStatus.PENDING)
    proposal = make_proposal(organisation=pending, title="First concert")
    browser_login(make_user(pending))
    page.goto(f"{live_server}/proposals/{proposal.id}")
    expect(page.get_by_role("note")).to_contain_text("awaiting verification by city staff")
    expect(page.get_by_role("button", name="Submit for review")).to_have_count(0)
    assert axe_violations() == []


def test_the_list_filters_without_reload(
    page, live_server, browser_login, secretary, make_proposal, axe_violations, screenshot
):
    choir = secretary.memberships[0].organisation
    make_proposal(organisation=choir, title="Our draft")
    make_proposal(organisation=choir, title="Our approved match", state=ProposalState.APPROVED)
    browser_login(secretary)
    page.goto(f"{live_server}/proposals/")
    assert axe_violations() == []
    page.evaluate("window.stillTheSamePage = true")
    page.get_by_label("State", exact=True).select_option(label="Approved")
    expect(page.locator("#proposal_results")).not_to_contain_text("Our draft")
    expect(page.locator("#proposal_results")).to_contain_text("Our approved match")
    assert "state=approved" in page.url
    assert page.evaluate("window.stillTheSamePage") is True
    screenshot("proposal-list-filtered")


def test_typing_a_date_and_time_by_keyboard_is_not_interrupted_by_the_check(
    page, live_server, browser_login, secretary
):
    browser_login(secretary)
    page.goto(f"{live_server}/proposals/new")
    checks = []
    page.on("request", lambda request: checks.append(request) if "/validate" in request.url else None)
    start = page.get_by_label("Start", exact=True)
    start.click(position={"x": 12, "y": 12})  # the month part
    for key in ["0", "6", "1", "2", "2", "0", "3", "1", "ArrowRight", "0", "6", "3", "0", "P"]:
        page.keyboard.press(key)
    expect(start).to_have_value("2031-06-12T18:30")
    # Correct the minutes, two digits in a row, while the value is complete all along.
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("4")
    page.keyboard.press("5")
    expect(start).to_have_value("2031-06-12T18:45")
    assert checks == []
    # Tab walks through the parts of the field; the check comes once the person leaves it.
    page.keyboard.press("Tab")
    assert checks == []
    with page.expect_response("**/proposals/validate"):
        page.get_by_label("Venue").focus()
    assert len(checks) == 1
    expect(start).to_have_value("2031-06-12T18:45")
