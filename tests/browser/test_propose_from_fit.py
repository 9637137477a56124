"""In a browser: a choir's fits stay within music, and *Propose an event* opens a form already filled (issue 10)."""

import pytest
from playwright.sync_api import expect

from clubs_exchange.interests.models import InterestKind
from clubs_exchange.organisations.models import OrganisationKind

pytestmark = pytest.mark.browser


def test_a_choir_proposes_an_event_from_a_fitting_interest(
    page, live_server, browser_login, make_org, make_user, make_partner, make_interest, axe_violations, screenshot
):
    annecy = make_partner(name="Annecy", country="France")
    choir = make_org(name="Kammerchor St. Marien", kind=OrganisationKind.CHOIR_MUSIC, discipline="chamber choir")
    band = make_org(name="Stadtkapelle", kind=OrganisationKind.CHOIR_MUSIC, discipline="brass band")
    rowing = make_org(name="Ruderclub am Fluss", kind=OrganisationKind.SPORTS_CLUB, discipline="rowing")
    ours = make_interest(organisation=choir, partner_city=annecy, kind=InterestKind.HOST_GROUP, activity="concert",
                         beds_offered=20)
    make_interest(organisation=band, partner_city=None, kind=InterestKind.SEND_GROUP, activity="brass band tour")
    make_interest(organisation=rowing, partner_city=annecy, kind=InterestKind.SEND_GROUP, activity="rowing match")
    browser_login(make_user(choir, name="Anna Weber"))

    page.goto(f"{live_server}/interests/{ours.id}")
    fits = page.locator("section[aria-labelledby=fits-heading]")
    expect(fits.locator(".card")).to_have_count(1)
    expect(fits).to_contain_text("Stadtkapelle")
    expect(fits).not_to_contain_text("rowing match")
    screenshot("interest-fits-within-music")
    assert axe_violations() == []

    fits.get_by_role("link", name="Propose an event with Stadtkapelle").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Propose a joint event")
    expect(page.get_by_label("Partner city", exact=True)).to_have_value(str(annecy.id))
    expect(page.get_by_label("Stadtkapelle")).to_be_checked()
    expect(page.get_by_label("Guests come to us")).to_be_checked()
    expect(page.get_by_label("Kind of event")).to_have_value("")
    screenshot("proposal-form-from-a-fit")
    assert axe_violations() == []
