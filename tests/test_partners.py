"""Partner cities: everyone logged in reads them, with their upcoming events; city staff keep them."""

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from flask import url_for

from clubs_exchange import clock
from clubs_exchange.partners.directory import (
    PartnerError,
    partners_with_upcoming_counts,
    save_partner,
    upcoming_events,
)
from clubs_exchange.partners.models import PartnerCity, RelationshipLevel
from clubs_exchange.proposals.models import ProposalState
from tests.helpers import counted_statements

NOW = datetime(2031, 6, 1, 12, 0, tzinfo=UTC)
SOON = clock.utcnow() + timedelta(days=20)
LONG_AGO = clock.utcnow() - timedelta(days=200)


@pytest.fixture
def tours(make_partner):
    return make_partner(
        name="Tours", country="France", relationship_level=RelationshipLevel.TWINNING, languages="French"
    )


def text(response) -> str:
    return response.get_data(as_text=True)


# --- rules ------------------------------------------------------------------------------------------------


def test_upcoming_counts_are_approved_events_not_over_yet(db, tours, make_partner, make_proposal):
    quiet = make_partner(name="Aarhus", country="Denmark")
    for state in (
        ProposalState.APPROVED,
        ProposalState.APPROVED,
        ProposalState.SUBMITTED,
        ProposalState.CANCELLED,
    ):
        make_proposal(state, partner_city=tours, starts_at=NOW + timedelta(days=5))
    make_proposal(ProposalState.APPROVED, partner_city=tours, starts_at=NOW - timedelta(days=5))
    rows = partners_with_upcoming_counts(now=NOW)
    assert [(p.name, n) for p, n in rows] == [("Aarhus", 0), ("Tours", 2)]
    assert quiet in [p for p, _ in rows]


def test_an_event_under_way_still_counts_as_upcoming(db, tours, make_proposal):
    make_proposal(ProposalState.APPROVED, partner_city=tours, starts_at=NOW - timedelta(hours=1))
    assert [e.partner_city_id for e in upcoming_events(tours, now=NOW)] == [tours.id]
    assert partners_with_upcoming_counts(now=NOW)[0][1] == 1


def test_upcoming_events_soonest_first(db, tours, make_proposal):
    later = make_proposal(ProposalState.APPROVED, partner_city=tours, starts_at=NOW + timedelta(days=40))
    sooner = make_proposal(ProposalState.APPROVED, partner_city=tours, starts_at=NOW + timedelta(days=4))
    make_proposal(ProposalState.DRAFT, partner_city=tours, starts_at=NOW + timedelta(days=1))
    assert upcoming_events(tours, now=NOW) == [sooner, later]


def test_save_partner_refuses_the_same_name_and_country_in_any_case(db, tours):
    with pytest.raises(PartnerError) as caught:
        save_partner(None, name=" tours ", country="FRANCE", relationship_level=RelationshipLevel.CONTACT)
    assert caught.value.field == "name" and "is a partner city already" in caught.value.message
    # The same name in another country is another city.
    other = save_partner(None, name="Tours", country="Canada", relationship_level=RelationshipLevel.CONTACT)
    db.session.commit()
    assert other.id != tours.id
    # Saving a city under its own name is fine.
    save_partner(
        tours, name="Tours", country="France", relationship_level=RelationshipLevel.FRIENDSHIP,
        friendship_project="Youth orchestra 2031",
    )
    assert tours.relationship_level == RelationshipLevel.FRIENDSHIP


# --- the list and the page --------------------------------------------------------------------------------


def test_anonymous_are_sent_to_log_in(client, tours):
    for url in ("/partners/", f"/partners/{tours.id}", "/partners/new", f"/partners/{tours.id}/edit"):
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response.headers["Location"], url


def test_list_shows_the_facts_and_upcoming_events(client, login_as, tours, member, make_proposal):
    make_proposal(ProposalState.APPROVED, partner_city=tours, starts_at=SOON)
    make_proposal(ProposalState.APPROVED, partner_city=tours, starts_at=SOON + timedelta(days=3))
    login_as(member)
    html = text(client.get("/partners/"))
    assert "Tours" in html and "France" in html and "Twinning" in html and "French" in html
    assert "<td>2</td>" in html
    assert "/partners/new" not in html


def test_staff_see_the_new_link(client, login_as, staff):
    login_as(staff)
    assert "/partners/new" in text(client.get("/partners/"))


def test_partner_page_lists_upcoming_events_and_links_the_calendar_and_feed(
    app, client, login_as, tours, member, make_proposal, make_org
):
    choir = make_org(name="Kammerchor Nord e.V.")
    event = make_proposal(
        ProposalState.APPROVED,
        partner_city=tours,
        organisation=choir,
        title="Concert in Tours",
        starts_at=SOON,
    )
    make_proposal(ProposalState.APPROVED, partner_city=tours, title="Last year's match", starts_at=LONG_AGO)
    make_proposal(ProposalState.SUBMITTED, partner_city=tours, title="Not decided yet", starts_at=SOON)
    login_as(member)
    html = text(client.get(f"/partners/{tours.id}"))
    with app.test_request_context():
        links = [
            url_for("calendar.event", proposal_id=event.id),
            url_for("calendar.month", partner=tours.id),
            url_for("calendar.subscribe", partner=tours.id),
        ]
    assert "Concert in Tours" in html and "Kammerchor Nord e.V." in html
    assert all(f'href="{link}"' in html for link in links), links
    assert "Last year's match" not in html and "Not decided yet" not in html
    assert f"/partners/{tours.id}/edit" not in html


def test_unknown_and_non_integer_ids_are_404(client, login_as, staff):
    login_as(staff)
    for url in ("/partners/99999", "/partners/abc", "/partners/abc/edit", "/partners/99999/edit"):
        assert client.get(url).status_code == 404, url


def test_partner_list_is_one_grouped_query_for_3_or_30_cities(
    page_cache_off, client, db, login_as, member, make_partner, make_proposal
):
    login_as(member)

    def add(n):
        for _ in range(n):
            make_proposal(ProposalState.APPROVED, partner_city=make_partner(), starts_at=SOON)

    def statements():
        with counted_statements(db.engine) as seen:
            assert client.get("/partners/").status_code == 200
        return seen

    add(3)
    few = statements()
    add(27)
    many = statements()
    assert len(many) == len(few)
    assert sum("partner_cities" in s for s in many) == 1


def test_partner_page_is_a_fixed_number_of_queries(page_cache_off, client, db, login_as, member, tours, make_proposal):
    login_as(member)

    def add(n):
        for _ in range(n):
            make_proposal(ProposalState.APPROVED, partner_city=tours, starts_at=SOON)

    def statements():
        with counted_statements(db.engine) as seen:
            assert client.get(f"/partners/{tours.id}").status_code == 200
        return len(seen)

    add(3)
    few = statements()
    add(27)
    assert statements() == few


# --- keeping partner cities (staff) -----------------------------------------------------------------------


def test_members_cannot_create_or_edit(client, db, login_as, member, tours):
    login_as(member)
    assert client.get("/partners/new").status_code == 403
    assert (
        client.post(
            "/partners/new", data={"name": "Lyon", "country": "France", "relationship_level": "contact"}
        ).status_code
        == 403
    )
    assert client.get(f"/partners/{tours.id}/edit").status_code == 403
    assert (
        client.post(
            f"/partners/{tours.id}/edit", data={"name": "X", "country": "Y", "relationship_level": "contact"}
        ).status_code
        == 403
    )
    assert db.session.scalar(sa.select(sa.func.count()).select_from(PartnerCity)) == 1


def test_staff_create_a_partner_city(client, db, login_as, staff):
    login_as(staff)
    response = client.post(
        "/partners/new",
        data={"name": "Lyon", "country": "France", "relationship_level": "friendship", "languages": "French",
              "friendship_project": "Youth choirs 2031"},
    )
    assert response.status_code == 303
    lyon = db.session.scalar(sa.select(PartnerCity).where(PartnerCity.name == "Lyon"))
    assert response.headers["Location"].endswith(f"/partners/{lyon.id}")
    assert lyon.relationship_level == RelationshipLevel.FRIENDSHIP
    html = text(client.get(response.headers["Location"]))
    assert "Lyon is saved." in html and "Town friendship" in html


def test_admin_edits_a_partner_city(client, db, login_as, admin, tours):
    login_as(admin)
    html = text(client.get(f"/partners/{tours.id}/edit"))
    assert 'value="Tours"' in html and 'value="French"' in html
    response = client.post(
        f"/partners/{tours.id}/edit",
        data={
            "name": "Tours",
            "country": "France",
            "relationship_level": "contact",
            "languages": "French, English",
        },
    )
    assert response.status_code == 303
    db.session.refresh(tours)
    assert tours.relationship_level == RelationshipLevel.CONTACT and tours.languages == "French, English"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"name": "tours", "country": "france", "relationship_level": "contact"},
            "is a partner city already",
        ),
        ({"name": "", "country": "France", "relationship_level": "contact"}, "This field is required."),
        (
            {"name": "x" * 10_000, "country": "France", "relationship_level": "contact"},
            "Field cannot be longer than 120 characters.",
        ),
        ({"name": "Lyon", "country": "France", "relationship_level": "marriage"}, "Not a valid choice."),
    ],
)
def test_bad_entries_come_back_with_422_and_the_entries(client, db, login_as, staff, tours, data, message):
    login_as(staff)
    response = client.post("/partners/new", data=data)
    html = text(response)
    assert response.status_code == 422 and message in html
    if len(data["name"]) < 100:
        assert f'value="{data["name"]}"' in html
    assert db.session.scalar(sa.select(sa.func.count()).select_from(PartnerCity)) == 1


def test_renaming_onto_another_city_is_refused(client, db, login_as, staff, tours, make_partner):
    lyon = make_partner(name="Lyon", country="France")
    login_as(staff)
    response = client.post(
        f"/partners/{lyon.id}/edit",
        data={"name": "Tours", "country": "France", "relationship_level": "contact"},
    )
    assert response.status_code == 422 and "Tours (France) is a partner city already." in text(response)
    db.session.refresh(lyon)
    assert lyon.name == "Lyon"


def test_nul_characters_are_refused_not_a_500(client, db, login_as, staff):
    login_as(staff)
    response = client.post(
        "/partners/new", data={"name": "Ly\x00on", "country": "France", "relationship_level": "contact"}
    )
    assert response.status_code == 400
    assert db.session.scalar(sa.select(PartnerCity.name)) is None
