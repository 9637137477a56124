"""Partner candidates through HTTP: staff enter, tie, import and promote them; members never see them."""

import io

import pytest
import sqlalchemy as sa

from clubs_exchange.candidates.models import Candidate, Tie
from clubs_exchange.partners.models import PartnerCity, RelationshipLevel
from tests.helpers import counted_statements


@pytest.fixture
def krems(db):
    candidate = Candidate(name="Krems", country="Austria", population=24_000, languages="German",
                          activities="football, wine")
    db.session.add(candidate)
    db.session.commit()
    return candidate


def text(response) -> str:
    return response.get_data(as_text=True)


def test_members_get_no_candidate_page_at_all(client, login_as, member, krems):
    login_as(member)
    for url in ("/candidates/", f"/candidates/{krems.id}", "/candidates/new", "/candidates/import"):
        assert client.get(url).status_code == 403, url
    assert client.post(f"/candidates/{krems.id}/promote").status_code == 403
    assert client.post(f"/candidates/{krems.id}/ties", data={"ours": "x", "theirs": "y"}).status_code == 403
    # Nor a link to them.
    assert "/candidates/" not in text(client.get("/partners/"))


def test_staff_enter_a_candidate_and_see_its_score_explained(client, db, login_as, staff, make_org):
    make_org(discipline="football")
    login_as(staff)
    response = client.post("/candidates/new", data={
        "name": "Zell", "country": "Austria", "population": "48000", "structure": "mixed",
        "languages": "German", "activities": "football, rowing",
    })
    assert response.status_code == 303
    html = text(client.get(response.headers["Location"]))
    for factor in ("Size", "Structure", "Club life", "Existing ties", "Shared language"):
        assert f'<th scope="row">{factor}</th>' in html
    assert "Both are mixed." in html and "1 of 2 activities" in html and "Both speak German." in html


def test_a_candidate_form_with_errors_keeps_the_entries(client, login_as, staff, krems):
    login_as(staff)
    response = client.post("/candidates/new", data={"name": "Krems", "country": "Austria", "population": "-3",
                                                    "languages": "German"})
    assert response.status_code == 422
    assert 'value="German"' in text(response)


def test_ties_are_recorded_listed_and_count_in_the_score(client, db, login_as, staff, krems):
    login_as(staff)
    before = text(client.get(f"/candidates/{krems.id}"))
    assert "No private contacts are known yet." in before
    for ours in ("FC Blau-Weiß", "Council member Berger"):
        response = client.post(f"/candidates/{krems.id}/ties", data={
            "kind": "clubs", "ours": ours, "theirs": "SV Krems", "since": "2019-05-01", "strength": "close"})
        assert response.status_code == 303
    html = text(client.get(f"/candidates/{krems.id}"))
    assert "FC Blau-Weiß" in html and "Council member Berger" in html
    assert "2 known ties worth 6 of the 6 points" in html


def test_a_tie_without_its_sides_comes_back_on_the_page(client, db, login_as, staff, krems):
    login_as(staff)
    response = client.post(f"/candidates/{krems.id}/ties", data={"kind": "clubs", "ours": "", "theirs": "SV"})
    assert response.status_code == 422
    assert 'id="ours-error"' in text(response) and 'value="SV"' in text(response)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Tie)) == 0


def test_a_tie_of_another_candidate_is_not_found(client, db, login_as, staff, krems):
    other = Candidate(name="Zell", country="Austria")
    other.ties.append(Tie(kind="clubs", ours="A", theirs="B"))
    db.session.add(other)
    db.session.commit()
    login_as(staff)
    assert client.post(f"/candidates/{krems.id}/ties/{other.ties[0].id}/remove").status_code == 404
    assert client.post(f"/candidates/{other.id}/ties/{other.ties[0].id}/remove").status_code == 303


def test_promotion_opens_the_new_partner_city(client, db, login_as, staff, krems):
    login_as(staff)
    response = client.post(f"/candidates/{krems.id}/promote")
    assert response.status_code == 303
    partner = db.session.scalar(sa.select(PartnerCity))
    assert response.headers["Location"].endswith(f"/partners/{partner.id}")
    assert partner.relationship_level == RelationshipLevel.CONTACT
    # A second click is refused with a message, nothing doubles.
    response = client.post(f"/candidates/{krems.id}/promote", follow_redirects=True)
    assert "is a partner city already" in text(response)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(PartnerCity)) == 1


def test_csv_import_errors_are_listed_per_row_and_nothing_is_saved(client, db, login_as, staff):
    login_as(staff)
    data = b"name,country,population\nZell,Austria,5000\nTorun,Poland,lots\n"
    response = client.post("/candidates/import", data={"file": (io.BytesIO(data), "list.csv")},
                           content_type="multipart/form-data")
    assert response.status_code == 422
    assert "Row 3, “population”: “lots” is not a whole number." in text(response)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Candidate)) == 0
    data = b"name,country,population\nZell,Austria,5000\nTorun,Poland,200000\n"
    response = client.post("/candidates/import", data={"file": (io.BytesIO(data), "list.csv"), "source": "CEMR"},
                           content_type="multipart/form-data")
    assert response.status_code == 303
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Candidate)) == 2


def test_list_filters_by_score_and_answers_htmx_with_the_results_only(client, db, login_as, staff, krems):
    db.session.add(Candidate(name="Nowhere", country="Atlantis"))
    db.session.commit()
    login_as(staff)
    html = text(client.get("/candidates/"))
    assert "Krems" in html and "Nowhere" in html
    html = text(client.get("/candidates/?min_score=10"))
    assert "Krems" in html and "Nowhere" not in html
    fragment = client.get("/candidates/?q=nowh", headers={"HX-Request": "true"})
    assert "<html" not in text(fragment) and "Nowhere" in text(fragment) and "Krems" not in text(fragment)
    assert client.get("/candidates/?min_score=abc").status_code == 200


def test_candidate_list_queries_do_not_grow(client, db, login_as, staff):
    login_as(staff)

    def add(n, offset):
        for i in range(n):
            candidate = Candidate(name=f"Town {offset + i}", country="Austria", activities="football")
            candidate.ties.append(Tie(kind="clubs", ours="A", theirs="B"))
            db.session.add(candidate)
        db.session.commit()

    def statements():
        with counted_statements(db.engine) as seen:
            assert client.get("/candidates/").status_code == 200
        return len(seen)

    add(3, 0)
    few = statements()
    add(60, 3)
    assert statements() == few
