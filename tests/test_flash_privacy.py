"""A flash message waits in the session cookie, which is signed but not encrypted: whoever holds the cookie (a
shared computer, a proxy's log) reads it without the secret key. The messages after a change to a guest, a host
household or a person on a participant list name nobody; the page they lead to shows the names."""

import base64
import json
import zlib

import pytest

from clubs_exchange.funding.models import EventParticipant
from clubs_exchange.hosting.models import HostHousehold

GUEST = "Zoé Geheimnis"
HOUSEHOLD = "Familie Verborgen"
PERSON = "Petra Privatsphäre"


def session_payload(response) -> str:
    """The session cookie the response sets, read as anyone can: base64 (zlib-compressed where it starts with a
    dot), no key needed."""
    cookies = [h for h in response.headers.getlist("Set-Cookie") if h.startswith("session=")]
    assert cookies, "the action flashes, so it sets the session cookie"
    value = cookies[-1].split(";")[0].removeprefix("session=")
    compressed = value.startswith(".")
    data = value.removeprefix(".").split(".")[0]
    raw = base64.urlsafe_b64decode(data + "=" * (-len(data) % 4))
    return (zlib.decompress(raw) if compressed else raw).decode()


def flashed_without(response, *names: str) -> str:
    assert response.status_code == 303
    payload = session_payload(response)
    assert "_flashes" in payload
    for name in names:
        assert name not in payload and json.dumps(name)[1:-1] not in payload, payload
    return payload


@pytest.fixture
def staff_in(world, client, login_as):
    users, ids = world
    login_as(users["staff"])
    return ids


def test_the_guest_flashes_name_no_guest(client, db, staff_in, make_guest, make_host):
    event = staff_in["event_a"]
    flashed_without(client.post(f"/hosting/events/{event}/guests/new",
                                data={"name": GUEST, "date_of_birth": "2010-05-05"}), GUEST)
    from clubs_exchange.hosting.models import Guest

    guest = db.session.query(Guest).filter_by(name=GUEST).one()
    flashed_without(client.post(f"/hosting/guests/{guest.id}/edit",
                                data={"name": GUEST, "date_of_birth": "2010-05-06"}), GUEST)
    host = make_host(contact_name=HOUSEHOLD, beds=3)
    other = make_guest(proposal_id=event, name="Ugo Unbekannt")
    flashed_without(client.post(f"/hosting/events/{event}/move", data={"guest_id": guest.id, "household_id": host.id}),
                    GUEST, HOUSEHOLD)
    flashed_without(client.post(f"/hosting/events/{event}/swap",
                                data={"guest_id": guest.id, "other_guest_id": other.id}), GUEST, "Ugo Unbekannt")
    flashed_without(client.post(f"/hosting/events/{event}/move", data={"guest_id": guest.id, "household_id": ""}),
                    GUEST)
    page = client.get(f"/hosting/events/{event}").get_data(as_text=True)
    assert GUEST in page and "The guest is no longer placed." in page


def test_the_household_flashes_name_no_household(client, db, world, login_as, staff_in):
    users, ids = world
    form = {"contact_name": HOUSEHOLD, "address": "Ahornweg 3", "beds": "2", "children": "0",
            "consent_on": "2026-01-02", "consent_wording": "We agree.", "unavailable": ""}
    flashed_without(client.post("/hosting/hosts/new", data=form), HOUSEHOLD)
    household = db.session.query(HostHousehold).filter_by(contact_name=HOUSEHOLD).one()
    flashed_without(client.post(f"/hosting/hosts/{household.id}/edit", data={**form, "version": household.version}),
                    HOUSEHOLD)
    page = client.get(f"/hosting/hosts/{household.id}").get_data(as_text=True)
    assert HOUSEHOLD in page and "The household is saved." in page
    login_as(users["member_a"])
    proposed = {**form, "contact_name": "Familie Vorgeschlagen", "organisation_id": ids["org_a"]}
    flashed_without(client.post("/hosting/hosts/new", data=proposed), "Familie Vorgeschlagen")
    household = db.session.query(HostHousehold).filter_by(contact_name="Familie Vorgeschlagen").one()
    login_as(users["staff"])
    flashed_without(client.post(f"/hosting/hosts/{household.id}/confirm", data={"version": household.version}),
                    "Familie Vorgeschlagen")


def test_the_participant_list_flashes_name_nobody(client, db, staff_in):
    event = staff_in["event_a"]
    base = f"/funding/proposals/{event}/participants"
    flashed_without(client.post(f"{base}/new", data={"name": PERSON, "delegation": "home", "role": "participant"}),
                    PERSON)
    person = db.session.query(EventParticipant).filter_by(name=PERSON).one()
    flashed_without(client.post(f"{base}/{person.id}/edit", data={
        "edit-name": PERSON, "edit-delegation": "home", "edit-role": "leader"}), PERSON)
    page = client.get(base).get_data(as_text=True)
    assert PERSON in page and "The participant&#39;s details are saved." in page
    flashed_without(client.post(f"{base}/{person.id}/remove"), PERSON)
