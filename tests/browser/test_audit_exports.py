"""Staff read a proposal's audit trail and take the filtered review queue and the calendar to Excel."""

from datetime import UTC, datetime
from pathlib import Path

import pytest
from playwright.sync_api import expect

from clubs_exchange.audit.trail import acting_as
from clubs_exchange.auth.models import UserRole
from clubs_exchange.csv_io import read_rows
from clubs_exchange.proposals.models import ProposalState
from clubs_exchange.proposals.workflow import perform

pytestmark = pytest.mark.browser

S = ProposalState
START = datetime(2031, 6, 12, 16, 0, tzinfo=UTC)


@pytest.fixture
def office(db, make_user, make_proposal, make_org, make_partner):
    choir = make_org(name="Liederkranz")
    secretary = make_user(choir, name="Clara Secretary")
    lo, leszno = make_partner(name="Saint-Lô"), make_partner(name="Leszno", country="Poland")
    proposal = make_proposal(title="Choir evening", organisation=choir, partner_city=leszno, starts_at=START)
    with acting_as(secretary):
        proposal.venue = "Stadthalle"
        db.session.commit()
        perform(proposal, "submit", actor=secretary, is_proposer=True, is_staff=False)
        db.session.commit()
    make_proposal(S.SUBMITTED, title="=cmd|' /C calc'!A0", partner_city=lo, starts_at=START)
    make_proposal(S.APPROVED, title="Town festival", partner_city=lo, starts_at=START)
    staff = make_user(role=UserRole.STAFF, name="Sabine Staff")
    return staff, proposal, leszno


def rows_of(download) -> list[list[str]]:
    data = Path(download.path()).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    return read_rows(data, delimiter=";")


def test_staff_read_the_trail_and_export_the_filtered_queue_and_the_calendar(
    page, live_server, browser_login, office, axe_violations, screenshot
):
    staff, proposal, leszno = office
    browser_login(staff)

    page.goto(f"{live_server}/proposals/{proposal.id}")
    trail = page.get_by_role("region", name="Audit trail")
    expect(trail).to_contain_text("Clara Secretary")
    expect(trail.locator("tr", has_text="Submitted")).to_contain_text("Draft → Submitted")
    expect(trail.locator("tr", has_text="Stadthalle")).to_contain_text("Stadium am See → Stadthalle")
    assert axe_violations() == []
    screenshot("audit-proposal-trail")

    trail.get_by_role("link", name="Whole audit trail").click()
    expect(page).to_have_url(f"{live_server}/audit/?type=proposal&id={proposal.id}")
    expect(page.get_by_role("heading", name="Audit trail")).to_be_visible()
    page.get_by_label("Action").select_option("changed")
    expect(page.locator("#audit_results")).to_contain_text("2 changes")
    assert axe_violations() == []
    screenshot("audit-list")
    with page.expect_download() as audit_download:
        page.get_by_role("link", name="Export CSV").click()
    assert [row[1] for row in rows_of(audit_download.value)[1:]] == ["Clara Secretary", "Clara Secretary"]

    page.goto(f"{live_server}/review/")
    page.get_by_label("Partner city").select_option(label="Saint-Lô")
    expect(page.locator("#queue_results")).not_to_contain_text("Choir evening")
    with page.expect_download() as queue_download:
        page.get_by_role("link", name="Export CSV").click()
    assert queue_download.value.suggested_filename.startswith("review-submitted-")
    rows = rows_of(queue_download.value)
    assert rows[0][:3] == ["Number", "Title", "State"]
    assert [row[1] for row in rows[1:]] == ["'=cmd|' /C calc'!A0"]

    page.goto(f"{live_server}/calendar/list?from=2031-06-01")
    with page.expect_download() as calendar_download:
        page.get_by_role("link", name="Export CSV").click()
    assert [row[2] for row in rows_of(calendar_download.value)[1:]] == ["Town festival"]
