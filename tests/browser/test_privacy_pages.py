"""The privacy pages (issue 16) pass axe, and a person asks for erasure and downloads their data in a browser."""

import json
from pathlib import Path

import pytest

from clubs_exchange.privacy.models import ErasureRequest

pytestmark = pytest.mark.browser


def test_a_person_downloads_their_data_and_asks_for_erasure(page, live_server, browser_login, db, secretary, staff,
                                                            axe_violations, screenshot):
    browser_login(secretary)
    page.goto(f"{live_server}/account")
    assert axe_violations() == []
    with page.expect_download() as download:
        page.get_by_role("link", name="Download your data").click()
    data = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert data["account"]["email"] == secretary.email and "password_hash" not in json.dumps(data)

    page.get_by_label("Why (optional)").fill("I leave the choir.")
    page.get_by_role("button", name="Ask for the erasure of my account").click()
    assert "Withdraw the request" in page.content()
    assert axe_violations() == []
    screenshot("issue16-account-erasure-pending")

    page.get_by_role("button", name="Log out", exact=True).click()
    browser_login(staff)
    page.goto(f"{live_server}/privacy/erasure-requests")
    assert "I leave the choir." in page.content()
    assert axe_violations() == []
    screenshot("issue16-erasure-requests")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Erase the account").click()
    page.wait_for_url(f"{live_server}/privacy/erasure-requests")
    assert "The account is erased" in page.content()
    db.session.expire_all()
    assert db.session.query(ErasureRequest).one().state == "erased"
