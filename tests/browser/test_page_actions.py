"""Print and confirm buttons work in a real browser through static/js/page-actions.js, no inline handler."""

import pytest
from playwright.sync_api import expect

from clubs_exchange.partners.models import PartnerContact

pytestmark = pytest.mark.browser


def test_confirm_asks_before_a_plain_form_is_sent(db, page, live_server, browser_login, staff, lyon):
    lyon.contacts.append(PartnerContact(name="Claire Martin", role="Twinning committee"))
    db.session.commit()
    browser_login(staff)
    page.goto(f"{live_server}/partners/{lyon.id}")
    remove = page.get_by_role("button", name="Remove Claire Martin")

    page.once("dialog", lambda dialog: dialog.dismiss())
    remove.click()
    expect(page.get_by_role("button", name="Remove Claire Martin")).to_be_visible()
    assert db.session.query(PartnerContact).count() == 1

    questions = []
    page.once("dialog", lambda dialog: (questions.append(dialog.message), dialog.accept()))
    remove.click()
    expect(page.get_by_role("button", name="Remove Claire Martin")).to_have_count(0)
    assert questions == ["Remove Claire Martin from the contacts?"]


def test_print_button_is_shown_and_prints(page, live_server, browser_login, staff, lyon):
    page.add_init_script("window.print = function () { window.__printed = (window.__printed || 0) + 1; };")
    browser_login(staff)
    page.goto(f"{live_server}/partners/{lyon.id}/agreement")
    button = page.get_by_role("button", name="Print")
    expect(button).to_be_visible()
    button.click()
    assert page.evaluate("window.__printed") == 1
