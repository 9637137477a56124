"""Issue 4 in a real browser: from a partner candidate with two ties to a signed twinning and its partnership page.

Staff record a candidate, record two ties and read its score factor by factor, make it a partner city, add a
contact person, log the mayor's visit and the return visit, sign the certificate (the level becomes twinning),
print the certificate, and read the partnership page with its chart and figures. A member of an organisation
then reads the same page without the contact's e-mail or phone, and is refused the candidates.
"""

from datetime import UTC, datetime

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from clubs_exchange.auth.models import UserRole
from clubs_exchange.partners.models import PartnerCity
from clubs_exchange.proposals.models import ProposalState

pytestmark = pytest.mark.browser

CANDIDATE = "Krems an der Donau"


@pytest.fixture
def people(make_user, make_org):
    club = make_org(name="FC Blau-Weiß 1921", discipline="football")
    make_org(name="Kammerchor St. Marien", discipline="chamber choir")
    return {"staff": make_user(role=UserRole.STAFF, name="Sabine Staff"), "member": make_user(club)}


def test_from_candidate_to_twinning(
    app, db, page, live_server, browser_login, people, make_proposal, axe_violations, screenshot
):
    browser_login(people["staff"])

    # --- a candidate with two ties, its score explained ------------------------------------------------------
    page.get_by_role("navigation", name="Twinning office").get_by_role("link", name="Partner candidates").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Partner candidates")
    page.get_by_role("link", name="New candidate").click()
    page.get_by_label("Municipality").fill(CANDIDATE)
    page.get_by_label("Country").fill("Austria")
    page.get_by_label("Population").fill("25000")
    page.get_by_label("Structure").select_option(label="Mixed")
    page.get_by_label("Languages").fill("German")
    page.get_by_label("Club activities").fill("football, wine, choir")
    assert axe_violations() == []
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(CANDIDATE)
    expect(page.get_by_role("cell", name="No private contacts are known yet.")).to_be_visible()

    for kind, ours, theirs, strength in (
        ("Between clubs", "FC Blau-Weiß 1921", "SV Krems", "Close (friends, joint projects)"),
        ("Between schools", "Goethe-Gymnasium", "BRG Krems", "Regular (meet every year or so)"),
    ):
        page.get_by_label("Kind of tie").select_option(label=kind)
        page.get_by_label("Who (here)").fill(ours)
        page.get_by_label("With whom (there)").fill(theirs)
        page.get_by_label("Since").fill("2015-05-01")
        page.get_by_label("Strength").select_option(label=strength)
        page.get_by_role("button", name="Record the tie").click()
        expect(page.get_by_role("status").first).to_contain_text("The tie is recorded.")
    ties = page.get_by_role("table", name="Existing ties")
    expect(ties.get_by_role("row")).to_have_count(3)
    fit = page.get_by_role("table", name="Fit with")
    expect(fit.get_by_role("row", name="Existing ties")).to_contain_text("2 known ties worth 5 of the 6 points")
    expect(fit.get_by_role("row", name="Club life")).to_contain_text("2 of 3 activities")
    expect(fit.get_by_role("row", name="Structure")).to_contain_text("Both are mixed.")
    expect(fit.get_by_role("row", name="Shared language")).to_contain_text("Both speak German.")
    expect(page.get_by_role("heading", name="Fit with Testhausen")).to_contain_text("of 100")
    assert axe_violations() == []
    screenshot("partnerships-1-candidate-score")

    # The list shows it with its score.
    page.get_by_role("link", name="All candidates").click()
    expect(page.get_by_role("row", name=CANDIDATE)).to_be_visible()
    assert axe_violations() == []
    page.get_by_role("link", name=CANDIDATE).click()

    # --- promoted to a partner city, a contact person ------------------------------------------------------
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Make a partner city (town contact)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(CANDIDATE)
    expect(page.locator(".lead")).to_contain_text("Town contact")
    page.get_by_role("link", name="Add a contact person").click()
    page.get_by_label("Name").fill("Eva Resch")
    page.get_by_label("Role").fill("Twinning office")
    page.get_by_label("E-mail").fill("eva.resch@krems.example.at")
    page.get_by_label("Phone").fill("+43 2732 801")
    page.get_by_role("button", name="Add").click()
    expect(page.get_by_role("table", name="Contact people")).to_contain_text("eva.resch@krems.example.at")

    # --- the mayor's visit, the return visit, the certificate ---------------------------------------------
    def milestone(kind, day, **fields):
        page.get_by_role("link", name="Record a milestone").click()
        page.get_by_label("Milestone", exact=True).select_option(label=kind)
        page.get_by_label("Date").fill(day)
        for label, value in fields.items():
            page.get_by_label(label, exact=True).fill(value)
        page.get_by_role("button", name="Record").click()
        expect(page.get_by_role("status").first).to_contain_text("is recorded")

    milestone("Mayor's visit", "2030-03-01", Place="Krems", People="Mayor Huber, two council members")
    milestone("Return visit", "2030-06-14", Place="Testhausen", People="Bürgermeister Resch and a delegation")
    expect(page.locator(".lead")).to_contain_text("Town contact")
    # An incomplete certificate is refused beside the field, the entries kept.
    page.get_by_role("link", name="Record a milestone").click()
    page.get_by_label("Milestone", exact=True).select_option(label="Twinning certificate signed")
    page.get_by_label("Date").fill("2030-09-20")
    page.get_by_label("Place", exact=True).fill("Krems, town hall")
    page.get_by_label("Signatories").fill("Mayor Huber")
    page.get_by_role("button", name="Record").click()
    expect(page.locator("#signatories-error")).to_contain_text("at least two signatories")
    assert axe_violations() == []
    page.get_by_label("Signatories").fill("Mayor Huber\nBürgermeister Resch")
    page.get_by_role("button", name="Record").click()
    expect(page.locator(".lead")).to_contain_text("Twinning")
    timeline = page.locator(".timeline")
    expect(timeline).to_contain_text("Level changed from Town contact to Twinning")
    expect(timeline).to_contain_text("Twinning certificate signed")
    expect(timeline).to_contain_text("Mayor's visit")
    expect(timeline).to_contain_text("Return visit")

    # --- the certificate, printable --------------------------------------------------------------------------
    page.get_by_role("link", name="Twinning certificate").click()
    certificate = page.locator(".certificate")
    expect(certificate).to_contain_text("Testhausen")
    expect(certificate).to_contain_text(CANDIDATE)
    expect(certificate).to_contain_text("Bürgermeister Resch")
    assert axe_violations() == []
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    screenshot("partnerships-2-certificate-print")
    page.emulate_media(media="screen")
    page.go_back()

    # --- the partnership page with events from the calendar: chart and figures ----------------------------
    partner = db.session.scalar(sa.select(PartnerCity).where(PartnerCity.name == CANDIDATE))
    for year, month in ((2029, 5), (2030, 5), (2030, 9), (2031, 4)):
        make_proposal(ProposalState.APPROVED, partner_city=partner, starts_at=datetime(year, month, 10, 15, tzinfo=UTC),
                      participants_ours=12, participants_guests=9)
    page.reload()
    chart = page.get_by_role("img", name=f"Events with {CANDIDATE} per year")
    expect(chart).to_be_visible()
    expect(chart.locator("rect")).to_have_count(3)
    expect(chart.locator("desc")).to_have_text("2029: 1 event; 2030: 2 events; 2031: 1 event.")
    figures = page.get_by_role("table", name="Per year")
    expect(figures.locator("tbody tr")).to_have_count(3)
    # 2030: two events, 2 × 12 of ours and 2 × 9 guests, two organisations, no guests hosted yet.
    expect(figures.locator("tbody tr").nth(1).locator("th, td")).to_have_text(["2030", "2", "24", "18", "2", "0"])
    assert axe_violations() == []
    screenshot("partnerships-3-partnership-page")

    # --- the partnership agreement, drafted from the template staff edit -----------------------------------
    page.get_by_role("link", name="Partnership agreement").click()
    english = page.locator('.document-column[lang="en"] .agreement-text')
    german = page.locator('.document-column[lang="de"] .agreement-text')
    expect(english).to_contain_text(f"Partnership agreement between Testhausen and {CANDIDATE} (Austria)")
    expect(german).to_contain_text(f"Partnerschaftsvereinbarung zwischen Testhausen und {CANDIDATE} (Austria)")
    expect(english).to_contain_text("Bürgermeister Resch")
    assert axe_violations() == []
    page.get_by_role("link", name="Edit the template in English").click()
    page.get_by_label("Template").fill("Agreement of {home_city} and {partner_town}, {date}.")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#text-error")).to_contain_text("Unknown placeholder(s): {partner_town}")
    expect(page.get_by_label("Template")).to_have_value("Agreement of {home_city} and {partner_town}, {date}.")
    assert axe_violations() == []
    page.get_by_label("Template").fill("Agreement of {home_city} and {partner_city}, {date}.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status").first).to_contain_text("The agreement template is saved.")
    page.goto(f"{live_server}/partners/{partner.id}/agreement")
    # Austrian: the agreement in the home city's English (British dates) and, beside it, the built-in German one.
    expect(page.locator('.document-column[lang="en"] .agreement-text')).to_have_text(
        f"Agreement of Testhausen and {CANDIDATE}, 20 September 2030."
    )
    expect(page.locator('.document-column[lang="de"] .agreement-text')).to_contain_text("20. September 2030")

    # --- a member reads the page, without the contact's e-mail or phone, and no candidates -------------------
    page.get_by_role("button", name="Log out").click()
    browser_login(people["member"])
    page.goto(f"{live_server}/partners/{partner.id}")
    expect(page.get_by_role("table", name="Contact people")).to_contain_text("Eva Resch")
    expect(page.get_by_role("main")).not_to_contain_text("eva.resch@krems.example.at")
    expect(page.get_by_role("main")).not_to_contain_text("+43 2732 801")
    expect(page.get_by_role("link", name="Partner candidates")).to_have_count(0)
    assert axe_violations() == []
    screenshot("partnerships-4-member-view")
    assert page.goto(f"{live_server}/candidates/").status == 403
