"""The organisation list, profile, profile editing and verification, through the client, for each role."""

import re

import pytest
import sqlalchemy as sa

from clubs_exchange.organisations.models import Organisation, OrganisationKind, OrganisationStatus
from clubs_exchange.proposals.models import ProposalState


@pytest.fixture
def choir(make_org):
    return make_org(
        name="Kammerchor Nord",
        kind=OrganisationKind.CHOIR_MUSIC,
        discipline="chamber choir",
        member_count=42,
        age_groups="youth,adults",
        languages="German, French",
        contact_name="Clara Chor",
        email="info@kammerchor.example",
        phone="+49 30 1234",
        description="We sing Bach and Brahms.",
    )


def text(response) -> str:
    return response.get_data(as_text=True)


# --- the list ---------------------------------------------------------------------------------------------


def test_anonymous_are_sent_to_log_in(client, choir):
    for url in ("/organisations/", f"/organisations/{choir.id}", f"/organisations/{choir.id}/edit"):
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_anonymous_htmx_search_gets_401_with_a_redirect_to_the_login(client, htmx_headers):
    response = client.get("/organisations/?q=chor", headers=htmx_headers)
    assert response.status_code == 401 and "/login" in response.headers["HX-Redirect"]


def test_list_shows_organisations_with_kind_and_a_search_form_that_works_without_js(client, login_as, choir, outsider):
    login_as(outsider)
    html = text(client.get("/organisations/"))
    assert "Kammerchor Nord" in html and "FC Süd" in html and "Choir or music club" in html
    assert 'method="get"' in html and 'type="submit"' in html
    assert 'hx-get="/organisations/suggest"' in html and 'hx-trigger="input changed delay:250ms, search"' in html
    assert 'hx-push-url="true"' in html  # the kind filter swaps the list and keeps the address
    # Members do not filter by status; staff do.
    assert 'name="status"' not in html


def test_search_narrows_the_list_as_a_full_page(client, login_as, choir, outsider):
    login_as(outsider)
    response = client.get("/organisations/?q=chamber")
    html = text(response)
    assert response.status_code == 200 and "<html" in html
    assert "Kammerchor Nord" in html and "FC Süd" not in html
    assert 'value="chamber"' in html


def test_htmx_search_answers_the_results_only(client, login_as, choir, outsider, htmx_headers):
    login_as(outsider)
    response = client.get("/organisations/?q=kammer", headers=htmx_headers)
    html = text(response)
    assert response.status_code == 200
    assert "<html" not in html and html.lstrip().startswith('<div id="org_results"')
    assert "Kammerchor Nord" in html and "FC Süd" not in html
    assert "1 organisation found" in html
    assert "HX-Request" in response.headers["Vary"]


def test_typing_suggests_the_first_matches_in_a_few_hundred_bytes(client, login_as, make_org, outsider, htmx_headers):
    for n in range(12):
        make_org(name=f"Chor {n:02d}", kind=OrganisationKind.CHOIR_MUSIC, discipline="choir")
    login_as(outsider)
    response = client.get("/organisations/suggest?q=chor", headers=htmx_headers)
    html = text(response)
    assert response.status_code == 200 and html.lstrip().startswith('<div id="org-suggestions"')
    assert "12 organisations match." in html and html.count("<li>") == 8
    assert "Chor 00" in html and "Chor 08" not in html  # in the list's order, the first eight
    assert 'href="/organisations/?q=chor"' in html  # the whole list, as the page shows it
    full_page = text(client.get("/organisations/?q=chor"))
    assert len(html) < 0.15 * len(full_page)


def test_suggestions_count_up_to_a_cap_and_the_list_counts_them_all(
    client, login_as, db, outsider, htmx_headers, monkeypatch
):
    from clubs_exchange.organisations import directory
    from clubs_exchange.organisations.models import Organisation

    monkeypatch.setattr(directory, "SUGGESTION_COUNT_CAP", 5)
    db.session.add_all(Organisation(name=f"Școala {n:02d}", kind=OrganisationKind.SCHOOL) for n in range(7))
    db.session.commit()
    login_as(outsider)
    html = text(client.get("/organisations/suggest?q=coala", headers=htmx_headers))
    assert "More than 5 organisations match." in html and html.count("<li>") == 7
    assert "Școala 00" in html and "Școala 06" in html  # by name, as the list orders them
    assert 'href="/organisations/?q=coala"' in html
    assert "7 organisations found" in text(client.get("/organisations/?q=coala"))
    monkeypatch.setattr(directory, "SUGGESTION_COUNT_CAP", 7)
    db.session.add(Organisation(name="Școala 07", kind=OrganisationKind.SCHOOL))
    db.session.commit()
    html = text(client.get("/organisations/suggest?q=coala", headers=htmx_headers))
    assert "More than 7 organisations match." in html
    monkeypatch.setattr(directory, "SUGGESTION_COUNT_CAP", 8)
    html = text(client.get("/organisations/suggest?q=oala", headers=htmx_headers))  # another page of the cache
    assert "8 organisations match." in html and "More than" not in html


def test_suggestions_respect_the_other_filters_and_refuse_an_overlong_search(
    client, login_as, choir, outsider, htmx_headers
):
    login_as(outsider)
    html = text(client.get("/organisations/suggest?q=o&kind=sports_club", headers=htmx_headers))
    assert "FC Süd" in html and "Kammerchor Nord" not in html
    response = client.get("/organisations/suggest?q=" + "x" * 200, headers=htmx_headers)
    assert response.status_code == 422 and "Field cannot be longer than 100 characters" in text(response)
    empty = text(client.get("/organisations/suggest?q=", headers=htmx_headers))
    assert "<li>" not in empty and "match" not in empty


def test_suggestions_without_javascript_lead_to_the_filtered_list(client, login_as, choir, outsider):
    login_as(outsider)
    response = client.get("/organisations/suggest?q=kammer&kind=")
    assert response.status_code == 302 and response.headers["Location"].endswith("/organisations/?q=kammer")


def test_boosted_and_history_restore_requests_get_the_whole_page(client, login_as, choir, outsider):
    login_as(outsider)
    for extra in ({"HX-Boosted": "true"}, {"HX-History-Restore-Request": "true"}):
        html = text(client.get("/organisations/?q=kammer", headers={"HX-Request": "true", **extra}))
        assert "<html" in html and "Kammerchor Nord" in html


def test_filter_by_kind(client, login_as, choir, outsider):
    login_as(outsider)
    html = text(client.get("/organisations/?kind=sports_club"))
    assert "FC Süd" in html and "Kammerchor Nord" not in html


def test_tampered_kind_and_overlong_search_are_refused_with_422(client, login_as, choir, outsider, htmx_headers):
    login_as(outsider)
    response = client.get("/organisations/?kind=spaceship")
    assert response.status_code == 422 and "Not a valid choice" in text(response)
    # The bad filter is left out: the whole list is shown.
    assert "Kammerchor Nord" in text(response) and "FC Süd" in text(response)
    response = client.get("/organisations/?q=" + "x" * 10_000, headers=htmx_headers)
    assert response.status_code == 422 and "<html" not in text(response)
    assert "Field cannot be longer than 100 characters" in text(response)


def test_staff_filter_by_status_pending(client, login_as, make_org, staff):
    make_org(name="Neuer Verein", status=OrganisationStatus.PENDING)
    make_org(name="Alter Verein")
    login_as(staff)
    html = text(client.get("/organisations/?status=pending"))
    assert 'name="status"' in html
    assert "Neuer Verein" in html and "Alter Verein" not in html


def test_members_cannot_filter_by_status(client, login_as, make_org, outsider):
    make_org(name="Neuer Verein", status=OrganisationStatus.PENDING)
    login_as(outsider)
    response = client.get("/organisations/?status=pending")
    assert response.status_code == 200
    assert "Neuer Verein" in text(response) and "FC Süd" in text(response)


def test_the_list_is_paginated_and_keeps_the_search(client, login_as, app, make_org, staff):
    app.config["PAGE_SIZE"] = 2
    for n in range(5):
        make_org(name=f"Chor {n}", kind=OrganisationKind.CHOIR_MUSIC)
    login_as(staff)
    html = text(client.get("/organisations/?q=chor&kind=choir_music"))
    assert "Chor 0" in html and "Chor 2" not in html and "Page 1 of 3" in html
    next_link = re.search(r'href="([^"]*page=2[^"]*)"', html).group(1).replace("&amp;", "&")
    assert "q=chor" in next_link and "kind=choir_music" in next_link
    html = text(client.get(next_link))
    assert "Chor 2" in html and "Chor 0" not in html


# --- the profile ------------------------------------------------------------------------------------------


def test_profile_shows_every_field(client, login_as, choir, outsider):
    login_as(outsider)
    html = text(client.get(f"/organisations/{choir.id}"))
    for expected in (
        "Kammerchor Nord",
        "Choir or music club",
        "chamber choir",
        "42",
        "Youth (12–17)",
        "Adults",
        "German, French",
        "Clara Chor",
        "info@kammerchor.example",
        "+49 30 1234",
        "We sing Bach and Brahms.",
        "Verified",
    ):
        assert expected in html, expected


def test_profile_links_for_members_and_staff_only(client, login_as, choir, member, outsider, staff, admin):
    links = (
        f"/organisations/{choir.id}/edit",
        f"/organisations/{choir.id}/members",
        f"/interests/new?organisation_id={choir.id}",
    )
    # Only the organisation's own members propose: staff would only meet "Only organisations propose events".
    propose = f"/proposals/new?organisation_id={choir.id}"
    for user, sees, proposes in (
        (member, True, True), (staff, True, False), (admin, True, False), (outsider, False, False)
    ):
        login_as(user)
        html = text(client.get(f"/organisations/{choir.id}"))
        assert all((link in html) == sees for link in links), user.name
        assert (propose in html) == proposes, user.name


def test_profile_hides_drafts_from_other_organisations(client, login_as, choir, member, outsider, make_proposal):
    make_proposal(ProposalState.DRAFT, organisation=choir, title="Secret draft")
    make_proposal(ProposalState.APPROVED, organisation=choir, title="Summer concert")
    login_as(member)
    html = text(client.get(f"/organisations/{choir.id}"))
    assert "Secret draft" in html and "Summer concert" in html
    login_as(outsider)
    html = text(client.get(f"/organisations/{choir.id}"))
    assert "Secret draft" not in html and "Summer concert" in html


def test_profile_lists_open_interests_and_events(
    client, login_as, choir, outsider, make_interest, make_proposal, make_org
):
    interest = make_interest(organisation=choir, activity="joint concert")
    make_interest(organisation=choir, activity="closed idea", is_open=False)
    event = make_proposal(ProposalState.APPROVED, organisation=make_org(), title="Festival of Choirs")
    event.co_organisers.append(choir)
    from clubs_exchange.extensions import db

    db.session.commit()
    login_as(outsider)
    html = text(client.get(f"/organisations/{choir.id}"))
    assert f"/interests/{interest.id}" in html and "joint concert" in html and "closed idea" not in html
    assert "Festival of Choirs" in html and "Co-organiser" in html


def test_pending_profile_says_it_awaits_verification_and_staff_see_verify(client, login_as, make_org, make_user, staff):
    pending = make_org(name="Neuer Verein", status=OrganisationStatus.PENDING)
    login_as(make_user(pending))
    html = text(client.get(f"/organisations/{pending.id}"))
    assert "awaits verification" in html and "cannot submit proposals yet" in html
    assert f"/organisations/{pending.id}/verify" not in html
    login_as(staff)
    html = text(client.get(f"/organisations/{pending.id}"))
    assert f'action="/organisations/{pending.id}/verify"' in html and "Verify Neuer Verein" in html


def test_unknown_and_non_integer_ids_are_404(client, login_as, staff):
    login_as(staff)
    for url in (
        "/organisations/99999",
        "/organisations/abc",
        "/organisations/abc/edit",
        "/organisations/1.5/members",
        "/organisations/99999/edit",
    ):
        assert client.get(url).status_code == 404, url
    assert client.post("/organisations/abc/verify").status_code == 404


# --- editing ----------------------------------------------------------------------------------------------


def profile_data(**overrides) -> dict:
    data = {
        "name": "Kammerchor Nord",
        "kind": "choir_music",
        "discipline": "chamber choir",
        "member_count": "45",
        "age_groups": ["adults", "seniors"],
        "languages": "German",
        "contact_name": "Clara Chor",
        "email": "info@kammerchor.example",
        "phone": "",
        "description": "Bach.",
    }
    data.update(overrides)
    return data


def test_edit_form_shows_the_profile_with_age_group_checkboxes(client, login_as, choir, member):
    login_as(member)
    html = text(client.get(f"/organisations/{choir.id}/edit"))
    assert 'value="Kammerchor Nord"' in html
    assert re.search(r'<input[^>]*checked[^>]*value="youth"', html)
    assert re.search(r'<input[^>]*checked[^>]*value="adults"', html)
    assert not re.search(r'<input[^>]*checked[^>]*value="seniors"', html)


def test_member_saves_the_profile(client, db, login_as, choir, member):
    login_as(member)
    response = client.post(f"/organisations/{choir.id}/edit", data=profile_data())
    assert response.status_code == 303 and response.headers["Location"].endswith(f"/organisations/{choir.id}")
    saved = db.session.get(Organisation, choir.id)
    assert saved.age_groups == "adults,seniors" and saved.member_count == 45 and saved.description == "Bach."
    assert "is saved" in text(client.get(response.headers["Location"]))


def test_staff_and_admin_may_edit_others_may_not(client, login_as, choir, outsider, staff, admin):
    login_as(outsider)
    assert client.get(f"/organisations/{choir.id}/edit").status_code == 403
    assert client.post(f"/organisations/{choir.id}/edit", data=profile_data(name="Hijacked")).status_code == 403
    for user in (staff, admin):
        login_as(user)
        assert client.get(f"/organisations/{choir.id}/edit").status_code == 200
    response = client.post(f"/organisations/{choir.id}/edit", data=profile_data(name="Kammerchor Nord e.V."))
    assert response.status_code == 303


def test_taken_name_comes_back_with_422_and_the_entries(client, db, login_as, choir, member, make_org):
    make_org(name="FC Süd")
    login_as(member)
    response = client.post(f"/organisations/{choir.id}/edit", data=profile_data(name="fc süd", discipline="a cappella"))
    html = text(response)
    assert response.status_code == 422
    assert "An organisation of this name is registered already." in html
    assert 'value="fc süd"' in html and 'value="a cappella"' in html
    assert db.session.get(Organisation, choir.id).name == "Kammerchor Nord"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"name": ""}, "This field is required."),
        ({"name": "x" * 10_000}, "At most 160 characters: this has 10000."),
        ({"description": "x" * 10_000}, "At most 4000 characters: this has 10000."),
        ({"kind": "spaceship"}, "Not a valid choice."),
        ({"age_groups": ["adults", "toddlers"]}, "not a valid choice"),
        ({"member_count": "many"}, "Not a valid integer value."),
        ({"member_count": "-3"}, "Number must be between 1 and 1000000."),
        ({"email": "not-an-address"}, "Invalid email address."),
    ],
)
def test_bad_entries_are_refused_with_a_message(client, login_as, choir, member, overrides, message):
    login_as(member)
    response = client.post(f"/organisations/{choir.id}/edit", data=profile_data(**overrides))
    assert response.status_code == 422
    assert message in text(response)


# --- verification -----------------------------------------------------------------------------------------


def test_staff_verify_a_pending_organisation(client, db, login_as, make_org, staff):
    pending = make_org(name="Neuer Verein", status=OrganisationStatus.PENDING)
    login_as(staff)
    response = client.post(f"/organisations/{pending.id}/verify")
    assert response.status_code == 303 and response.headers["Location"].endswith(f"/organisations/{pending.id}")
    saved = db.session.get(Organisation, pending.id)
    assert saved.is_verified and saved.verified_by_id == staff.id
    html = text(client.get(response.headers["Location"]))
    assert "Neuer Verein is verified" in html and "awaits verification" not in html


def test_htmx_verify_answers_the_status_fragment(client, login_as, make_org, admin, htmx_headers):
    pending = make_org(name="Neuer Verein", status=OrganisationStatus.PENDING)
    login_as(admin)
    response = client.post(f"/organisations/{pending.id}/verify", headers=htmx_headers)
    html = text(response)
    assert response.status_code == 200 and "<html" not in html
    assert html.lstrip().startswith('<div id="org_status"') and "Verified" in html and "/verify" not in html


def test_members_cannot_verify(client, db, login_as, make_org, make_user):
    pending = make_org(status=OrganisationStatus.PENDING)
    login_as(make_user(pending))
    assert client.post(f"/organisations/{pending.id}/verify").status_code == 403
    assert db.session.get(Organisation, pending.id).status == OrganisationStatus.PENDING


def test_verify_needs_a_csrf_token(client, app, db, login_as, make_org, staff):
    """With CSRF on, as in production: a POST without the token is refused; htmx sends it in a header."""
    app.config["WTF_CSRF_ENABLED"] = True
    pending = make_org(name="Neuer Verein", status=OrganisationStatus.PENDING)
    login_as(staff)
    assert client.post(f"/organisations/{pending.id}/verify").status_code == 400
    assert db.session.get(Organisation, pending.id).status == OrganisationStatus.PENDING
    html = text(client.get(f"/organisations/{pending.id}"))
    token = re.search(r'"X-CSRFToken": "([^"]+)"', html).group(1)
    response = client.post(f"/organisations/{pending.id}/verify", headers={"HX-Request": "true", "X-CSRFToken": token})
    assert response.status_code == 200
    assert db.session.scalar(sa.select(Organisation.status).where(Organisation.id == pending.id)) == "verified"


def test_nul_characters_are_refused_not_a_500(client, db, login_as, choir, member):
    """PostgreSQL refuses NUL in text; no person types one, so the app turns such requests away."""
    login_as(member)
    assert client.get("/organisations/?q=Kammer%00chor").status_code == 400
    response = client.post(f"/organisations/{choir.id}/edit", data=profile_data(name="Kammer\x00chor Süd"))
    assert response.status_code == 400
    assert db.session.get(Organisation, choir.id).name == choir.name
