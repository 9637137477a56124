"""The *Kind* of an organisation, an event and an interest is chosen, never taken from the first option (issue 10).

The registration's Kind started at "Sports club" and the proposal's at "Match or tournament": a choir that did not
look registered as a sports club. Each starts at "— choose —", is required, and says so beside the field.
"""

import re

import pytest
import sqlalchemy as sa

from clubs_exchange.interests.models import ExchangeInterest
from clubs_exchange.organisations.models import Organisation, OrganisationKind
from clubs_exchange.proposals.models import EventKind, Proposal


def select_html(html: str, name: str) -> str:
    match = re.search(rf'<select[^>]*name="{name}"[^>]*>(.*?)</select>', html, re.S)
    assert match, f"no select {name}"
    return match.group(0)


def options(select: str) -> list[tuple[str, str, bool]]:
    """(value, text, selected) of each option."""
    return [
        (value, text.strip(), "selected" in attrs)
        for attrs, value, text in (
            (m.group(0), m.group(1), m.group(2))
            for m in re.finditer(r'<option(?=[^>]*value="([^"]*)")[^>]*>([^<]*)</option>', select)
        )
    ]


def field_block(html: str, field_id: str) -> str:
    match = re.search(rf'<div class="field[^"]*" id="{field_id}-field"[^>]*>(.*?)</div>', html, re.S)
    assert match
    return match.group(1)


def starts_at_choose(select: str) -> None:
    found = options(select)
    assert found[0][:2] == ("", "— choose —")
    assert not any(selected for _, _, selected in found)  # the browser shows the first: "— choose —"


@pytest.fixture
def choir(make_org):
    return make_org(name="Chor am Markt", kind=OrganisationKind.CHOIR_MUSIC)


# --- registration ------------------------------------------------------------------------------------------


REGISTRATION = {
    "organisation_name": "Kammerchor Nord", "kind": "", "discipline": "chamber choir", "member_count": "32",
    "description": "We sing.", "name": "Clara Chor", "email": "clara@example.org", "phone": "",
    "password": "long enough words", "confirm": "long enough words",
}


def test_the_registration_kind_starts_at_choose(client):
    starts_at_choose(select_html(client.get("/register").get_data(as_text=True), "kind"))


def test_registering_without_a_kind_is_told_beside_the_field_and_keeps_the_entries(client, db):
    response = client.post("/register", data=REGISTRATION)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Choose the kind of organisation." in field_block(html, "kind")
    assert 'value="Kammerchor Nord"' in html and 'value="clara@example.org"' in html
    assert db.session.scalars(sa.select(Organisation)).all() == []


def test_registering_with_a_chosen_kind_stores_it(client, db):
    response = client.post("/register", data={**REGISTRATION, "kind": "choir_music"})
    assert response.status_code == 303
    assert db.session.scalar(sa.select(Organisation.kind)) == OrganisationKind.CHOIR_MUSIC


def test_the_profile_keeps_the_organisation_s_own_kind(client, login_as, secretary, choir):
    login_as(secretary)
    found = options(select_html(client.get(f"/organisations/{choir.id}/edit").get_data(as_text=True), "kind"))
    assert [value for value, _, selected in found if selected] == ["choir_music"]


# --- the proposal ------------------------------------------------------------------------------------------


def proposal_data(choir, lyon, **overrides):
    data = {
        "title": "Summer concert", "kind": "", "partner_city_id": str(lyon.id), "organisation_id": str(choir.id),
        "direction": "incoming", "starts_at": "2031-06-12T18:00", "ends_at": "2031-06-12T21:30",
        "venue": "Stadthalle", "participants_ours": "40", "participants_guests": "30",
        "guests_needing_host": "12", "budget": "", "description": "",
    }
    data.update(overrides)
    return data


def test_the_proposal_kind_starts_at_choose(client, login_as, secretary):
    login_as(secretary)
    starts_at_choose(select_html(client.get("/proposals/new").get_data(as_text=True), "kind"))


def test_proposing_without_a_kind_is_told_beside_the_field(client, login_as, db, secretary, choir, lyon):
    login_as(secretary)
    response = client.post("/proposals/new", data=proposal_data(choir, lyon))
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Choose the kind of event." in field_block(html, "kind")
    assert 'value="Summer concert"' in html
    assert db.session.scalars(sa.select(Proposal)).all() == []


def test_a_proposal_s_kind_is_kept_when_it_is_changed(client, login_as, secretary, choir, make_proposal):
    proposal = make_proposal(organisation=choir, kind=EventKind.CONCERT)
    login_as(secretary)
    found = options(select_html(client.get(f"/proposals/{proposal.id}/edit").get_data(as_text=True), "kind"))
    assert [value for value, _, selected in found if selected] == ["concert"]


# --- the exchange interest ---------------------------------------------------------------------------------


def test_the_interest_s_what_starts_at_choose_and_is_required(client, login_as, db, secretary, choir, lyon):
    login_as(secretary)
    starts_at_choose(select_html(client.get("/interests/new").get_data(as_text=True), "kind"))
    response = client.post("/interests/new", data={
        "organisation_id": str(choir.id), "partner_city_id": str(lyon.id), "kind": "", "activity": "Concert",
    })
    assert response.status_code == 422
    assert "Choose what your organisation wants." in field_block(response.get_data(as_text=True), "kind")
    assert db.session.scalars(sa.select(ExchangeInterest)).all() == []
