"""A reviewer at work in a real browser: rows change in place, the badge counts down, conflicts are confirmed."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import expect

from clubs_exchange.auth.models import UserRole
from clubs_exchange.proposals.models import EventKind, ProposalState

pytestmark = pytest.mark.browser

S = ProposalState
START = datetime(2031, 6, 12, 16, 0, tzinfo=UTC)


@pytest.fixture
def queue(db, make_user, make_proposal, make_org, make_partner):
    lo, leszno = make_partner(name="Saint-Lô"), make_partner(name="Leszno", country="Poland")
    proposals = [
        make_proposal(S.SUBMITTED, title="Choir evening", organisation=make_org(name="Liederkranz"),
                      partner_city=leszno, kind=EventKind.CONCERT, venue="Stadthalle", budget_cents=80_000),
        make_proposal(S.SUBMITTED, title="Youth tournament", organisation=make_org(name="FC Testhausen"),
                      partner_city=lo, starts_at=START + timedelta(days=20), venue="Sportpark",
                      budget_cents=150_000),
        make_proposal(S.SUBMITTED, title="Brass band visit", organisation=make_org(name="Blaskapelle"),
                      partner_city=lo, kind=EventKind.CONCERT, starts_at=START, venue="Marktplatz"),
    ]
    for i, proposal in enumerate(proposals):
        proposal.submitted_at = START - timedelta(days=40 - i)
    make_proposal(S.APPROVED, title="Town festival", partner_city=lo, starts_at=START, venue="Rathaus")
    db.session.commit()
    return make_user(role=UserRole.STAFF, name="Sabine Staff")


def test_staff_decides_in_the_queue_without_reloading(
    page, live_server, browser_login, queue, axe_violations, screenshot
):
    browser_login(queue)
    page.goto(f"{live_server}/review/")
    badge = page.locator("#review-badge")
    expect(badge).to_have_text("3 waiting for review")
    expect(page.locator("tr", has_text="Brass band visit")).to_contain_text("Conflict with 1 approved event")
    assert axe_violations() == []
    # Set on the page: it survives only if the page is never reloaded.
    page.evaluate("window.stillTheSamePage = true")

    youth = page.locator("tr", has_text="Youth tournament")
    youth.locator("summary").click()
    youth.get_by_label("Comment to the organisation").fill("Please tell us where the guests will sleep.")
    youth.get_by_role("button", name="Request changes").click()
    expect(youth.locator(".state")).to_have_text("Changes requested")
    expect(youth).to_contain_text("Changes to “Youth tournament” are requested from FC Testhausen.")
    expect(badge).to_have_text("2 waiting for review")
    counts = page.get_by_role("navigation", name="Proposals by state")
    expect(counts).to_contain_text("Submitted (2)")
    expect(counts).to_contain_text("Changes requested (1)")

    choir = page.locator("tr", has_text="Choir evening")
    choir.get_by_role("button", name="Approve").click()
    expect(choir.locator(".state")).to_have_text("Approved")
    expect(badge).to_have_text("1 waiting for review")
    expect(counts).to_contain_text("Approved (2)")
    # Focus moves to what happened, not lost to the top of the page.
    expect(choir.locator(".review-outcome")).to_be_focused()

    assert page.evaluate("window.stillTheSamePage") is True
    shot = screenshot("review-queue-after-decisions")
    assert shot.exists()
    assert axe_violations() == []


def test_approving_with_conflicts_asks_first(page, live_server, browser_login, queue, axe_violations, screenshot):
    browser_login(queue)
    page.goto(f"{live_server}/review/")
    brass = page.locator("tr", has_text="Brass band visit")
    brass.get_by_role("button", name="Approve").click()

    confirm = brass.get_by_role("button", name="I have seen the conflicts; approve anyway")
    expect(confirm).to_be_focused()
    expect(brass).to_contain_text("Approving would clash with:")
    expect(brass).to_contain_text("Town festival")
    expect(brass.locator(".state")).to_have_count(0)  # still waiting: nothing was decided
    expect(page.locator("#review-badge")).to_have_text("3 waiting for review")
    screenshot("review-queue-confirm-conflicts")
    assert axe_violations() == []

    confirm.click()
    expect(brass.locator(".state")).to_have_text("Approved")
    expect(page.locator("#review-badge")).to_have_text("2 waiting for review")


def test_a_missing_comment_is_shown_at_the_field_in_the_row(
    page, live_server, browser_login, queue, axe_violations, screenshot
):
    browser_login(queue)
    page.goto(f"{live_server}/review/")
    choir = page.locator("tr", has_text="Choir evening")
    choir.locator("summary").click()
    choir.get_by_role("button", name="Reject").click()

    comment = choir.get_by_label("Comment to the organisation")
    expect(choir.locator(".error")).to_contain_text("a comment is required")
    expect(comment).to_be_focused()
    expect(comment).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#review-badge")).to_have_text("3 waiting for review")
    screenshot("review-queue-missing-comment")
    assert axe_violations() == []


def test_the_review_page_works_without_htmx(page, live_server, browser_login, queue, axe_violations, screenshot):
    browser_login(queue)
    page.goto(f"{live_server}/review/")
    page.locator("tr", has_text="Brass band visit").get_by_role("link", name="Details and history").click()
    expect(page.get_by_role("heading", name="Brass band visit")).to_be_visible()
    expect(page.get_by_role("heading", name="Conflict with 1 approved event")).to_be_visible()
    assert axe_violations() == []

    page.get_by_role("button", name="Approve").click()  # a plain form post: the page comes back with a message
    expect(page.locator("#confirm_conflicts-error")).to_contain_text("would clash with approved events")
    screenshot("review-page-confirm-conflicts")
    assert axe_violations() == []
    page.get_by_label("I have seen the conflicts; approve anyway").check()
    page.get_by_role("button", name="Approve").click()
    expect(page.get_by_role("status").first).to_contain_text("“Brass band visit” is approved")
    assert page.url == f"{live_server}/review/"


def test_a_row_with_many_conflicts_names_three_and_links_to_the_rest(
    page, live_server, browser_login, queue, make_proposal, make_partner, axe_violations, screenshot
):
    lo = make_partner(name="Annecy")
    busy = make_proposal(S.SUBMITTED, title="Summer games", partner_city=lo, starts_at=START, venue="Ufer")
    for n in range(5):
        make_proposal(S.APPROVED, title=f"Lakeside day {n + 1}", partner_city=lo,
                      starts_at=START + timedelta(minutes=10 * n), venue=f"Ufer {n}")
    browser_login(queue)
    page.goto(f"{live_server}/review/")
    row = page.locator("tr", has_text="Summer games")
    expect(row).to_contain_text("Conflicts with 5 approved events:")
    expect(row.locator(".conflict-list li")).to_have_count(3)
    assert axe_violations() == []
    screenshot("review-queue-many-conflicts")
    row.get_by_role("link", name="See 2 more conflicts on the review page").click()
    page.wait_for_url(re.compile(rf"/review/{busy.id}\?next="))
    expect(page.locator(".conflict-list li")).to_have_count(5)
    assert axe_violations() == []
