"""Matching by direction alone stays within a field, and *Propose an event* from a fit fills the form (issue 10).

A hosting choir was offered a rowing club's "rowing match": the directions complement each other (one hosts,
one sends), but the two have nothing to do together. A fit by direction alone needs the same field (music with
music, sports with sports, school with school); a shared activity still fits across fields.
"""

import re

import pytest

from clubs_exchange.interests.matching import fit
from clubs_exchange.interests.models import ExchangeInterest, InterestKind
from clubs_exchange.organisations.models import Organisation, OrganisationKind

SEND, HOST, PUPILS = InterestKind.SEND_GROUP, InterestKind.HOST_GROUP, InterestKind.PUPIL_EXCHANGE
SPORTS, MUSIC, SCHOOL, OTHER = (
    OrganisationKind.SPORTS_CLUB, OrganisationKind.CHOIR_MUSIC, OrganisationKind.SCHOOL, OrganisationKind.ASSOCIATION
)


def interest(organisation_id, field, **fields) -> ExchangeInterest:
    """An unsaved interest of an organisation of that field: the pair rule needs no database."""
    fields.setdefault("is_open", True)
    fields.setdefault("beds_offered", 0)
    organisation = Organisation(id=organisation_id, name=f"Organisation {organisation_id}", kind=field)
    return ExchangeInterest(organisation_id=organisation_id, organisation=organisation, **fields)


def test_a_hosting_choir_is_not_offered_a_rowing_match(app):
    choir = interest(1, MUSIC, kind=HOST, activity="concert")
    rowing = interest(2, SPORTS, kind=SEND, activity="rowing match")
    assert fit(choir, rowing) is None
    assert fit(rowing, choir) is None


@pytest.mark.parametrize("field", [MUSIC, SPORTS, SCHOOL, OTHER])
def test_host_and_sender_of_the_same_field_fit_by_direction(app, field):
    host = interest(1, field, kind=HOST, activity="anything we do")
    sender = interest(2, field, kind=SEND, activity="something else")
    result = fit(host, sender)
    assert result is not None and result.complements
    assert result.reasons == ["They want to send a group; you host one"]


@pytest.mark.parametrize(("a", "b"), [(MUSIC, SPORTS), (SCHOOL, MUSIC), (SPORTS, SCHOOL), (OTHER, MUSIC)])
def test_host_and_sender_of_different_fields_do_not_fit_by_direction_alone(app, a, b):
    assert fit(interest(1, a, kind=HOST, activity="one thing"), interest(2, b, kind=SEND, activity="another")) is None


def test_a_pupil_exchange_pairs_a_school_with_a_school_not_with_a_sports_club(app):
    school = interest(1, SCHOOL, kind=PUPILS, activity="French and German")
    other_school = interest(2, SCHOOL, kind=PUPILS, activity="science project")
    sports = interest(3, SPORTS, kind=PUPILS, activity="youth football")
    assert fit(school, other_school).reasons == ["You both want a pupil exchange"]
    assert fit(school, sports) is None


def test_a_shared_activity_still_fits_across_fields_with_its_direction(app):
    school = interest(1, SCHOOL, kind=HOST, activity="concert")
    choir = interest(2, MUSIC, kind=SEND, activity="concert")
    result = fit(school, choir)
    assert result.reasons == ["They want to send a group; you host one", "Same activity: concert"]


# --- on the interest's page ---------------------------------------------------------------------------------


@pytest.fixture
def setting(make_org, make_user, make_partner, make_interest):
    annecy = make_partner(name="Annecy")
    choir = make_org(name="Kammerchor", kind=MUSIC, discipline="chamber choir")
    rowing = make_org(name="Ruderclub", kind=SPORTS, discipline="rowing")
    band = make_org(name="Stadtkapelle", kind=MUSIC, discipline="brass band")
    ours = make_interest(organisation=choir, partner_city=annecy, kind=HOST, activity="concert")
    make_interest(organisation=rowing, partner_city=annecy, kind=SEND, activity="rowing match")
    make_interest(organisation=band, partner_city=None, kind=SEND, activity="brass band tour")
    return {"annecy": annecy, "choir": choir, "band": band, "rowing": rowing, "ours": ours,
            "secretary": make_user(choir)}


def test_the_choir_s_page_lists_the_band_and_not_the_rowing_club(client, login_as, setting):
    login_as(setting["secretary"])
    html = client.get(f"/interests/{setting['ours'].id}").get_data(as_text=True)
    fits = html.split('id="fits-heading"')[1]
    assert "brass band tour" in fits and "Stadtkapelle" in fits
    assert "rowing match" not in fits and "Ruderclub" not in fits


def propose_link(html: str) -> str:
    match = re.search(r'<a href="(/proposals/new\?[^"]*)">Propose an event', html)
    assert match, "no Propose an event link"
    return match.group(1).replace("&amp;", "&")


def selected(html: str, name: str) -> list[str]:
    """The values of the select's options marked selected; the "— choose —" placeholder is no choice."""
    select = re.search(rf'<select[^>]*name="{name}"[^>]*>(.*?)</select>', html, re.S).group(1)
    return [re.search(r'value="([^"]*)"', attrs).group(1)
            for attrs in re.findall(r"<option\b([^>]*)>", select)
            if re.search(r"\bselected\b", attrs) and 'value=""' not in attrs]


def checked_co_organisers(html: str) -> list[str]:
    boxes = [attrs for attrs in re.findall(r"<input\b([^>]*)>", html) if 'name="co_organiser_ids"' in attrs]
    return [re.search(r'value="([^"]*)"', attrs).group(1) for attrs in boxes if re.search(r"\bchecked\b", attrs)]


def test_propose_an_event_from_a_fit_fills_in_the_partner_city_and_the_other_organisation(
    client, login_as, setting
):
    login_as(setting["secretary"])
    link = propose_link(client.get(f"/interests/{setting['ours'].id}").get_data(as_text=True))
    response = client.get(link)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert selected(html, "partner_city_id") == [str(setting["annecy"].id)]
    assert selected(html, "organisation_id") == [str(setting["choir"].id)]
    assert checked_co_organisers(html) == [str(setting["band"].id)]
    assert re.search(r'<input checked[^>]*value="incoming"', html)  # the choir hosts: guests come to us
    assert selected(html, "kind") == []  # the kind is still the person's to choose


@pytest.mark.parametrize(
    "query",
    [
        "partner_city_id=999999&co_organiser_id=999999",
        "partner_city_id=abc&co_organiser_id=%C2%B2",
        "partner_city_id=100000000000000000000&co_organiser_id=-3",
        "partner_city_id=&co_organiser_id=",
    ],
)
def test_unknown_or_malformed_ids_in_the_address_are_ignored(client, login_as, setting, query):
    login_as(setting["secretary"])
    response = client.get(f"/proposals/new?organisation_id={setting['choir'].id}&{query}")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert selected(html, "partner_city_id") == []
    assert checked_co_organisers(html) == []


def test_the_own_organisation_is_not_filled_in_as_its_own_co_organiser(client, login_as, setting):
    login_as(setting["secretary"])
    html = client.get(f"/proposals/new?co_organiser_id={setting['choir'].id}").get_data(as_text=True)
    assert checked_co_organisers(html) == []


def test_a_foreign_proposing_organisation_in_the_address_is_not_taken(client, login_as, setting):
    login_as(setting["secretary"])
    html = client.get(f"/proposals/new?organisation_id={setting['rowing'].id}").get_data(as_text=True)
    assert selected(html, "organisation_id") != [str(setting["rowing"].id)]
