"""Partner candidates: saving, ties, the CSV import (all rows or none) and promotion to a partner city."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from clubs_exchange import clock
from clubs_exchange.candidates.importing import import_candidates
from clubs_exchange.candidates.listing import scored_candidates
from clubs_exchange.candidates.models import Candidate, TieKind, TieStrength
from clubs_exchange.candidates.registry import CandidateError, add_tie, promote, save_candidate
from clubs_exchange.csv_io import CsvError
from clubs_exchange.partners.levels import level_history
from clubs_exchange.partners.models import CityStructure, PartnershipState, RelationshipLevel


@pytest.fixture(autouse=True)
def request_context(app):
    with app.test_request_context():
        yield


def count(db, model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def test_save_candidate_keeps_tags_tidy_and_refuses_duplicates(db):
    candidate = save_candidate(None, name=" Krems ", country="Austria", languages="German; English",
                               activities="Football, CHOIR", population=25_000, structure=CityStructure.MIXED)
    db.session.commit()
    assert (candidate.name, candidate.languages, candidate.activities) == ("Krems", "German, English",
                                                                          "football, choir")
    with pytest.raises(CandidateError) as caught:
        save_candidate(None, name="krems", country="AUSTRIA")
    assert caught.value.field == "name"


def test_a_tie_needs_both_sides_and_cannot_start_in_the_future(db):
    candidate = save_candidate(None, name="Krems", country="Austria")
    with pytest.raises(CandidateError) as caught:
        add_tie(candidate, kind=TieKind.CLUBS, ours="", theirs="SV Krems", since=None, strength=TieStrength.LOOSE)
    assert caught.value.field == "ours"
    with pytest.raises(CandidateError) as caught:
        add_tie(candidate, kind=TieKind.CLUBS, ours="FC", theirs="SV", since=clock.today() + timedelta(days=3),
                strength=TieStrength.LOOSE)
    assert caught.value.field == "since"


def test_ties_raise_the_score_and_the_list_sorts_and_filters_by_it(db, make_org):
    make_org(discipline="football")
    save_candidate(None, name="Aarburg", country="Switzerland", activities="football")
    tied = save_candidate(None, name="Zell", country="Austria", activities="football")
    for ours in ("FC", "Choir"):
        add_tie(tied, kind=TieKind.CLUBS, ours=ours, theirs="SV Zell", since=None, strength=TieStrength.CLOSE)
    db.session.commit()
    rows = scored_candidates()
    assert [r.candidate.name for r in rows] == ["Zell", "Aarburg"]
    assert rows[0].fit.score > rows[1].fit.score
    assert [r.candidate.name for r in scored_candidates(sort="name")] == ["Aarburg", "Zell"]
    assert [r.candidate.name for r in scored_candidates(min_score=rows[0].fit.score)] == ["Zell"]
    assert [r.candidate.name for r in scored_candidates(search="swiss")] == []
    assert [r.candidate.name for r in scored_candidates(search="switz")] == ["Aarburg"]


def test_promotion_makes_a_town_contact_with_history_once(db, staff):
    candidate = save_candidate(None, name="Krems", country="Austria", population=25_000, languages="German",
                               structure=CityStructure.URBAN)
    db.session.commit()
    partner = promote(candidate, actor=staff)
    db.session.commit()
    assert partner.relationship_level == RelationshipLevel.CONTACT
    assert partner.state == PartnershipState.EXPLORING
    assert (partner.population, partner.structure, partner.languages) == (25_000, CityStructure.URBAN, "German")
    [change] = level_history(partner)
    assert change.from_level is None and change.to_level == RelationshipLevel.CONTACT and change.actor == staff
    with pytest.raises(CandidateError):
        promote(candidate, actor=staff)
    # Promoted candidates leave the working list.
    assert scored_candidates() == []


def test_promotion_refuses_an_existing_partner_city(db, staff, make_partner):
    make_partner(name="Krems", country="Austria")
    candidate = save_candidate(None, name="Krems", country="Austria")
    with pytest.raises(CandidateError) as caught:
        promote(candidate, actor=staff)
    assert "exists already" in caught.value.message


GOOD_CSV = (
    "name,country,population,structure,languages,activities\n"
    "Krems,Austria,25000,mixed,German;English,football;choir\n"
    'Tartu,Estonia,"91,000",urban,"Estonian, English",schools\n'
)


def test_import_saves_every_row(db):
    result = import_candidates(GOOD_CSV.encode(), source="CEMR list")
    db.session.commit()
    assert result.errors == [] and len(result.imported) == 2
    krems = db.session.scalar(sa.select(Candidate).where(Candidate.name == "Krems"))
    assert (krems.population, krems.structure, krems.languages, krems.activities, krems.source) == (
        25_000, CityStructure.MIXED, "German, English", "football, choir", "CEMR list")
    tartu = db.session.scalar(sa.select(Candidate).where(Candidate.name == "Tartu"))
    assert tartu.population == 91_000


def test_import_with_a_bad_row_imports_nothing_and_names_each_row(db):
    save_candidate(None, name="Gdynia", country="Poland")
    db.session.commit()
    text = GOOD_CSV + (
        "Ravenna,Italy,many,mixed,Italian,\n"
        "Girona,Spain,100000,coastal,Catalan,\n"
        ",Spain,,,,\n"
        "Gdynia,Poland,,,,\n"
        "Krems,Austria,,,,\n"
    )
    result = import_candidates(text.encode())
    db.session.rollback()
    assert result.imported == []
    assert [str(e) for e in result.errors] == [
        "Row 4, “population”: “many” is not a whole number.",
        "Row 5, “structure”: “coastal” is not one of rural, mixed, urban, industrial.",
        "Row 6, “name”: Please give the municipality's name.",
        "Row 7, “name”: Gdynia (Poland) is a candidate already.",
        "Row 8, “name”: Krems (Austria) is in the file twice (row 2).",
    ]
    assert count(db, Candidate) == 1


def test_import_names_missing_columns_in_the_first_row(db):
    result = import_candidates(b"town,land\nKrems,Austria\n")
    assert [(e.row, e.column) for e in result.errors] == [(1, "name"), (1, "country")]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\xff\xfe\x00garbage", "UTF-16"),
        (b"name,country\n", "no rows"),
        (b"name,country\n" + b"x" * 2_000_000, "larger than 2000 kB"),
    ],
)
def test_import_refuses_unreadable_files(db, data, message):
    with pytest.raises(CsvError) as refused:
        import_candidates(data)
    assert message in refused.value.message


def test_import_reads_semicolon_separated_files(db):
    result = import_candidates(b"name;country;population\nKrems;Austria;25000\n")
    assert result.errors == [] and result.imported[0].population == 25_000
