"""A secretary sees the unread badge in the navigation, reads a staff comment and marks notifications read."""

import pytest
from playwright.sync_api import expect

from clubs_exchange.auth.models import UserRole
from clubs_exchange.proposals.models import ProposalState

pytestmark = pytest.mark.browser

COMMENT = "Please tell us where the guests will sleep."


@pytest.fixture
def decided(db, make_org, make_user, make_proposal):
    """Staff asked for changes to one proposal of FC Testhausen and approved another, through the rules."""
    from clubs_exchange.proposals.models import ProposalAction
    from clubs_exchange.review.decisions import decide

    club = make_org(name="FC Testhausen")
    secretary = make_user(club, name="Sabine Secretary")
    staff = make_user(role=UserRole.STAFF, name="Stefan Staff")
    tournament = make_proposal(ProposalState.SUBMITTED, organisation=club, title="Youth tournament")
    concert = make_proposal(ProposalState.SUBMITTED, organisation=club, title="Summer concert", venue="Aula")
    decide(tournament, ProposalAction.REQUEST_CHANGES, actor=staff, comment=COMMENT)
    decide(concert, ProposalAction.APPROVE, actor=staff, confirm_conflicts=True)
    db.session.commit()
    return secretary, staff, tournament


def test_secretary_sees_the_badge_and_marks_notifications_read(
    page, live_server, browser_login, decided, axe_violations, screenshot
):
    secretary, _staff, tournament = decided
    browser_login(secretary)
    nav = page.get_by_role("navigation", name="Your account")
    badge = page.locator("#notification-badge")
    expect(badge).to_have_text("2 unread")
    nav.get_by_role("link", name="Notifications").click()
    expect(page.get_by_role("heading", name="Notifications")).to_be_visible()
    expect(page.locator(".notification-unread")).to_have_count(2)
    expect(page.get_by_text(COMMENT)).to_be_visible()
    assert axe_violations() == []
    screenshot("notifications-unread")
    page.evaluate("window.stillTheSamePage = true")

    changes = page.locator("li", has_text="City staff ask for changes to “Youth tournament”.")
    changes.get_by_role("button", name="Mark read").click()
    expect(changes.get_by_role("button", name="Mark read")).to_have_count(0)
    # The badge counts down without a reload: the answer's HX-Trigger refreshes it.
    expect(badge).to_have_text("1 unread")
    expect(page.locator("#unread-summary")).to_have_text("1 unread notification")
    assert page.evaluate("window.stillTheSamePage") is True

    page.get_by_role("button", name="Mark all read").click()
    expect(page.locator(".notification-unread")).to_have_count(0)
    expect(page.get_by_text("0 unread notifications")).to_be_visible()
    expect(badge).to_have_text("")
    screenshot("notifications-read")

    # Each notification leads to its object.
    page.get_by_role("link", name="City staff ask for changes to “Youth tournament”.").click()
    page.wait_for_url(f"{live_server}/proposals/{tournament.id}")


def test_staff_read_the_outbox(page, live_server, browser_login, decided, axe_violations, screenshot):
    _secretary, staff, _tournament = decided
    browser_login(staff)
    page.get_by_role("navigation", name="Twinning office").get_by_role("link", name="Outbox").click()
    expect(page.get_by_role("heading", name="Outbox")).to_be_visible()
    row = page.locator("tr", has_text="City staff ask for changes")
    row.locator("summary").click()
    expect(row).to_contain_text(COMMENT)
    assert axe_violations() == []
    screenshot("outbox")
