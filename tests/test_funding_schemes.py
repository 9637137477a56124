"""Funding schemes as data (issue 13 part 1): the shipped presets, a stored scheme's terms, and the staff pages
where the office keeps them."""

import re

import pytest
import sqlalchemy as sa

from clubs_exchange.funding.models import FundingBand, FundingRate, FundingScheme
from clubs_exchange.funding.presets import CERV_TOWN_TWINNING_2026, CITY_GUIDELINE, PRESETS, YOUTH_OFFICE
from clubs_exchange.funding.terms import AmountKind, Band, DayCounting, Direction, Rate


def schemes(db):
    return db.session.scalars(sa.select(FundingScheme).order_by(FundingScheme.id)).all()


def form(**overrides) -> dict:
    data = {"name": "Kleine Begegnungen", "funder": "Stadt Testhausen", "kind": "per_participant_day",
            "rates": "incoming;12;21;4,40\noutgoing;12;21;4,90", "bands": "", "day_counting": "each_travel_day",
            "rounding": "cent", "active": "y", "min_days": "3", "max_days": "21", "cap_per_group_cents": "1.500,00",
            "apply_weeks_before": "6"}
    return {**data, **overrides}


def error_at(page: str, field: str) -> str:
    match = re.search(rf'id="{field}-error">([^<]*)<', page)
    return match.group(1) if match else ""


# --- presets ----------------------------------------------------------------------------------------------


def test_the_presets_load_once_and_keep_what_staff_changed(app, db):
    result = app.test_cli_runner().invoke(args=["seed-funding-presets"])
    assert result.exit_code == 0 and "3" in result.output
    stored = schemes(db)
    assert [s.name for s in stored] == [t.name for t, _source in PRESETS.values()]
    stored[0].name = "Unsere Richtlinie"
    db.session.commit()

    again = app.test_cli_runner().invoke(args=["seed-funding-presets"])
    assert again.exit_code == 0 and "0" in again.output
    assert len(schemes(db)) == 3 and schemes(db)[0].name == "Unsere Richtlinie"


def test_cerv_lump_sums_run_from_8455_to_50745_euros(app, db):
    app.test_cli_runner().invoke(args=["seed-funding-presets"])
    cerv = db.session.scalar(sa.select(FundingScheme).where(FundingScheme.preset_key == "cerv_town_twinning_2026"))
    terms = cerv.terms()
    assert terms.kind is AmountKind.LUMP_SUM_BY_BAND
    assert (terms.bands[0].low, terms.bands[0].cents) == (50, 845_500)
    assert (terms.bands[-1].high, terms.bands[-1].cents) == (None, 5_074_500)
    assert (terms.min_countries, terms.eu_member_required, terms.min_direct_participants,
            terms.min_invited_international) == (2, True, 50, 25)


def test_the_youth_office_counts_arrival_and_departure_as_one_day():
    assert YOUTH_OFFICE.day_counting is DayCounting.TRAVEL_DAYS_AS_ONE
    assert (YOUTH_OFFICE.min_days, YOUTH_OFFICE.max_days, YOUTH_OFFICE.min_age, YOUTH_OFFICE.max_age,
            YOUTH_OFFICE.leader_ratio) == (4, 21, 3, 30, 5)


@pytest.mark.parametrize("terms", [CITY_GUIDELINE, CERV_TOWN_TWINNING_2026, YOUTH_OFFICE], ids=lambda t: t.name)
def test_a_stored_scheme_gives_back_the_terms_it_was_made_from(db, terms):
    db.session.add(FundingScheme.from_terms(terms))
    db.session.commit()
    db.session.expunge_all()
    (stored,) = schemes(db)
    assert stored.terms() == terms


def test_every_term_round_trips_through_the_database(db):
    from dataclasses import fields

    from clubs_exchange.funding.terms import Rounding, SchemeTerms

    # Every optional number a value of its own, so a column swapped or forgotten shows.
    numbers = {f.name: 100 + i for i, f in enumerate(fields(SchemeTerms)) if f.type == int | None}
    terms = SchemeTerms(name="All", funder="F", kind=AmountKind.BY_DISTANCE_BAND, eu_member_required=True,
                        day_counting=DayCounting.FULL_DAYS_ONLY, rounding=Rounding.EURO_DOWN,
                        rates=(Rate(cents=1, direction=Direction.OUTGOING, min_age=None, max_age=27),),
                        bands=(Band(0, 499, 3_000), Band(500, None, 15_000)), **numbers)
    assert len(numbers) >= 20
    db.session.add(FundingScheme.from_terms(terms))
    db.session.commit()
    db.session.expunge_all()
    assert schemes(db)[0].terms() == terms


# --- the staff pages ----------------------------------------------------------------------------------------


def test_staff_see_the_schemes_and_each_ones_terms_in_words(client, login_as, db, staff):
    db.session.add(FundingScheme.from_terms(CITY_GUIDELINE, source_url="https://example.org/richtlinie"))
    db.session.commit()
    login_as(staff)
    listing = client.get("/funding/schemes")
    assert listing.status_code == 200
    assert "Städtepartnerschaftliche Begegnungen" in listing.text and "Per participant and day" in listing.text
    assert 'href="/funding/schemes"' in listing.text  # the office bar's link

    (scheme,) = schemes(db)
    page = client.get(f"/funding/schemes/{scheme.id}").text
    assert "We travel to the partner city" in page and "€4.90" in page and "€4.40" in page
    assert "Arrival and departure day each count" in page
    assert "Apply at least this many weeks before the start" in page
    assert "https://example.org/richtlinie" in page


def test_staff_create_a_scheme_with_rates_and_money_as_typed(client, login_as, db, staff):
    login_as(staff)
    answer = client.post("/funding/schemes/new", data=form())
    assert answer.status_code == 303
    (scheme,) = schemes(db)
    assert answer.headers["Location"].endswith(f"/funding/schemes/{scheme.id}")
    terms = scheme.terms()
    assert terms.rates == (Rate(440, Direction.INCOMING, 12, 21), Rate(490, Direction.OUTGOING, 12, 21))
    assert (terms.cap_per_group_cents, terms.min_days, terms.max_days, terms.apply_weeks_before) == (150_000, 3, 21, 6)
    assert terms.cap_per_participant_cents is None and terms.max_participants is None


def test_the_edit_form_shows_the_stored_terms_and_saves_changes(client, login_as, db, staff):
    db.session.add(FundingScheme.from_terms(CERV_TOWN_TWINNING_2026))
    db.session.commit()
    (scheme,) = schemes(db)
    login_as(staff)
    page = client.get(f"/funding/schemes/{scheme.id}/edit").text
    assert "50;100;8455.00" in page and 'value="50"' in page  # the band table and the direct participants

    answer = client.post(f"/funding/schemes/{scheme.id}/edit", data=form(
        name="CERV TT", kind="lump_sum_by_band", rates="", bands="50;100;8455,00\n101;;16910,00",
        min_direct_participants="60"))
    assert answer.status_code == 303
    db.session.expunge_all()
    terms = schemes(db)[0].terms()
    assert terms.name == "CERV TT" and terms.min_direct_participants == 60
    assert terms.bands == (Band(50, 100, 845_500), Band(101, None, 1_691_000))
    assert db.session.scalar(sa.select(sa.func.count()).select_from(FundingBand)) == 2
    assert db.session.scalar(sa.select(sa.func.count()).select_from(FundingRate)) == 0


def test_german_staff_read_and_type_amounts_with_a_decimal_comma(client, login_as, db, staff):
    staff.language = "de"
    db.session.add(FundingScheme.from_terms(CITY_GUIDELINE))
    db.session.commit()
    login_as(staff)
    (scheme,) = schemes(db)
    page = client.get(f"/funding/schemes/{scheme.id}/edit").text
    assert "incoming;;;4,40" in page


@pytest.mark.parametrize(("overrides", "field", "message"), [
    ({"rates": "incoming;12;21;4,40\nsideways;;;1"}, "rates", "Line 2: the direction is"),
    ({"rates": "incoming;12;21"}, "rates", "Line 1: four parts"),
    ({"rates": "incoming;21;12;4,40"}, "rates", "Line 1: the lowest age is above the highest."),
    ({"rates": ";;;vier"}, "rates", "Line 1: Enter an amount"),
    ({"rates": ""}, "rates", "needs at least one rate"),
    ({"kind": "lump_sum_by_band", "bands": "50;100;10\n90;200;20"}, "bands", "Line 2: the band overlaps"),
    ({"kind": "lump_sum_by_band", "bands": ""}, "bands", "needs its table of bands"),
    ({"max_days": "2"}, "max_days", "The maximum is below the minimum days."),
    ({"min_days": "drei"}, "min_days", "Not a valid integer value."),
    ({"travel_share_percent": "150"}, "travel_share_percent", "Between 0 and 100."),
    ({"cap_per_group_cents": "1,2,3"}, "cap_per_group_cents", "Enter an amount"),
    ({"kind": ""}, "kind", "Choose the kind of amount."),
    ({"name": ""}, "name", "This field is required."),
])
def test_bad_input_is_told_at_its_field_and_the_entries_stay(client, login_as, db, staff, overrides, field,
                                                              message):
    login_as(staff)
    answer = client.post("/funding/schemes/new", data=form(funder="Kreis Nord", **overrides))
    assert answer.status_code == 422
    assert message in error_at(answer.text, field)
    assert 'value="Kreis Nord"' in answer.text
    assert schemes(db) == []


def test_members_and_anonymous_are_refused_and_an_unknown_scheme_is_404(client, login_as, db, member, staff):
    assert client.get("/funding/schemes").status_code == 302
    login_as(member)
    assert client.get("/funding/schemes").status_code == 403
    assert client.post("/funding/schemes/new", data=form()).status_code == 403
    assert schemes(db) == []
    login_as(staff)
    assert client.get("/funding/schemes/999999").status_code == 404
    assert client.get("/funding/schemes/999999/edit").status_code == 404


def test_a_change_to_a_scheme_reads_in_words_in_the_audit_trail(client, login_as, db, staff):
    login_as(staff)
    client.post("/funding/schemes/new", data=form(kind="per_person", rates=";;;50,00"))
    page = client.get("/audit/?type=funding_scheme").text
    assert "<dt>Kind</dt>" in page and "Per person" in page and "per_person" not in page
    assert "Cap per group" in page and "€1,500.00" in page


def test_the_demo_data_brings_the_presets_and_staff_reach_them_from_the_office_bar(client, login_as, demo, db):
    assert {s.preset_key for s in schemes(db)} == set(PRESETS)
    login_as(demo["staff@example.org"])
    start = client.get("/").text
    assert 'href="/funding/schemes"' in start
    assert "CERV Town Twinning 2026" in client.get("/funding/schemes").text
