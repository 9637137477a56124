"""The guest list CSV: its columns, every error with row and column, nothing imported until all rows are right."""

from datetime import UTC, date, datetime

import pytest

from clubs_exchange.csv_io import decode, read_rows
from clubs_exchange.hosting.importing import COLUMN_NAMES, parse_guest_csv, sample_csv
from clubs_exchange.hosting.models import Guest
from tests.hosting_data import guest_csv, guest_rows, with_two_bad_rows

TODAY = date(2031, 1, 10)


def test_a_good_list_gives_every_guest():
    guests, errors = parse_guest_csv(guest_csv(guest_rows(30)), today=TODAY)
    assert errors == []
    assert len(guests) == 30
    assert guests[0].name == "Camille Martin-1" and guests[0].wishes_with == "Lucie Martin-2"
    assert guests[1].languages == "French, English" and guests[1].pet_allergy is True
    assert guests[0].date_of_birth == date(2016, 4, 1) and guests[0].parental_consent is True


def test_the_sample_file_is_valid_and_has_every_column():
    guests, errors = parse_guest_csv(sample_csv(), today=TODAY)
    assert errors == [] and len(guests) == 3
    assert read_rows(sample_csv())[0] == COLUMN_NAMES


def test_errors_name_the_row_and_the_column_and_nothing_is_returned():
    guests, errors = parse_guest_csv(guest_csv(with_two_bad_rows(guest_rows(30))), today=TODAY)
    assert guests == []
    assert [(e.row, e.column) for e in errors] == [(6, "date_of_birth"), (12, "name")]
    assert "31.02.2010" in errors[0].message


@pytest.mark.parametrize(
    "cells, column, words",
    [
        ({"age": "-3"}, "age", "not an age"),
        ({"age": ""}, "date_of_birth", "date of birth or an age"),
        ({"date_of_birth": "2040-01-01", "age": ""}, "date_of_birth", "future"),
        ({"pet_allergy": "maybe"}, "pet_allergy", "yes or no"),
        ({"wishes_with": "Nobody Known"}, "wishes_with", "Nobody Known"),
        ({"name": "x" * 121}, "name", "120"),
    ],
)
def test_each_kind_of_bad_cell(cells, column, words):
    row = dict(zip(COLUMN_NAMES, ["Ana Silva", "", "30", "", "", "", "", "no", "", "", "", ""], strict=True))
    row.update(cells)
    _guests, errors = parse_guest_csv(guest_csv([list(row.values())]), today=TODAY)
    assert [e.column for e in errors] == [column]
    assert words in errors[0].message


def test_a_duplicate_name_and_a_bad_header():
    rows = guest_rows(2)
    rows[1][0], rows[0][10] = rows[0][0], ""
    _guests, errors = parse_guest_csv(guest_csv(rows), today=TODAY)
    assert [(e.row, e.column) for e in errors] == [(3, "name")]
    _guests, errors = parse_guest_csv("nom,age\nAna,3\n", today=TODAY)
    assert {e.column for e in errors} == {"name", "nom"}


def test_semicolons_a_bom_and_cp1252_are_read():
    text = "\ufeffname;age;languages\nJosé Núñez;40;Spanish, English\n"
    guests, errors = parse_guest_csv(text, today=TODAY)
    assert errors == [] and guests[0].name == "José Núñez"
    assert decode("name,age\nRenée,30\n".encode("cp1252")) == "name,age\nRenée,30\n"


# --- through the page --------------------------------------------------------------------------------------------


@pytest.fixture
def event(world):
    return world[1]["event_a"]


def post_file(client, event, text):
    import io

    return client.post(f"/hosting/events/{event}/import",
                       data={"file": (io.BytesIO(text.encode()), "guests.csv"), "text": ""},
                       content_type="multipart/form-data")


def test_the_page_lists_the_columns_and_offers_the_sample(client, login_as, world, event):
    login_as(world[0]["staff"])
    page = client.get(f"/hosting/events/{event}/import").get_data(as_text=True)
    assert all(f"<code>{c}</code>" in page for c in COLUMN_NAMES)
    sample = client.get("/hosting/guest-list-sample.csv")
    assert sample.mimetype == "text/csv" and sample.data.startswith("\ufeff".encode())


def test_bad_rows_import_nothing_and_keep_the_file_to_correct(client, login_as, world, event, db):
    login_as(world[0]["staff"])
    before = db.session.query(Guest).count()
    bad = guest_csv(with_two_bad_rows(guest_rows(30)))
    response = post_file(client, event, bad)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "nothing was imported" in page
    assert "<li>Row 6, “date_of_birth”: “31.02.2010” is not a date" in page
    assert "<li>Row 12, “name”: A name is required.</li>" in page
    assert "Camille Martin-1" in page  # the file's contents, in the box to correct them
    assert db.session.query(Guest).count() == before

    fixed = guest_csv(guest_rows(30))
    response = client.post(f"/hosting/events/{event}/import", data={"text": fixed})
    assert response.status_code == 303
    assert db.session.query(Guest).filter_by(proposal_id=event).count() == 31  # the world's guest and 30
    minors = db.session.query(Guest).filter_by(proposal_id=event, is_minor=True).count()
    assert minors == 6


def test_an_organiser_imports_too_and_another_member_cannot(client, login_as, world, event):
    login_as(world[0]["member_a"])
    assert post_file(client, event, guest_csv(guest_rows(3))).status_code == 303
    login_as(world[0]["member_b"])
    assert post_file(client, event, guest_csv(guest_rows(3))).status_code == 404


def test_an_empty_submission_says_so(client, login_as, world, event):
    login_as(world[0]["staff"])
    response = client.post(f"/hosting/events/{event}/import", data={"text": ""})
    assert response.status_code == 422 and "The file is empty." in response.get_data(as_text=True)


def test_minor_is_worked_out_at_the_event_start():
    from clubs_exchange.hosting.guests import GuestDetails, is_minor

    event_day = datetime(2031, 6, 12, tzinfo=UTC).date()
    assert is_minor(GuestDetails(name="a", date_of_birth=date(2013, 6, 13)), event_day)
    assert not is_minor(GuestDetails(name="a", date_of_birth=date(2013, 6, 12)), event_day)
    assert is_minor(GuestDetails(name="a", age=17), event_day)
