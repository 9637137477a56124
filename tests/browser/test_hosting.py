"""Hosting in a real browser: staff import a 30-guest list with two bad rows, fix it, let the app place the
group with 12 host families, adjust the placement, print the rooming list; another organisation sees nothing."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from clubs_exchange import clock
from clubs_exchange.auth.models import UserRole
from clubs_exchange.hosting.models import Guest
from clubs_exchange.proposals.models import Direction, ProposalState
from tests.hosting_data import guest_csv, guest_rows, twelve_host_families, with_two_bad_rows

pytestmark = pytest.mark.browser


@pytest.fixture
def app_config(app_config):
    """CSRF on, as in production: every form and htmx button must carry its token."""
    return {**app_config, "WTF_CSRF_ENABLED": True}


@pytest.fixture
def visit(db, make_user, make_org, make_partner, make_proposal, make_host):
    club, other = make_org(name="FC Testhausen"), make_org(name="Liederkranz")
    start = clock.utcnow().replace(hour=9, minute=0, second=0, microsecond=0) + timedelta(days=40)
    event = make_proposal(ProposalState.APPROVED, title="Youth tournament", organisation=club,
                          partner_city=make_partner(name="Saint-Lô"), direction=Direction.INCOMING,
                          starts_at=start, ends_at=start + timedelta(days=3))
    twelve_host_families(make_host)
    return {
        "event": event.id,
        "staff": make_user(role=UserRole.STAFF, name="Sabine Staff"),
        "outsider": make_user(other, name="Otto Other"),
    }


def test_staff_import_place_adjust_and_print(
    page, live_server, browser_login, visit, db, axe_violations, screenshot, tmp_path
):
    event = visit["event"]
    browser_login(visit["staff"])
    page.goto(f"{live_server}/hosting/")
    page.get_by_role("link", name="Youth tournament").click()
    expect(page.get_by_role("heading", name="Hosting: Youth tournament")).to_be_visible()
    assert axe_violations() == []

    # The partner's file has two bad rows: clear messages, nothing imported.
    page.get_by_role("link", name="Import a guest list (CSV)").click()
    expect(page.get_by_role("link", name="Download a sample file")).to_be_visible()
    bad = tmp_path / "saint-lo-guests.csv"
    bad.write_text(guest_csv(with_two_bad_rows(guest_rows(30))), encoding="utf-8")
    page.get_by_label("CSV file").set_input_files(str(bad))
    page.get_by_role("button", name="Check and import").click()
    errors = page.locator("#import-errors")
    expect(errors).to_contain_text("2 problems found; nothing was imported.")
    expect(errors.locator("li", has_text="date_of_birth")).to_contain_text("Row 6, “date_of_birth”: “31.02.2010”")
    expect(errors.locator("li", has_text="A name is required.")).to_contain_text("Row 12, “name”")
    assert db.session.query(Guest).filter_by(proposal_id=event).count() == 0
    assert axe_violations() == []
    screenshot("hosting-import-errors")

    # The file's contents wait in the box: correct the two rows there and import again.
    box = page.get_by_label("Or the contents of the file")
    text = box.input_value()
    assert "Camille Martin-1" in text
    box.fill(guest_csv(guest_rows(30)))
    page.get_by_role("button", name="Check and import").click()
    expect(page.locator(".flash-success")).to_have_text("30 guests imported.")
    assert db.session.query(Guest).filter_by(proposal_id=event).count() == 30

    # The app proposes a placement for the whole group (htmx: the page stays).
    page.evaluate("window.stillTheSamePage = true")
    page.get_by_role("button", name="Propose a placement for the unplaced guests").click()
    section = page.locator("#placements")
    expect(section).to_contain_text("30 guests placed by the proposal.")
    expect(section).to_contain_text("30 of 30 guests placed")
    screenshot("hosting-placed")

    # Adjust: a guest with a pet allergy cannot move to a family with a cat; another guest can.

    def row(name):
        return section.locator("tr", has=page.locator("th", has_text=name))

    def change(name):
        """One control per row loads the guest's move and swap choices into the row."""
        row(name).get_by_role("link", name=f"Move or swap {name}").click()
        expect(row(name).get_by_label(f"Household for {name}")).to_be_focused()
        return row(name)

    allergic = change("Lucie Martin-2")
    screenshot("hosting-change-in-row")
    assert axe_violations() == []
    allergic.get_by_label("Household for Lucie Martin-2").select_option(label="Familie Schulz (0 free)")
    allergic.get_by_role("button", name="Move Lucie Martin-2").click()
    expect(section.locator("[role=alert]")).to_contain_text("Familie Schulz keeps pets and Lucie Martin-2 has a "
                                                            "pet allergy.")
    change("Arthur Martin-9").get_by_label("Swap Arthur Martin-9 with").select_option(label="Paul Martin-17")
    row("Arthur Martin-9").get_by_role("button", name="Swap Arthur Martin-9").click()
    expect(section.locator("[role=status]")).to_contain_text("Arthur Martin-9 and Paul Martin-17 swapped households.")
    change("Emma Martin-12").get_by_label("Household for Emma Martin-12").select_option("")
    row("Emma Martin-12").get_by_role("button", name="Move Emma Martin-12").click()
    expect(row("Emma Martin-12").locator("td").nth(1)).to_contain_text("not placed")
    expect(section).to_contain_text("29 of 30 guests placed")
    assert page.evaluate("window.stillTheSamePage") is True
    assert axe_violations() == []

    # The rooming list, as printed.
    page.get_by_role("link", name="Rooming list").click()
    expect(page.get_by_role("heading", name="Per host household")).to_be_visible()
    # 29 guests in the 34 beds of 12 families: most families have guests, none more than its beds.
    assert 10 <= page.locator("section.rooming-host").count() <= 12
    assert axe_violations() == []
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.get_by_role("button", name="Print")).to_be_hidden()
    expect(page.get_by_role("heading", name="Per guest")).to_be_visible()
    screenshot("hosting-rooming-print")
    page.pdf(path=str(tmp_path / "rooming.pdf"))
    page.emulate_media(media="screen")


def test_a_member_of_another_organisation_sees_none_of_it(page, live_server, browser_login, visit, make_guest):
    make_guest(proposal_id=visit["event"], name="Camille Secret")
    browser_login(visit["outsider"])
    page.goto(f"{live_server}/hosting/")
    expect(page.get_by_role("heading", name="Hosting guests of incoming visits")).to_be_visible()
    expect(page.locator("main")).not_to_contain_text("Youth tournament")
    for path in ("", "/rooming", "/placements.csv", "/import"):
        response = page.goto(f"{live_server}/hosting/events/{visit['event']}{path}")
        assert response.status == 404, path
        expect(page.locator("body")).not_to_contain_text("Camille Secret")
    page.goto(f"{live_server}/hosting/hosts/")
    expect(page.locator("main")).not_to_contain_text("Familie Becker")


def test_the_host_register_pages_are_accessible(page, live_server, browser_login, visit, axe_violations, screenshot):
    browser_login(visit["staff"])
    page.goto(f"{live_server}/hosting/hosts/")
    expect(page.get_by_role("link", name="Familie Becker")).to_be_visible()
    assert axe_violations() == []
    page.get_by_role("link", name="Add a host family").click()
    page.get_by_label("Contact person").fill("Familie Neu")
    page.get_by_role("button", name="Add").click()
    expect(page.locator(".form-summary")).to_be_visible()
    expect(page.get_by_label("Contact person")).to_have_value("Familie Neu")
    assert axe_violations() == []
    screenshot("hosting-host-form-errors")
    page.goto(f"{live_server}/hosting/events/{visit['event']}/guests/new")
    assert axe_violations() == []
