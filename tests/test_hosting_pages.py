"""The hosting pages: automatic proposal, manual moves and swaps (htmx and plain), the rooming list, exports,
the host register, and who may see any of it."""

from datetime import timedelta

import pytest

from clubs_exchange.hosting.models import Guest, HostHousehold, HostingViewLog, HostStatus, Placement, ViewKind
from clubs_exchange.hosting.placing import EventPlacement
from clubs_exchange.proposals.models import Direction, Proposal, ProposalState
from tests.hosting_data import twelve_host_families


@pytest.fixture
def visit(world, make_guest, make_host, db):
    """World's event of organisation A with 30 guests and 12 host families."""
    users, ids = world
    event = ids["event_a"]
    db.session.query(Guest).filter_by(proposal_id=event).delete()
    hosts = twelve_host_families(make_host)
    guests = [make_guest(proposal_id=event, name=f"Guest {i:02d}", pet_allergy=i % 6 == 1) for i in range(30)]
    return users, event, hosts, guests


def placements(db, event):
    return dict(db.session.query(Placement.guest_id, Placement.household_id).filter_by(proposal_id=event).all())


def test_staff_propose_a_placement_for_the_whole_group(client, login_as, visit, db, htmx_headers):
    users, event, hosts, guests = visit
    login_as(users["staff"])
    response = client.post(f"/hosting/events/{event}/propose", headers=htmx_headers)
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "<html" not in html and 'id="placements"' in html
    assert "30 guests placed by the proposal." in html
    placed = placements(db, event)
    assert len(placed) == 30
    beds = {h.id: h.beds for h in hosts}
    assert all(list(placed.values()).count(h) <= beds[h] for h in beds)
    with_pets = {h.id for h in hosts if h.has_pets}
    assert not any(placed[g.id] in with_pets for g in guests if g.pet_allergy)


def test_a_plain_post_redirects_back_to_the_page(client, login_as, visit):
    users, event, _hosts, _guests = visit
    login_as(users["staff"])
    response = client.post(f"/hosting/events/{event}/propose")
    assert response.status_code == 303 and response.headers["Location"].endswith(f"/hosting/events/{event}#placements")
    page = client.get(f"/hosting/events/{event}").get_data(as_text=True)
    assert "30 guests placed by the proposal." in page


def test_unplaced_guests_are_explained(client, login_as, world, make_guest, make_host):
    users, ids = world
    make_host(beds=1, has_pets=True)
    make_guest(proposal_id=ids["event_a"], name="Allergic Ana", pet_allergy=True, accessibility_needs="wheelchair")
    login_as(users["staff"])
    html = client.post(f"/hosting/events/{ids['event_a']}/propose", headers={"HX-Request": "true"}).get_data(
        as_text=True)
    assert "could not be placed" in html
    assert "No household fits: 1 of 2 keep pets (the guest has a pet allergy); 2 of 2 have stairs" in html


def test_moving_a_guest_by_htmx_and_by_a_plain_form(client, login_as, visit, db, htmx_headers):
    users, event, hosts, guests = visit
    login_as(users["staff"])
    target = hosts[2]
    response = client.post(f"/hosting/events/{event}/move", headers=htmx_headers,
                           data={"guest_id": guests[0].id, "household_id": target.id})
    assert response.status_code == 200 and "<html" not in response.get_data(as_text=True)
    assert "now stays with Familie Wagner" in response.get_data(as_text=True)
    assert placements(db, event)[guests[0].id] == target.id
    response = client.post(f"/hosting/events/{event}/move", data={"guest_id": guests[0].id, "household_id": ""})
    assert response.status_code == 303 and guests[0].id not in placements(db, event)


def test_a_move_that_breaks_a_rule_is_refused_with_the_reason(client, login_as, visit, db, htmx_headers):
    users, event, hosts, guests = visit
    login_as(users["staff"])
    with_pets = next(h for h in hosts if h.has_pets)
    allergic = next(g for g in guests if g.pet_allergy)
    response = client.post(f"/hosting/events/{event}/move", headers=htmx_headers,
                           data={"guest_id": allergic.id, "household_id": with_pets.id})
    assert response.status_code == 422
    assert f"{with_pets.contact_name} keeps pets and {allergic.name} has a pet allergy." in response.get_data(
        as_text=True)
    assert allergic.id not in placements(db, event)
    # Full: a household's beds are never exceeded.
    small = hosts[0]
    for g in guests[:small.beds]:
        client.post(f"/hosting/events/{event}/move", data={"guest_id": g.id, "household_id": small.id})
    response = client.post(f"/hosting/events/{event}/move",
                           data={"guest_id": guests[10].id, "household_id": small.id})
    assert response.status_code == 422 and "has no bed left" in response.get_data(as_text=True)


def test_swapping_two_guests(client, login_as, visit, db, htmx_headers):
    users, event, hosts, guests = visit
    login_as(users["staff"])
    a, b = guests[0], guests[2]
    client.post(f"/hosting/events/{event}/move", data={"guest_id": a.id, "household_id": hosts[0].id})
    client.post(f"/hosting/events/{event}/move", data={"guest_id": b.id, "household_id": hosts[2].id})
    response = client.post(f"/hosting/events/{event}/swap", headers=htmx_headers,
                           data={"guest_id": a.id, "other_guest_id": b.id})
    assert response.status_code == 200 and "swapped households" in response.get_data(as_text=True)
    assert placements(db, event) == {a.id: hosts[2].id, b.id: hosts[0].id}
    # A swap that would put an allergic guest with a cat is refused, and nothing changes.
    allergic = next(g for g in guests if g.pet_allergy)
    cat = next(h for h in hosts if h.has_pets)
    client.post(f"/hosting/events/{event}/move", data={"guest_id": guests[4].id, "household_id": cat.id})
    response = client.post(f"/hosting/events/{event}/swap", data={"guest_id": allergic.id,
                                                                  "other_guest_id": guests[4].id})
    assert response.status_code == 422
    assert placements(db, event)[guests[4].id] == cat.id


def test_a_household_is_not_double_booked_across_overlapping_events(
    client, login_as, world, make_proposal, make_guest, make_host, db
):
    users, ids = world
    event = db.session.get(Proposal, ids["event_a"])
    overlapping = make_proposal(ProposalState.APPROVED, direction=Direction.INCOMING,
                                starts_at=event.starts_at - timedelta(days=1),
                                ends_at=event.ends_at + timedelta(days=1))
    only = make_host(beds=4)
    other = make_guest(proposal_id=overlapping.id)
    login_as(users["staff"])
    assert client.post(f"/hosting/events/{overlapping.id}/move",
                       data={"guest_id": other.id, "household_id": only.id}).status_code == 303
    response = client.post(f"/hosting/events/{event.id}/move", data={"guest_id": ids["guest_a"],
                                                                     "household_id": only.id})
    assert response.status_code == 422
    assert "hosts guests of another event at the same time" in response.get_data(as_text=True)
    # The proposal passes over it too: the guest goes to the world's other household.
    client.post(f"/hosting/events/{event.id}/propose")
    assert placements(db, event.id) == {ids["guest_a"]: ids["host_a"]}


def test_the_rooming_list_and_the_csv_export(client, login_as, visit, db):
    users, event, hosts, guests = visit
    login_as(users["staff"])
    client.post(f"/hosting/events/{event}/propose")
    page = client.get(f"/hosting/events/{event}/rooming").get_data(as_text=True)
    assert "Per host household" in page and "Per guest" in page
    assert hosts[0].address in page and guests[0].name in page
    export = client.get(f"/hosting/events/{event}/placements.csv")
    assert export.mimetype == "text/csv" and export.data.startswith("\ufeff".encode())
    text = export.data.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("guest;age;minor") and len(text.splitlines()) == 31


def test_another_member_sees_neither_names_nor_addresses(client, login_as, visit):
    users, event, hosts, guests = visit
    login_as(users["member_b"])
    for url in (f"/hosting/events/{event}", f"/hosting/events/{event}/rooming",
                f"/hosting/events/{event}/placements.csv", f"/hosting/guests/{guests[0].id}/edit",
                f"/hosting/hosts/{hosts[0].id}"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert guests[0].name not in response.get_data(as_text=True)
    for url in ("/hosting/", "/hosting/hosts/"):
        page = client.get(url).get_data(as_text=True)
        assert guests[0].name not in page and hosts[0].contact_name not in page and hosts[0].address not in page


def test_the_organisers_see_the_placements_but_do_not_place(client, login_as, visit):
    users, event, _hosts, guests = visit
    login_as(users["member_a"])
    page = client.get(f"/hosting/events/{event}").get_data(as_text=True)
    assert guests[0].name in page and "Propose a placement" not in page
    assert client.post(f"/hosting/events/{event}/propose").status_code == 403
    assert client.get("/hosting/").get_data(as_text=True).count("/hosting/events/") == 1


def test_full_views_are_logged(client, login_as, visit, db):
    users, event, _hosts, guests = visit
    login_as(users["member_a"])
    client.get(f"/hosting/events/{event}")
    client.get(f"/hosting/events/{event}/rooming")
    client.get(f"/hosting/guests/{guests[0].id}/edit")
    log = db.session.query(HostingViewLog).order_by(HostingViewLog.id).all()
    assert [(row.user_id, row.what, row.proposal_id) for row in log] == [
        (users["member_a"].id, ViewKind.HOSTING_PAGE, event),
        (users["member_a"].id, ViewKind.ROOMING_LIST, event),
        (users["member_a"].id, ViewKind.GUEST, event),
    ]
    login_as(users["staff"])
    page = client.get("/hosting/log").get_data(as_text=True)
    assert users["member_a"].name in page and "Rooming list" in page


def test_an_organisation_proposes_a_household_and_staff_confirm_it(client, login_as, world, db):
    users, ids = world
    login_as(users["member_a"])
    form = {"organisation_id": ids["org_a"], "contact_name": "Familie Neu", "address": "Ahornweg 3", "beds": "2",
            "children": "1", "consent_on": "2026-01-02", "consent_wording": "We agree.",
            "unavailable": "2031-06-01 to 2031-06-20\n2031-12-24"}
    response = client.post("/hosting/hosts/new", data=form)
    assert response.status_code == 303
    household = db.session.query(HostHousehold).filter_by(contact_name="Familie Neu").one()
    assert household.status == HostStatus.PROPOSED and household.proposed_by_id == ids["org_a"]
    assert [(p.starts_on.day, p.ends_on.day) for p in household.unavailable_periods] == [(1, 20), (24, 24)]
    assert client.post(f"/hosting/hosts/{household.id}/confirm").status_code == 403
    login_as(users["staff"])
    event = db.session.get(Proposal, ids["event_a"])
    assert household.id not in EventPlacement.load(event).hosts
    client.post(f"/hosting/hosts/{household.id}/confirm", data={"version": household.version})
    assert db.session.get(HostHousehold, household.id).status == HostStatus.CONFIRMED
    # Confirmed but away during the event: the guest cannot go there.
    response = client.post(f"/hosting/events/{ids['event_a']}/move",
                           data={"guest_id": ids["guest_a"], "household_id": household.id})
    assert response.status_code == 422 and "not available on these dates" in response.get_data(as_text=True)


def test_a_bad_household_form_keeps_the_entries(client, login_as, world):
    users, _ids = world
    login_as(users["staff"])
    response = client.post("/hosting/hosts/new", data={"contact_name": "Familie Halb", "beds": "0",
                                                       "unavailable": "next summer", "consent_wording": "x"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Familie Halb" in page and "“next summer” is not a period" in page


def test_a_guest_is_added_by_form_and_a_bad_form_keeps_the_entries(client, login_as, world, db):
    users, ids = world
    login_as(users["member_a"])
    response = client.post(f"/hosting/events/{ids['event_a']}/guests/new", data={"name": "Zoé Petit"})
    assert response.status_code == 422 and "Give a date of birth or an age." in response.get_data(as_text=True)
    assert "Zoé Petit" in response.get_data(as_text=True)
    response = client.post(f"/hosting/events/{ids['event_a']}/guests/new",
                           data={"name": "Zoé Petit", "date_of_birth": "2019-05-05"})
    assert response.status_code == 303
    assert db.session.query(Guest).filter_by(name="Zoé Petit").one().is_minor


def test_staff_export_and_erase_a_guest_on_request(client, login_as, visit, db):
    users, event, hosts, guests = visit
    login_as(users["staff"])
    client.post(f"/hosting/events/{event}/move", data={"guest_id": guests[0].id, "household_id": hosts[0].id})
    guests[1].wishes_with = f"{guests[0].name}, {guests[2].name}"
    db.session.commit()
    export = client.get(f"/hosting/guests/{guests[0].id}/export.json")
    assert export.json["name"] == guests[0].name and export.json["host"]["address"] == hosts[0].address
    guest_id = guests[0].id
    assert client.post(f"/hosting/guests/{guest_id}/erase").status_code == 303
    assert db.session.get(Guest, guest_id) is None
    # Nor is the erased name kept in another guest's wishes.
    assert db.session.get(Guest, guests[1].id).wishes_with == guests[2].name
    from clubs_exchange.hosting.models import HostingSummary

    summary = db.session.query(HostingSummary).filter_by(proposal_id=event).one()
    assert (summary.guests_removed, summary.guests_hosted) == (1, 1)


def test_not_an_incoming_event(client, login_as, world, make_proposal):
    users, ids = world
    outgoing = make_proposal(ProposalState.APPROVED, direction=Direction.OUTGOING)
    draft = ids["draft_a"]
    login_as(users["staff"])
    assert client.get(f"/hosting/events/{outgoing.id}").status_code == 404
    assert client.get(f"/hosting/events/{draft}").status_code == 404
    assert client.get("/hosting/events/99999999999").status_code == 404
    assert client.get("/hosting/").status_code == 200


def test_a_nul_character_in_an_uploaded_file_is_dropped_not_a_server_error(client, login_as, world, db):
    import io

    users, ids = world
    login_as(users["member_a"])
    upload = (io.BytesIO(b"name,age\nA\x00na,30\n"), "guests.csv")
    response = client.post(f"/hosting/events/{ids['event_a']}/import", data={"file": upload},
                           content_type="multipart/form-data")
    assert response.status_code == 303 and db.session.query(Guest).filter_by(name="Ana").count() == 1
