"""The funding budget and the EU check in a real browser (issue 13 parts 5 and 6): on the demo data, the budget
page warns of the scheme over its budget, the partnership page fetches the EU check, and axe finds nothing."""

import re

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from clubs_exchange import clock
from clubs_exchange.demo import DEMO_PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture
def annecy(demo, db):
    from clubs_exchange.partners.models import PartnerCity

    return db.session.scalar(sa.select(PartnerCity.id).where(PartnerCity.name == "Annecy"))


def log_in_as_staff(page, live_server, *, password="Password", button="Log in"):
    page.goto(f"{live_server}/login")
    page.get_by_label("E-mail").fill("staff@example.org")
    page.get_by_label(password).fill(DEMO_PASSWORD)
    page.get_by_role("button", name=button).click()
    page.wait_for_url(f"{live_server}/")


def test_staff_see_the_budget_and_the_eu_check(page, live_server, annecy, axe_violations, screenshot):
    log_in_as_staff(page, live_server)
    page.get_by_role("link", name="Funding", exact=True).click()
    page.get_by_role("link", name="Budgets: applied, granted, paid and left").click()
    year = clock.today().year
    page.wait_for_url(f"{live_server}/funding/budgets")
    assert page.get_by_role("heading", name=f"Funding budgets {year}").is_visible()
    assert "1 scheme has granted more than its budget" in page.locator(".notice").inner_text()
    assert axe_violations() == []
    screenshot("funding-budgets")
    page.get_by_role("link", name=f"{year + 1} →").click()
    page.wait_for_url(f"{live_server}/funding/budgets?year={year + 1}")
    assert page.locator(".notice").count() == 0
    page.get_by_role("link", name=f"← {year}").click()
    page.locator("td a", has_text=re.compile(r"^\d+ applications?\b")).first.click()
    page.wait_for_url(re.compile(r"/funding/budgets/\d+/\d+$"))
    expect(page.get_by_role("heading", name="Applications to")).to_be_visible()
    assert axe_violations() == []
    screenshot("funding-budget-applications")
    page.get_by_role("link", name="Change the budget").click()
    assert axe_violations() == []
    page.get_by_label("Budget", exact=True).fill("zwei")
    page.get_by_role("button", name="Save").click()
    assert page.locator("#amount-error").inner_text() == "Enter an amount such as 1250.50 or 1250,50."
    assert axe_violations() == []
    screenshot("funding-budget-edit-error")

    page.goto(f"{live_server}/partners/{annecy}")
    check = page.locator("#eu_check")
    check.get_by_role("heading", name="Europafest with Annecy").wait_for()
    assert check.locator(".criterion-failed", has_text="Invited international participants").count() >= 1
    assert axe_violations() == []
    shot = screenshot("partnership-eu-check")
    check.screenshot(path=str(shot.with_name("partnership-eu-check-section.png")))


def test_the_budget_page_in_german_on_a_phone(page_in, live_server, demo, axe_violations):
    phone = page_in("de-DE", width=390, height=844)
    log_in_as_staff(phone, live_server, password="Passwort", button="Anmelden")
    phone.goto(f"{live_server}/funding/budgets")
    year = clock.today().year
    assert phone.get_by_role("heading", name=f"Förderbudgets {year}").is_visible()
    assert "über dem Budget" in phone.locator("table").inner_text()
    assert axe_violations(phone) == []
    phone.screenshot(path=str(_artifacts() / "funding-budgets-de-phone.png"), full_page=True)


def _artifacts():
    from pathlib import Path

    folder = Path(__file__).resolve().parents[2] / "test-artifacts"
    folder.mkdir(exist_ok=True)
    return folder
