"""Exchange interest pages through the test client, for each role: lists, filters, fits, opening and closing."""

from datetime import date

import pytest

from clubs_exchange.auth.models import UserRole
from clubs_exchange.interests.models import ExchangeInterest, InterestKind
from tests.helpers import counted_statements


@pytest.fixture
def world(make_org, make_user, make_partner, make_interest):
    """Two organisations with a member each, staff, an admin, a partner city and some interests."""
    city = make_partner(name="Saint-Amand")
    choir = make_org(name="Choir Harmonie", discipline="chamber choir")
    club = make_org(name="FC Testhausen")
    w = {
        "city": city,
        "choir": choir,
        "club": club,
        "choir_member": make_user(choir, name="Clara Choir"),
        "club_member": make_user(club, name="Karl Club"),
        "staff": make_user(role=UserRole.STAFF, name="Stella Staff"),
        "admin": make_user(role=UserRole.ADMIN, name="Ada Admin"),
    }
    w["choir_send"] = make_interest(
        organisation=choir, partner_city=city, kind=InterestKind.SEND_GROUP, activity="Concert", group_size=20,
        period_from=date(2027, 5, 1), period_to=date(2027, 6, 1),
    )
    w["choir_closed"] = make_interest(organisation=choir, activity="Carol singing", is_open=False)
    w["club_host"] = make_interest(
        organisation=club, partner_city=None, kind=InterestKind.HOST_GROUP, activity="football match",
        beds_offered=25, period_from=date(2027, 6, 1), period_to=date(2027, 7, 1),
    )
    return w


def get(client, login_as, user, url, **kwargs):
    if user is not None:
        login_as(user)
    return client.get(url, **kwargs)


# --- anonymous ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/interests/", "/interests/new", "/interests/{id}", "/interests/{id}/edit"])
def test_anonymous_people_are_sent_to_the_login(client, world, path):
    response = client.get(path.format(id=world["club_host"].id))
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_anonymous_cannot_close_an_interest(client, db, world):
    response = client.post(f"/interests/{world['club_host'].id}/toggle", data={"state": "closed"})
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert db.session.get(ExchangeInterest, world["club_host"].id).is_open


# --- the lists -----------------------------------------------------------------------------------------------------


def test_members_see_their_own_interests_open_and_closed_and_everyones_open_ones(client, login_as, world):
    html = get(client, login_as, world["choir_member"], "/interests/").get_data(as_text=True)
    own, _, everyone = html.partition("Open interests of all organisations")
    assert "Your organisations' interests" in own
    assert "Carol singing" in own and "Closed" in own
    assert "football match" in everyone and "FC Testhausen" in everyone
    assert "Carol singing" not in everyone


def test_staff_without_an_organisation_see_only_the_open_interests(client, login_as, world):
    html = get(client, login_as, world["staff"], "/interests/").get_data(as_text=True)
    assert "Your organisations' interests" not in html
    assert "football match" in html and "Concert" in html
    assert "Carol singing" not in html


def test_filters_by_partner_city_kind_and_activity(client, login_as, world, make_partner, make_interest):
    other_city = make_partner(name="Kolding")
    make_interest(partner_city=other_city, activity="Handball tournament")
    login_as(world["staff"])  # staff have no interests of their own: the page lists only the open ones

    by_city = client.get(f"/interests/?partner={world['city'].id}").get_data(as_text=True)
    assert "Concert" in by_city and "football match" in by_city  # the latter is for any partner city
    assert "Handball tournament" not in by_city

    by_kind = client.get("/interests/?kind=send_group").get_data(as_text=True)
    assert "Concert" in by_kind and "football match" not in by_kind

    by_text = client.get("/interests/?q=BALL").get_data(as_text=True)
    assert "football match" in by_text and "Handball tournament" in by_text and ">Concert<" not in by_text


def test_nonsense_filter_values_are_ignored(client, login_as, world):
    response = get(client, login_as, world["club_member"], "/interests/?partner=abc&kind=<script>&q=%25&page=x")
    assert response.status_code == 200
    assert "0 open interests" in response.get_data(as_text=True)  # "%" is searched literally
    response = client.get("/interests/?q=" + "x" * 10_000)
    assert response.status_code == 200
    assert f'value="{"x" * 100}"' in response.get_data(as_text=True)  # the search is cut to 100 characters


def test_filtering_with_htmx_answers_with_the_results_only(client, login_as, world, htmx_headers):
    response = get(client, login_as, world["club_member"], "/interests/?q=concert", headers=htmx_headers)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<html" not in html
    assert html.lstrip().startswith('<div id="interest_results"')
    assert "Concert" in html and "football match" not in html


def test_a_boosted_request_gets_the_whole_page(client, login_as, world):
    headers = {"HX-Request": "true", "HX-Boosted": "true"}
    html = get(client, login_as, world["club_member"], "/interests/?q=concert", headers=headers).get_data(as_text=True)
    assert "<html" in html and "Open interests of all organisations" in html


# --- one interest and its fits ------------------------------------------------------------------------------------


def test_the_interest_page_lists_the_fits_with_reasons_and_links(client, login_as, world):
    interest = world["choir_send"]
    html = get(client, login_as, world["choir_member"], f"/interests/{interest.id}").get_data(as_text=True)
    fits = html.partition("Interests that fit")[2]
    assert "football match" in fits
    assert "They host a group; you want to send one" in fits
    assert "Preferred periods overlap: June 2027" in fits
    assert "Their 25 beds cover your group of 20" in fits
    assert f'href="/organisations/{world["club"].id}"' in fits
    assert (f'href="/proposals/new?organisation_id={world["choir"].id}&amp;partner_city_id={world["city"].id}'
            f'&amp;co_organiser_id={world["club"].id}&amp;direction=outgoing"') in fits


def test_other_organisations_may_read_an_open_interest_but_not_propose_for_its_owner(client, login_as, world):
    interest = world["choir_send"]
    response = get(client, login_as, world["club_member"], f"/interests/{interest.id}")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Concert" in html
    assert "/proposals/new" not in html
    assert f"/interests/{interest.id}/edit" not in html


def test_staff_see_the_fits_but_are_not_offered_to_propose(client, login_as, world):
    """Staff manage interests, but proposals are written by the organisation's members: no link to a refusal."""
    interest = world["choir_send"]
    html = get(client, login_as, world["staff"], f"/interests/{interest.id}").get_data(as_text=True)
    fits = html.partition("Interests that fit")[2]
    assert "They host a group; you want to send one" in fits
    assert f"/interests/{interest.id}/edit" in html
    assert "/proposals/new" not in html


@pytest.mark.parametrize(
    ("who", "status"), [("choir_member", 200), ("club_member", 404), ("staff", 200), ("admin", 200)]
)
def test_a_closed_interest_exists_only_for_its_owners_and_staff(client, login_as, world, who, status):
    assert get(client, login_as, world[who], f"/interests/{world['choir_closed'].id}").status_code == status


@pytest.mark.parametrize("ident", ["999999", "abc", "1.5"])
def test_unknown_or_malformed_ids_are_not_found(client, login_as, world, ident):
    assert get(client, login_as, world["choir_member"], f"/interests/{ident}").status_code == 404
    assert client.post(f"/interests/{ident}/toggle").status_code == 404


def test_closed_interests_do_not_appear_among_the_fits(client, login_as, db, world):
    club_host = world["club_host"]
    club_host.is_open = False
    db.session.commit()
    html = get(client, login_as, world["choir_member"], f"/interests/{world['choir_send'].id}").get_data(as_text=True)
    assert "football match" not in html
    assert "No open interest of another organisation fits this one yet." in html


# --- editing --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "status"), [("choir_member", 200), ("club_member", 403), ("staff", 200), ("admin", 200)]
)
def test_only_owners_and_staff_may_edit(client, login_as, world, who, status):
    assert get(client, login_as, world[who], f"/interests/{world['choir_send'].id}/edit").status_code == status


def test_editing_someone_elses_closed_interest_is_not_found(client, login_as, world):
    assert get(client, login_as, world["club_member"], f"/interests/{world['choir_closed'].id}/edit").status_code == 404


def test_an_owner_changes_the_interest(client, login_as, db, world):
    interest = world["choir_send"]
    login_as(world["choir_member"])
    form = client.get(f"/interests/{interest.id}/edit").get_data(as_text=True)
    assert 'value="2027-05"' in form and 'value="Concert"' in form
    response = client.post(f"/interests/{interest.id}/edit", data={
        "partner_city_id": "", "kind": "joint_event", "activity": "Concert with choirs", "group_size": "30",
        "age_group": "adults", "period_from": "2027-09", "period_to": "2027-10", "beds_offered": "0", "notes": "",
    })
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/interests/{interest.id}")
    db.session.expire_all()
    saved = db.session.get(ExchangeInterest, interest.id)
    assert (saved.kind, saved.activity) == (InterestKind.JOINT_EVENT, "Concert with choirs")
    assert saved.partner_city_id is None
    assert (saved.period_from, saved.period_to) == (date(2027, 9, 1), date(2027, 10, 1))


def test_another_organisation_cannot_post_changes(client, login_as, db, world):
    interest = world["choir_send"]
    login_as(world["club_member"])
    response = client.post(f"/interests/{interest.id}/edit", data={"kind": "host_group", "activity": "Hijacked"})
    assert response.status_code == 403
    db.session.expire_all()
    assert db.session.get(ExchangeInterest, interest.id).activity == "Concert"


# --- opening and closing --------------------------------------------------------------------------------------------


def test_closing_with_a_plain_form_redirects_and_says_so(client, login_as, db, world):
    interest = world["choir_send"]
    login_as(world["choir_member"])
    response = client.post(f"/interests/{interest.id}/toggle", data={"state": "closed", "view": "status"})
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/interests/{interest.id}")
    assert "other organisations no longer see it" in client.get(response.headers["Location"]).get_data(as_text=True)
    db.session.expire_all()
    assert not db.session.get(ExchangeInterest, interest.id).is_open


def test_the_requested_state_is_kept_on_a_double_click(client, login_as, db, world):
    interest = world["choir_send"]
    login_as(world["choir_member"])
    for _ in range(2):
        client.post(f"/interests/{interest.id}/toggle", data={"state": "closed"})
    db.session.expire_all()
    assert not db.session.get(ExchangeInterest, interest.id).is_open


def test_htmx_closing_a_row_swaps_the_row(client, login_as, db, world, htmx_headers):
    interest = world["choir_send"]
    login_as(world["choir_member"])
    response = client.post(
        f"/interests/{interest.id}/toggle", data={"state": "closed", "view": "row"}, headers=htmx_headers
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<html" not in html
    assert html.lstrip().startswith(f'<tr id="interest-{interest.id}"')
    assert "Closed" in html and "Open again" in html
    assert "interestToggled" in response.headers["HX-Trigger"]


def test_htmx_reopening_on_the_interest_page_swaps_the_status(client, login_as, db, world, htmx_headers):
    closed = world["choir_closed"]
    login_as(world["choir_member"])
    response = client.post(f"/interests/{closed.id}/toggle", data={"state": "open", "view": "status"},
                           headers=htmx_headers)
    html = response.get_data(as_text=True)
    assert "<html" not in html
    assert html.lstrip().startswith('<div id="interest_status"')
    assert "Other organisations can find this interest." in html and "Close this interest" in html
    db.session.expire_all()
    assert db.session.get(ExchangeInterest, closed.id).is_open


@pytest.mark.parametrize(("who", "status"), [("club_member", 403), ("staff", 303), ("admin", 303)])
def test_only_owners_and_staff_may_close(client, login_as, db, world, who, status):
    login_as(world[who])
    response = client.post(f"/interests/{world['choir_send'].id}/toggle", data={"state": "closed"})
    assert response.status_code == status
    db.session.expire_all()
    assert db.session.get(ExchangeInterest, world["choir_send"].id).is_open is (status == 403)


def test_someone_elses_closed_interest_cannot_be_reopened(client, login_as, db, world):
    login_as(world["club_member"])
    response = client.post(f"/interests/{world['choir_closed'].id}/toggle", data={"state": "open"})
    assert response.status_code == 404


def test_the_toggle_needs_a_post(page_cache_off, client, login_as, world):
    response = get(client, login_as, world["choir_member"], f"/interests/{world['choir_send'].id}/toggle")
    assert response.status_code == 405


# --- a fixed number of queries ----------------------------------------------------------------------------------------


def count_queries(db, client, url) -> tuple[int, str]:
    db.session.remove()  # start from an empty identity map, as a real request does
    with counted_statements(db.engine) as statements:
        html = client.get(url).get_data(as_text=True)
    return len(statements), html


def test_the_interest_page_issues_the_same_queries_for_3_and_30_fits(
    client, login_as, db, make_org, make_user, make_partner, make_interest
):
    city = make_partner()
    own = make_org()
    login_as(make_user(own))
    mine = make_interest(organisation=own, partner_city=city, kind=InterestKind.SEND_GROUP, group_size=10,
                         activity="concert")

    def add_candidates(n):
        for _ in range(n):
            make_interest(organisation=make_org(), partner_city=city, kind=InterestKind.HOST_GROUP,
                          activity="concert", beds_offered=12)

    add_candidates(3)
    few, html_few = count_queries(db, client, f"/interests/{mine.id}")
    add_candidates(27)
    many, html_many = count_queries(db, client, f"/interests/{mine.id}")

    assert (html_few.count('class="fit-reasons"'), html_many.count('class="fit-reasons"')) == (3, 30)
    assert few == many


def test_the_list_issues_the_same_queries_for_3_and_30_interests(
    client, login_as, db, make_org, make_user, make_partner, make_interest
):
    own = make_org()
    login_as(make_user(own))

    def add_interests(n):
        for _ in range(n):
            make_interest(organisation=make_org(), partner_city=make_partner())
        make_interest(organisation=own, partner_city=make_partner())

    add_interests(3)
    few, html_few = count_queries(db, client, "/interests/")
    add_interests(27)
    many, html_many = count_queries(db, client, "/interests/")

    assert ("4 open interests" in html_few, "32 open interests" in html_many) == (True, True)
    assert few == many
