"""Personal data seen and shown (issue 11, part 13): the household edit form is in the view log, the session cookie
carries no erased guest's name, an organiser's hosting page names only the households of its own guests, searches
take % and _ literally, and another organisation's member finds no guest export."""

import pytest

from clubs_exchange.auth.models import UserRole
from clubs_exchange.hosting.models import Guest, HostingViewLog, Placement, ViewKind


@pytest.fixture
def hosted(world, make_host, make_guest, db):
    """A's incoming event with two guests, one of them placed with A's household; a second confirmed household
    of the city hosts none of them."""
    users, ids = world
    event = ids["event_a"]
    ours = db.session.get(Guest, ids["guest_a"])
    host = make_host(contact_name="Familie Eigen", address="Eigenweg 1")
    stranger = make_host(contact_name="Familie Fremd", address="Fremdweg 9", phone="+49 30 999999")
    db.session.add(Placement(guest_id=ours.id, household_id=host.id, proposal_id=event))
    second = make_guest(proposal_id=event, name="Zweiter Gast")
    db.session.commit()
    return users, ids, host, stranger, second


def session_data(client, app) -> dict:
    """What anyone holding the session cookie reads: it is signed, not encrypted."""
    cookie = client.get_cookie(app.config.get("SESSION_COOKIE_NAME", "session"))
    assert cookie is not None
    return app.session_interface.get_signing_serializer(app).loads(cookie.value)


# --- 1. the household edit form is a full view of the household ---------------------------------------------


def test_opening_the_household_edit_form_is_in_the_view_log(client, login_as, world, db):
    users, ids = world
    login_as(users["staff"])
    assert client.get(f"/hosting/hosts/{ids['host_a']}/edit").status_code == 200
    log = db.session.query(HostingViewLog).all()
    assert [(row.user_id, row.what, row.household_id) for row in log] == [
        (users["staff"].id, ViewKind.HOST, ids["host_a"])
    ]


def test_saving_the_household_form_is_not_a_second_view(client, login_as, world, db):
    users, ids = world
    login_as(users["staff"])
    client.post(f"/hosting/hosts/{ids['host_a']}/edit", data={"contact_name": "", "beds": "2"})
    assert db.session.query(HostingViewLog).count() == 0


# --- 2. the flash after an erasure ----------------------------------------------------------------------------


def test_the_erased_guests_name_is_not_in_the_session_cookie(app, client, login_as, world, make_guest, db):
    users, ids = world
    guest = make_guest(proposal_id=ids["event_a"], name="Héloïse Unverwechselbar")
    login_as(users["staff"])
    response = client.post(f"/hosting/guests/{guest.id}/erase")
    assert response.status_code == 303
    session = session_data(client, app)
    assert "_flashes" in session  # the message is there, only without the name
    assert "Héloïse" not in repr(session) and "Unverwechselbar" not in repr(session)
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "The guest&#39;s personal data are erased" in page and "Unverwechselbar" not in page


# --- 3. an organiser's hosting page ---------------------------------------------------------------------------


def test_an_organiser_sees_only_the_households_hosting_its_guests(client, login_as, hosted):
    users, ids, host, stranger, _second = hosted
    login_as(users["member_a"])
    page = client.get(f"/hosting/events/{ids['event_a']}").get_data(as_text=True)
    assert host.contact_name in page
    assert stranger.contact_name not in page and stranger.address not in page


def test_staff_see_every_confirmed_household(client, login_as, hosted):
    users, ids, host, stranger, _second = hosted
    login_as(users["staff"])
    page = client.get(f"/hosting/events/{ids['event_a']}").get_data(as_text=True)
    assert host.contact_name in page and stranger.contact_name in page


def test_the_rule_names_the_households_an_organiser_may_see(hosted, db):
    from clubs_exchange.hosting.access import households_shown
    from clubs_exchange.hosting.placing import EventPlacement
    from clubs_exchange.proposals.models import Proposal

    users, ids, host, stranger, _second = hosted
    placing = EventPlacement.load(db.session.get(Proposal, ids["event_a"]))
    assert [h.id for h in households_shown(users["member_a"], placing)] == [host.id]
    assert {h.id for h in households_shown(users["staff"], placing)} >= {host.id, stranger.id}


# --- 4. searches take % and _ literally -----------------------------------------------------------------------


@pytest.mark.parametrize("wildcard", ["%", "_"])
def test_the_accounts_search_takes_wildcards_literally(wildcard, client, login_as, make_user):
    login_as(make_user(role=UserRole.STAFF, name="Stefan Staff"))
    make_user(name="Zoe Zebra", email="zoe@example.org")
    rows = client.get("/accounts/", query_string={"q": wildcard}, headers={"HX-Request": "true"}).get_data(as_text=True)
    assert "Zoe Zebra" not in rows and "Stefan Staff" not in rows and "No account matches." in rows
    export = client.get("/exports/accounts.csv", query_string={"q": wildcard}).get_data(as_text=True)
    assert "Zoe Zebra" not in export


def test_the_accounts_search_finds_a_literal_underscore(client, login_as, make_user):
    login_as(make_user(role=UserRole.STAFF, name="Stefan Staff"))
    make_user(name="Ulla Unterstrich", email="ulla_u@example.org")
    make_user(name="Ulrich Ohne", email="ullaxu@example.org")
    page = client.get("/accounts/", query_string={"q": "ulla_u"}).get_data(as_text=True)
    assert "Ulla Unterstrich" in page and "Ulrich Ohne" not in page


@pytest.mark.parametrize("wildcard", ["%", "_"])
def test_the_candidate_search_takes_wildcards_literally(wildcard, client, login_as, make_user, world):
    users, _ids = world
    login_as(users["staff"])
    page = client.get("/candidates/", query_string={"q": wildcard}).get_data(as_text=True)
    assert "Kandidatstadt" not in page
    assert "Kandidatstadt" in client.get("/candidates/", query_string={"q": "kandidat"}).get_data(as_text=True)


# --- 5. another organisation's guest does not exist for you ---------------------------------------------------


def test_another_organisations_member_gets_404_for_a_guest_export(client, login_as, world):
    users, ids = world
    login_as(users["member_b"])
    assert client.get(f"/hosting/guests/{ids['guest_a']}/export.json").status_code == 404
    assert client.get("/hosting/guests/999999/export.json").status_code == 404
    # The organisers see the guest but the export on request is the twinning office's.
    login_as(users["member_a"])
    assert client.get(f"/hosting/guests/{ids['guest_a']}/export.json").status_code == 403


def test_another_organisations_member_gets_404_for_a_household_form(client, login_as, world):
    users, ids = world
    login_as(users["member_b"])
    assert client.get(f"/hosting/hosts/{ids['host_a']}/edit").status_code == 404
    assert client.post(f"/hosting/hosts/{ids['host_a']}/confirm").status_code == 404
    # The proposing organisation sees its household; the register is kept by staff.
    login_as(users["member_a"])
    assert client.get(f"/hosting/hosts/{ids['host_a']}/edit").status_code == 403
