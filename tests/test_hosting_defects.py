"""Defects of the hosting pages found by a new user (issue 10): the household form, the guests count, the rows'
controls, the allergies on the placement page."""

import pytest

from clubs_exchange.hosting.models import Guest, HostHousehold, Placement


def household_form(**overrides):
    form = {"contact_name": "Familie Leer", "address": "Ahornweg 3", "beds": "2", "children": "0",
            "consent_on": "2026-01-02", "consent_wording": "We agree.", "unavailable": ""}
    form.update(overrides)
    return form


def test_proposing_a_host_family_without_dates_away_saves_it(client, login_as, world, db):
    users, ids = world
    login_as(users["member_a"])
    response = client.post("/hosting/hosts/new", data=household_form(organisation_id=ids["org_a"]))
    assert response.status_code == 303
    household = db.session.query(HostHousehold).filter_by(contact_name="Familie Leer").one()
    assert household.unavailable_periods == []


def test_an_edit_without_dates_away_saves_and_clears_them(client, login_as, world, make_host, db):
    users, _ids = world
    household = make_host(contact_name="Familie Weg")
    login_as(users["staff"])
    client.post(f"/hosting/hosts/{household.id}/edit",
                data=household_form(contact_name="Familie Weg", unavailable="2031-06-01 to 2031-06-20",
                                    version=household.version))
    assert len(db.session.get(HostHousehold, household.id).unavailable_periods) == 1
    response = client.post(f"/hosting/hosts/{household.id}/edit",
                           data=household_form(contact_name="Familie Weg", version=household.version))
    assert response.status_code == 303
    db.session.expire_all()
    assert db.session.get(HostHousehold, household.id).unavailable_periods == []


def text_of(html: str) -> str:
    import re

    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.fixture
def sixteen_guests(world, make_guest, make_host, db):
    """World's event, announced with 4 guests needing a host, with 16 on its list and 3 households."""
    from clubs_exchange.proposals.models import Proposal

    users, ids = world
    event = db.session.get(Proposal, ids["event_a"])
    event.guests_needing_host = 4
    db.session.query(Guest).filter_by(proposal_id=event.id).delete()
    db.session.commit()
    hosts = [make_host(contact_name=f"Familie Lang-Name-Mit-Bindestrich {i}", beds=6) for i in range(3)]
    guests = [make_guest(proposal_id=event.id, name=f"Guest {i:02d}") for i in range(16)]
    return users, event.id, hosts, guests


def test_the_guests_count_is_the_guest_list_not_the_proposals_estimate(client, login_as, sixteen_guests, db):
    users, event, hosts, guests = sixteen_guests
    db.session.add(Placement(proposal_id=event, guest_id=guests[0].id, household_id=hosts[0].id))
    db.session.commit()
    login_as(users["staff"])
    page = text_of(client.get(f"/hosting/events/{event}").get_data(as_text=True))
    assert "Guests on the list 16" in page
    assert "15 not placed yet" in page
    assert "The proposal announced 4 guests needing a private host." in page
    assert "Guests needing a host (proposal) 4" not in page


def test_each_guest_row_has_one_control_and_the_page_stays_small(client, login_as, sixteen_guests):
    users, event, _hosts, guests = sixteen_guests
    login_as(users["staff"])
    html = client.get(f"/hosting/events/{event}").get_data(as_text=True)
    assert html.count("<select") == 0
    assert html.count(f"/hosting/events/{event}/guests/{guests[3].id}/change") == 2  # href and hx-get
    # 67 KB before for 16 guests and 12 households, 13 KB of it the two selects of each row.
    assert len(html.encode()) < 30_000


def test_the_change_page_offers_the_moves_and_swaps_of_one_guest(client, login_as, sixteen_guests, db):
    users, event, hosts, guests = sixteen_guests
    login_as(users["staff"])
    url = f"/hosting/events/{event}/guests/{guests[3].id}/change"
    page = client.get(url)
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "<html" in html
    assert "Move or swap Guest 03" in text_of(html)
    assert html.count("<select") == 2 and "(6 free)" in html and "Guest 04" in html
    fragment = client.get(url, headers={"HX-Request": "true"}).get_data(as_text=True)
    assert "<html" not in fragment and fragment.count("<select") == 2
    # The choice page's forms work without JavaScript: back to the hosting page.
    response = client.post(f"/hosting/events/{event}/move", data={"guest_id": guests[3].id,
                                                                   "household_id": hosts[1].id})
    assert response.status_code == 303
    assert db.session.query(Placement).filter_by(guest_id=guests[3].id).one().household_id == hosts[1].id


def test_the_change_page_is_for_those_who_place(client, login_as, sixteen_guests, make_guest, make_proposal):
    users, event, _hosts, guests = sixteen_guests
    login_as(users["member_a"])
    assert client.get(f"/hosting/events/{event}/guests/{guests[3].id}/change").status_code == 403
    login_as(users["staff"])
    assert client.get(f"/hosting/events/{event}/guests/99999/change").status_code == 404
    assert client.get(f"/hosting/events/{event}/guests/{10**20}/change").status_code == 404


def test_the_placement_page_shows_the_allergies(client, login_as, world, make_guest, make_user, make_org):
    users, ids = world
    make_guest(proposal_id=ids["event_a"], name="Nina Nuss", allergies="peanuts")
    make_guest(proposal_id=ids["event_a"], name="Karl Katz", allergies="cats, dogs", pet_allergy=True)
    for who in ("staff", "member_a"):
        login_as(users[who])
        page = text_of(client.get(f"/hosting/events/{ids['event_a']}").get_data(as_text=True))
        assert "allergies: peanuts" in page and "allergies: cats, dogs" in page and "pet allergy" in page
    login_as(users["member_b"])
    response = client.get(f"/hosting/events/{ids['event_a']}")
    assert response.status_code == 404 and "peanuts" not in response.get_data(as_text=True)
