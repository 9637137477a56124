"""Both import pages in a real browser with a file that is no CSV: the message sits at the upload field."""

import io
import zipfile
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from clubs_exchange import clock
from clubs_exchange.auth.models import UserRole
from clubs_exchange.proposals.models import Direction, ProposalState

pytestmark = pytest.mark.browser


@pytest.fixture
def app_config(app_config):
    """CSRF on, as in production."""
    return {**app_config, "WTF_CSRF_ENABLED": True}


def workbook(path):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as book:
        book.writestr("xl/workbook.xml", "<workbook/>")
    path.write_bytes(out.getvalue())
    return path


def test_staff_upload_a_workbook_and_a_utf16_file_and_are_told_what_to_do(
    page, live_server, browser_login, db, make_user, make_org, make_partner, make_proposal, axe_violations,
    screenshot, tmp_path
):
    start = clock.utcnow().replace(microsecond=0) + timedelta(days=40)
    event = make_proposal(ProposalState.APPROVED, title="Youth tournament", organisation=make_org(),
                          partner_city=make_partner(name="Saint-Lô"), direction=Direction.INCOMING,
                          starts_at=start, ends_at=start + timedelta(days=3))
    browser_login(make_user(role=UserRole.STAFF))

    page.goto(f"{live_server}/hosting/events/{event.id}/import")
    page.get_by_label("CSV file").set_input_files(str(workbook(tmp_path / "guests.xlsx")))
    page.get_by_role("button", name="Check and import").click()
    expect(page.locator("#file-error")).to_contain_text("spreadsheet workbook")
    expect(page.get_by_label("CSV file")).to_have_attribute("aria-invalid", "true")
    assert axe_violations() == []
    screenshot("csv-guest-import-workbook")

    page.goto(f"{live_server}/candidates/import")
    utf16 = tmp_path / "candidates.csv"
    utf16.write_bytes("name;country\nKrems;Österreich\n".encode("utf-16"))
    page.get_by_label("CSV file").set_input_files(str(utf16))
    page.get_by_label("Published by").fill("CEMR spring list")
    page.get_by_role("button", name="Import").click()
    expect(page.locator("#file-error")).to_contain_text("CSV UTF-8")
    expect(page.get_by_label("Published by")).to_have_value("CEMR spring list")
    assert axe_violations() == []
    screenshot("csv-candidate-import-utf16")

    # The same list saved by old Mac Excel (cp1252, CR only) is imported.
    mac = tmp_path / "candidates-mac.csv"
    mac.write_bytes("name;country;population\rKrems;Österreich;24000\r".encode("cp1252"))
    page.get_by_label("CSV file").set_input_files(str(mac))
    page.get_by_role("button", name="Import").click()
    expect(page.locator(".flash-success")).to_contain_text("1 candidate imported.")
    expect(page.get_by_text("Krems")).to_be_visible()
