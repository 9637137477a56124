"""Both importers (guest list, partner candidates) with the files people really upload: never a 500.

A file that cannot be read gets its message beside the upload field (422) with the other entries kept; a file
Excel saved in cp1252, with tabs or with old Mac line endings is imported.
"""

import html
import io
import re
import zipfile

import pytest
import sqlalchemy as sa
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from clubs_exchange.candidates.models import Candidate
from clubs_exchange.csv_io import MAX_BYTES
from clubs_exchange.hosting.models import Guest

GUESTS = "name;age;languages\nJürgen Müller;40;German\nRenée Lefèvre;35;French\n"
CANDIDATES = "name;country;population\nZürich;Schweiz;420000\nBesançon;France;120000\n"


def xlsx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as book:
        book.writestr("xl/workbook.xml", "<workbook/>")
    return out.getvalue()


UNREADABLE = {
    "utf-16": (GUESTS.encode("utf-16"), "CSV UTF-8"),
    "utf-16 without BOM": (GUESTS.encode("utf-16-le"), "UTF-16"),
    "png": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "not text"),
    "xlsx": (xlsx(), "spreadsheet workbook"),
    "empty": (b"", "The file is empty."),
    "too large": (b"name;age\n" + b"x" * MAX_BYTES, "larger than 2000 kB"),
}


def field_error(page: str, field: str) -> str:
    found = re.search(rf'<p class="error" id="{field}-error">(.*?)</p>', page, re.S)
    return html.unescape(found.group(1)) if found else ""


@pytest.fixture
def staff(world):
    return world[0]["staff"]


@pytest.fixture
def event(world):
    return world[1]["event_a"]


def multipart(file: tuple[bytes, str], **fields) -> dict:
    """A form with a file as the browser sends it; encoded in memory (werkzeug's test client would leave a
    temporary file open for a large one)."""
    boundary, body = encode_multipart({"file": FileStorage(io.BytesIO(file[0]), filename=file[1]), **fields})
    return {"data": body, "content_type": f"multipart/form-data; boundary={boundary}"}


def import_guests(client, event, data: bytes, text=""):
    return client.post(f"/hosting/events/{event}/import", **multipart((data, "guests.csv"), text=text))


def import_candidates(client, data: bytes, source="CEMR spring list"):
    return client.post("/candidates/import", **multipart((data, "list.csv"), source=source))


# --- files that cannot be read -----------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", UNREADABLE)
def test_the_guest_import_says_what_is_wrong_with_the_file_beside_the_field(client, login_as, staff, event, db,
                                                                           kind):
    data, words = UNREADABLE[kind]
    login_as(staff)
    response = import_guests(client, event, data, text="Ana;30")
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert words in field_error(page, "file")
    assert ">\r\nAna;30</textarea>" in page  # what the person had typed stays
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Guest).where(Guest.proposal_id == event)) == 1


@pytest.mark.parametrize("kind", UNREADABLE)
def test_the_candidate_import_says_what_is_wrong_with_the_file_beside_the_field(client, login_as, staff, db, kind):
    data, words = UNREADABLE[kind]
    login_as(staff)
    response = import_candidates(client, data)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert words in field_error(page, "file")
    assert 'value="CEMR spring list"' in page
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Candidate).where(Candidate.name == "Zürich")) == 0


def test_pasted_text_with_problems_is_not_sent_back_whole_either(client, login_as, staff, event):
    login_as(staff)
    text = "name;age\n" + "".join(f"Guest {i};{i % 90}\n" for i in range(5000))
    response = client.post(f"/hosting/events/{event}/import", **multipart((b"", ""), text=text))
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and "at most 500 can be imported" in field_error(page, "text")
    assert "Guest 17;" not in page and len(page) < 30_000


# --- files Excel saves, read right -------------------------------------------------------------------------------

SAVED_BY_EXCEL = {
    "utf-8 with BOM": lambda text: b"\xef\xbb\xbf" + text.encode(),
    "cp1252": lambda text: text.encode("cp1252"),
    "cp1252, CR only (old Mac Excel)": lambda text: text.replace("\n", "\r").encode("cp1252"),
    "tabs, CRLF": lambda text: text.replace(";", "\t").replace("\n", "\r\n").encode(),
    "commas": lambda text: text.replace(";", ",").encode(),
}


@pytest.mark.parametrize("kind", SAVED_BY_EXCEL)
def test_guest_lists_as_excel_saves_them_are_imported(client, login_as, staff, event, db, kind):
    login_as(staff)
    assert import_guests(client, event, SAVED_BY_EXCEL[kind](GUESTS)).status_code == 303
    names = db.session.scalars(sa.select(Guest.name).where(Guest.proposal_id == event)).all()
    assert {"Jürgen Müller", "Renée Lefèvre"} <= set(names)


@pytest.mark.parametrize("kind", SAVED_BY_EXCEL)
def test_candidate_lists_as_excel_saves_them_are_imported(client, login_as, staff, db, kind):
    login_as(staff)
    assert import_candidates(client, SAVED_BY_EXCEL[kind](CANDIDATES)).status_code == 303
    rows = db.session.execute(sa.select(Candidate.name, Candidate.population).where(Candidate.source != "")).all()
    assert {("Zürich", 420_000), ("Besançon", 120_000)} <= set(rows)


# --- problems in rows --------------------------------------------------------------------------------------------


def test_both_importers_name_problems_the_same_way(client, login_as, staff, event):
    login_as(staff)
    guests = import_guests(client, event, b"name;age\nAna;30\nBen;old\n").get_data(as_text=True)
    assert "<li>Row 3, “age”: “old” is not an age: a whole number from 0 to 120.</li>" in guests
    candidates = import_candidates(client, b"name;country;population\nZell;Austria;lots\n").get_data(as_text=True)
    assert "<li>Row 2, “population”: “lots” is not a whole number.</li>" in candidates


def test_a_long_file_with_a_problem_is_not_sent_back_into_the_page(client, login_as, staff, event):
    rows = [f"Guest {i};{20 + i % 50};French;{'Arrives by train, leaves on Sunday. ' * 5}" for i in range(450)]
    rows[200] = "Guest 200;old;French;"
    data = ("name;age;languages;notes\n" + "\n".join(rows)).encode()
    assert len(data) > 80_000
    login_as(staff)
    response = import_guests(client, event, data)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Row 202, “age”" in page
    assert "Guest 17;" not in page and "too long to correct here" in page
    assert len(page) < 30_000
