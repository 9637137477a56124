"""Over-long entries in the proposal, interest and registration forms: told beside the field, never cut silently.

A `maxlength` attribute makes the browser cut a pasted text at the limit without a word; the forms carry none,
and the answer says the limit and the length entered, with the whole text kept in the field (issue 10).
"""

import re

import pytest
import sqlalchemy as sa

from clubs_exchange.interests.models import ExchangeInterest
from clubs_exchange.organisations.models import Organisation
from clubs_exchange.proposals.models import Proposal


def field_html(html: str, field_id: str) -> str:
    """The wrapper the form macro draws around one field: label, input, help and message."""
    match = re.search(rf'<div class="field[^"]*" id="{field_id}-field"[^>]*>(.*?)</div>', html, re.S)
    assert match, f"no field {field_id} on the page"
    return match.group(1)


def control_of(block: str) -> str:
    match = re.search(r"<(input|textarea)\b[^>]*>", block)
    assert match
    return match.group(0)


def proposal_data(choir, lyon, **overrides):
    data = {
        "title": "Summer concert", "kind": "concert", "partner_city_id": str(lyon.id),
        "organisation_id": str(choir.id), "direction": "incoming", "starts_at": "2031-06-12T18:00",
        "ends_at": "2031-06-12T21:30", "venue": "Stadthalle", "participants_ours": "40",
        "participants_guests": "30", "guests_needing_host": "12", "budget": "", "description": "",
    }
    data.update(overrides)
    return data


# --- the proposal ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "limit"), [("title", 200), ("venue", 200), ("description", 5000)]
)
def test_the_proposal_form_sets_no_maxlength_that_would_cut_a_paste(client, login_as, secretary, field, limit):
    login_as(secretary)
    html = client.get("/proposals/new").get_data(as_text=True)
    assert "maxlength" not in control_of(field_html(html, field))


@pytest.mark.parametrize(
    ("field", "limit"), [("title", 200), ("venue", 200), ("description", 5000)]
)
def test_an_over_long_proposal_entry_is_told_with_limit_and_length_and_kept(
    client, login_as, db, secretary, choir, lyon, field, limit
):
    login_as(secretary)
    pasted = ("Freundschaftskonzert " * 400)[: limit + 37]
    response = client.post("/proposals/new", data=proposal_data(choir, lyon, **{field: pasted}))
    assert response.status_code == 422
    block = field_html(response.get_data(as_text=True), field)
    assert f"At most {limit} characters: this has {limit + 37}. Please shorten it by 37." in block
    assert pasted.strip() in block  # the whole text is still there to shorten
    assert db.session.scalars(sa.select(Proposal)).all() == []


def test_the_inline_check_tells_about_a_pasted_long_title_on_leaving_the_field(
    client, login_as, secretary, choir, lyon, htmx_headers
):
    login_as(secretary)
    response = client.post(
        "/proposals/validate",
        data=proposal_data(choir, lyon, title="x" * 245),
        headers={**htmx_headers, "HX-Trigger-Name": "title"},
    )
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'id="title-field"' in html and "At most 200 characters: this has 245." in html
    assert 'id="venue-field"' not in html


def test_a_title_at_the_limit_is_taken(client, login_as, db, secretary, choir, lyon):
    login_as(secretary)
    response = client.post("/proposals/new", data=proposal_data(choir, lyon, title="y" * 200))
    assert response.status_code == 303
    assert db.session.scalar(sa.select(Proposal.title)) == "y" * 200


# --- the exchange interest ---------------------------------------------------------------------------------


def interest_data(choir, lyon, **overrides):
    data = {
        "organisation_id": str(choir.id), "partner_city_id": str(lyon.id), "kind": "send_group",
        "activity": "Concert", "group_size": "24", "age_group": "adults", "period_from": "2027-05",
        "period_to": "2027-06", "beds_offered": "0", "notes": "",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(("field", "limit"), [("activity", 120), ("notes", 4000)])
def test_an_over_long_interest_entry_is_told_and_kept(client, login_as, db, secretary, choir, lyon, field, limit):
    login_as(secretary)
    assert "maxlength" not in control_of(field_html(client.get("/interests/new").get_data(as_text=True), field))
    pasted = "c" * (limit + 5)
    response = client.post("/interests/new", data=interest_data(choir, lyon, **{field: pasted}))
    assert response.status_code == 422
    block = field_html(response.get_data(as_text=True), field)
    assert f"At most {limit} characters: this has {limit + 5}." in block
    assert pasted in block
    assert db.session.scalars(sa.select(ExchangeInterest)).all() == []


# --- registering an organisation ---------------------------------------------------------------------------


def registration_data(**overrides):
    data = {
        "organisation_name": "Kammerchor Nord", "kind": "choir_music", "discipline": "chamber choir",
        "member_count": "32", "description": "We sing.", "name": "Clara Chor", "email": "clara@example.org",
        "phone": "", "password": "long enough words", "confirm": "long enough words",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    ("field", "limit"),
    [("organisation_name", 160), ("discipline", 120), ("description", 4000), ("name", 120), ("phone", 40)],
)
def test_an_over_long_registration_entry_is_told_and_kept(client, db, field, limit):
    assert "maxlength" not in control_of(field_html(client.get("/register").get_data(as_text=True), field))
    pasted = "n" * (limit + 1)
    response = client.post("/register", data=registration_data(**{field: pasted}))
    assert response.status_code == 422
    block = field_html(response.get_data(as_text=True), field)
    assert f"At most {limit} characters: this has {limit + 1}. Please shorten it by 1." in block
    assert pasted in block
    assert db.session.scalars(sa.select(Organisation)).all() == []


def test_no_registration_field_carries_a_maxlength(client):
    assert "maxlength" not in client.get("/register").get_data(as_text=True)


def test_an_over_long_password_is_told_rather_than_cut(client):
    response = client.post("/register", data=registration_data(password="p" * 230, confirm="p" * 230))
    assert response.status_code == 422
    assert "At most 128 characters: this has 230." in field_html(response.get_data(as_text=True), "password")
