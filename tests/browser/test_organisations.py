"""The organisation list's active search and the profile in a real browser."""

import pytest

from clubs_exchange import clock
from clubs_exchange.auth.models import UserRole
from clubs_exchange.organisations.models import OrganisationKind, OrganisationStatus

pytestmark = pytest.mark.browser


def test_typing_suggests_matches_and_sending_the_search_narrows_the_list(
    page, live_server, make_org, make_user, browser_login, axe_violations, screenshot
):
    make_org(name="Kammerchor Nord", kind=OrganisationKind.CHOIR_MUSIC, discipline="chamber choir")
    make_org(name="Gymnasium am Markt", kind=OrganisationKind.SCHOOL, discipline="secondary school")
    browser_login(make_user(make_org(name="FC Süd"), name="Otto Outsider"))
    page.goto(f"{live_server}/organisations/")
    results = page.locator("#org_results")
    assert results.get_by_role("link", name="Gymnasium am Markt").is_visible()
    assert axe_violations() == []
    # A marker on the window survives only if the page is not reloaded.
    page.evaluate("window.stillTheSamePage = true")

    search = page.get_by_label("Search by name or discipline")
    search.press_sequentially("choir", delay=30)
    suggestions = page.locator("#org-suggestions")
    suggestions.get_by_text("1 organisation matches.").wait_for()
    assert suggestions.get_by_role("link", name="Kammerchor Nord").is_visible()
    assert page.evaluate("window.stillTheSamePage === true")
    screenshot("organisations-suggestions")
    assert axe_violations() == []
    # The list itself changes when the search is sent.
    assert results.get_by_role("link", name="Gymnasium am Markt").is_visible()
    search.press("Enter")
    page.get_by_text("1 organisation found.").wait_for()
    assert "q=choir" in page.url
    assert page.locator("#org_results").get_by_role("link", name="Gymnasium am Markt").count() == 0

    page.evaluate("window.stillTheSamePage = true")
    page.get_by_label("Kind").select_option("school")
    page.get_by_text("No organisation matches").wait_for()
    assert "kind=school" in page.url and page.evaluate("window.stillTheSamePage === true")
    screenshot("organisations-active-search")
    assert axe_violations() == []


def test_staff_verify_a_pending_organisation_in_place(
    page, live_server, make_org, make_user, browser_login, axe_violations, screenshot
):
    pending = make_org(
        name="Neuer Chor",
        kind=OrganisationKind.CHOIR_MUSIC,
        status=OrganisationStatus.PENDING,
        age_groups="youth,adults",
        contact_name="Nina Neu",
        email="nina@example.org",
    )
    browser_login(make_user(role=UserRole.STAFF, name="Stella Staff"))
    page.goto(f"{live_server}/organisations/?status=pending")
    page.locator("#org_results").get_by_role("link", name="Neuer Chor").click()
    page.get_by_text("This organisation awaits verification by city staff.").wait_for()
    assert axe_violations() == []
    screenshot("organisation-profile-pending")
    page.evaluate("window.stillTheSamePage = true")
    page.get_by_role("button", name="Verify Neuer Chor").click()
    page.get_by_text("Neuer Chor is verified").wait_for()
    assert page.get_by_text("awaits verification").count() == 0
    assert page.evaluate("window.stillTheSamePage === true")
    assert page.url.endswith(f"/organisations/{pending.id}")
    assert axe_violations() == []


def test_the_areas_other_pages_pass_axe(
    page, live_server, make_org, make_user, make_partner, make_proposal, browser_login, axe_violations, screenshot
):
    from datetime import timedelta

    from clubs_exchange.proposals.models import ProposalState

    org = make_org(name="Kammerchor Nord", kind=OrganisationKind.CHOIR_MUSIC, age_groups="adults")
    make_user(org, name="Tim Teacher")
    partner = make_partner(name="Tours", country="France")
    make_proposal(
        ProposalState.APPROVED,
        organisation=org,
        partner_city=partner,
        title="Concert in Tours",
        starts_at=clock.utcnow() + timedelta(days=10),
    )
    browser_login(make_user(org, name="Clara Chor"))
    pages = {
        "organisation-profile": f"/organisations/{org.id}",
        "organisation-edit": f"/organisations/{org.id}/edit",
        "organisation-members": f"/organisations/{org.id}/members",
        "partners": "/partners/",
        "partner": f"/partners/{partner.id}",
    }
    for name, path in pages.items():
        page.goto(f"{live_server}{path}")
        assert axe_violations() == [], name
        screenshot(name)
