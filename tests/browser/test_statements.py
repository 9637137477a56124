"""The statements in a real browser: no axe violations (WCAG 2.1 A and AA) on the privacy notice, the
accessibility statement, its feedback form (fresh and refused) and the staff list; the form works by keyboard."""

import pytest
import sqlalchemy as sa

from clubs_exchange.statements.models import AccessibilityFeedback

pytestmark = pytest.mark.browser


def test_the_statements_pass_axe_and_the_footer_leads_to_them(page, live_server, axe_violations, screenshot):
    page.goto(f"{live_server}/")
    page.locator("footer").get_by_role("link", name="Privacy notice").click()
    page.wait_for_url(f"{live_server}/privacy")
    assert axe_violations() == []
    screenshot("statements-privacy")
    page.locator("footer").get_by_role("link", name="Accessibility statement").click()
    page.wait_for_url(f"{live_server}/accessibility")
    assert axe_violations() == []
    screenshot("statements-accessibility")
    page.set_extra_http_headers({"Accept-Language": "de"})
    page.goto(f"{live_server}/accessibility")
    assert page.get_by_role("heading", level=1).inner_text() == "Erklärung zur Barrierefreiheit"
    assert axe_violations() == []
    screenshot("statements-accessibility-de")


def test_feedback_by_keyboard_refused_then_sent_and_staff_mark_it_handled(page, live_server, axe_violations,
                                                                         screenshot, browser_login, make_user, db):
    from clubs_exchange.auth.models import UserRole

    page.goto(f"{live_server}/accessibility")
    page.get_by_role("link", name="Report an accessibility problem with the form").click()
    page.wait_for_url(f"{live_server}/accessibility/feedback")
    # The page the visitor came from is filled in.
    assert page.get_by_label("Page (address or name)").input_value() == "/accessibility"
    assert axe_violations() == []
    page.get_by_label("Your name (optional)").fill("Rosa Blind")
    page.get_by_label("Your e-mail address (optional)").fill("not an address")
    page.get_by_label("Your e-mail address (optional)").press("Enter")
    page.wait_for_load_state()
    assert page.locator("#description-error").inner_text() == "Please describe the problem."
    assert page.get_by_label("Your name (optional)").input_value() == "Rosa Blind"
    assert axe_violations() == []
    screenshot("statements-feedback-refused")

    page.get_by_label("What went wrong?").fill("The month grid cannot be reached with the tab key.")
    page.get_by_label("Your e-mail address (optional)").fill("rosa@example.org")
    page.get_by_role("button", name="Send the feedback").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server}/accessibility")
    assert "your feedback has reached the twinning office" in page.locator(".flashes").inner_text()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(AccessibilityFeedback)) == 1

    browser_login(make_user(role=UserRole.STAFF, name="Stefan Staff"))
    page.goto(f"{live_server}/accessibility/feedback/received")
    assert "The month grid cannot be reached" in page.locator("main").inner_text()
    assert axe_violations() == []
    screenshot("statements-feedback-received")
    page.get_by_role("button", name="Mark handled").click()
    page.wait_for_url(f"{live_server}/accessibility/feedback/received")
    assert page.get_by_text("No feedback waits for an answer.").is_visible()
    assert axe_violations() == []
