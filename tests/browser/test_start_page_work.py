"""In a browser, on the demo data: the staff start page's work waiting and the lists that say their order."""

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.fixture
def demo(db):
    from clubs_exchange.demo import seed_demo_data

    seed_demo_data()
    return db


def login(page, live_server, email):
    from clubs_exchange.demo import DEMO_PASSWORD

    page.goto(f"{live_server}/login")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server}/")


def test_staff_see_the_work_waiting_and_follow_a_line_to_its_list(
    demo, page, live_server, axe_violations, screenshot
):
    login(page, live_server, "staff@example.org")
    work = page.get_by_role("list", name="Work waiting")
    expect(work.get_by_role("listitem")).to_have_count(8)
    expect(work).to_contain_text("1 organisation to verify")
    expect(work).to_contain_text("1 host household to confirm")
    expect(work).to_contain_text("town friendship running out within three months")
    screenshot("start-page-staff-work-waiting")
    assert axe_violations() == []
    work.get_by_role("link", name="1 organisation to verify").click()
    expect(page.get_by_role("link", name="Gospelchor Lichtblick")).to_be_visible()


@pytest.mark.parametrize(
    ("email", "path", "order"),
    [
        ("football@example.org", "/proposals/", "coming events first"),
        ("football@example.org", "/interests/", "all organisations, newest first"),
        ("football@example.org", "/organisations/", "alphabetical order"),
        ("football@example.org", "/", "soonest first"),
    ],
)
def test_lists_say_their_order(demo, page, live_server, axe_violations, screenshot, email, path, order):
    from clubs_exchange.auth.models import User

    assert demo.session.scalar(sa.select(User.id).where(User.email == email))
    login(page, live_server, email)
    page.goto(f"{live_server}{path}")
    expect(page.locator("caption").filter(has_text=order)).to_have_count(1)
    screenshot("list-order" + path.replace("/", "-").rstrip("-"))
    assert axe_violations() == []
