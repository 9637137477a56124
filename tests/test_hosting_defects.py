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
                data=household_form(contact_name="Familie Weg", unavailable="2031-06-01 to 2031-06-20"))
    assert len(db.session.get(HostHousehold, household.id).unavailable_periods) == 1
    response = client.post(f"/hosting/hosts/{household.id}/edit", data=household_form(contact_name="Familie Weg"))
    assert response.status_code == 303
    db.session.expire_all()
    assert db.session.get(HostHousehold, household.id).unavailable_periods == []
