"""The one CSV module: what Excel saves is read right or refused with a message; what we write opens right."""

import io
import random
import zipfile
from datetime import UTC, date, datetime

import pytest

from clubs_exchange.csv_io import (
    CsvError,
    CsvProblem,
    amount,
    cell,
    csv_text,
    decode,
    detect_delimiter,
    neutralise,
    read_rows,
    read_table,
)
from clubs_exchange.errors import DomainError
from clubs_exchange.proposals.models import ProposalState

NAMES = "name;city\nJürgen Müller;Köln\nRenée Lefèvre;Besançon\n"


def table_of(data, **kwargs):
    table = read_table(data, **kwargs)
    return table.header, [cells for _number, cells in table.rows]


# --- encodings ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("data", [
    NAMES.encode("utf-8"),
    b"\xef\xbb\xbf" + NAMES.encode("utf-8"),
    NAMES.encode("cp1252"),
    NAMES.encode("latin-1"),
], ids=["utf-8", "utf-8 with BOM", "cp1252", "latin-1"])
def test_utf8_with_or_without_bom_and_windows_1252_read_the_same(data):
    header, rows = table_of(data)
    assert header == ["name", "city"]
    assert rows == [["Jürgen Müller", "Köln"], ["Renée Lefèvre", "Besançon"]]


def test_romanian_letters_survive_in_utf8_and_the_euro_sign_in_cp1252():
    assert table_of("name;note\nȘtefan Țurcanu;Timișoara\n".encode())[1] == [["Ștefan Țurcanu", "Timișoara"]]
    assert table_of("name;fee\nAnna;20 €\n".encode("cp1252"))[1] == [["Anna", "20 €"]]


@pytest.mark.parametrize("text, expected", [
    ("name;city\nŞtefan Ţurcanu;Timişoara\nAna Mărgărit;Brăila\n",
     [["Ștefan Țurcanu", "Timișoara"], ["Ana Mărgărit", "Brăila"]]),
    ("name;city\nLech Wałęsa;Łódź\nJiří Dvořák;Plzeň\n", [["Lech Wałęsa", "Łódź"], ["Jiří Dvořák", "Plzeň"]]),
], ids=["romanian", "polish and czech"])
def test_central_european_windows_files_read_as_windows_1250(text, expected):
    # Excel's "CSV" on a Romanian or Polish Windows writes Windows-1250; Romanian with the cedilla forms, which
    # are read as the comma-below letters Romanian spells.
    assert table_of(text.encode("cp1250"))[1] == expected


def test_a_western_file_with_letters_both_code_pages_share_stays_western():
    # ä ö ü ß é ç are the same bytes in both; è à would read as č ŕ in Windows-1250.
    text = "name;city\nRenée Lefèvre;Besançon\nFrançois à Côté;Genève\nJürgen Müßig;Köln\n"
    assert table_of(text.encode("cp1252"))[1] == [
        ["Renée Lefèvre", "Besançon"], ["François à Côté", "Genève"], ["Jürgen Müßig", "Köln"]]


@pytest.mark.parametrize("data", [
    NAMES.encode("utf-16"),  # with its BOM, as Excel's "Unicode text" saves it
    NAMES.encode("utf-16-be"),  # no BOM: a NUL beside every letter
    NAMES.encode("utf-16-le"),
    NAMES.encode("utf-32"),
], ids=["utf-16 BOM", "utf-16-be", "utf-16-le", "utf-32"])
def test_utf16_is_refused_with_what_to_do(data):
    with pytest.raises(CsvError) as refused:
        read_table(data)
    assert "UTF-16" in refused.value.message and "CSV UTF-8" in refused.value.message


def test_a_stray_nul_or_control_character_is_dropped():
    assert table_of(b"name,age\nA\x00na,30\n")[1] == [["Ana", "30"]]
    assert decode(b"name,age\r\nAna,30\r\n\x1a") == "name,age\r\nAna,30\r\n"  # DOS's end-of-file mark


# --- not text at all ---------------------------------------------------------------------------------------------


def xlsx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as book:
        book.writestr("[Content_Types].xml", "<Types/>")
        book.writestr("xl/workbook.xml", "<workbook/>")
    return out.getvalue()


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"


@pytest.mark.parametrize("data, words", [
    (xlsx(), "spreadsheet workbook"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), "spreadsheet workbook"),  # .xls
    (PNG, "not text"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "not text"),
    (random.Random(10).randbytes(5000), "not text"),
], ids=["xlsx", "xls", "png", "pdf", "random bytes"])
def test_binary_files_are_answered_with_a_message(data, words):
    with pytest.raises(CsvError) as refused:
        read_table(data)
    assert words in refused.value.message and "CSV UTF-8" in refused.value.message


def test_a_csv_error_is_a_domain_error_about_the_upload_field():
    with pytest.raises(DomainError) as refused:
        read_table(PNG)
    assert refused.value.field == "file"
    with pytest.raises(CsvError) as refused:
        read_table(PNG, field="text")
    assert refused.value.field == "text"


@pytest.mark.parametrize("data, words", [
    (b"", "empty"), (b"  \r\n\r\n", "empty"), (b"\xef\xbb\xbf", "empty"), (b";;;\r\n ; ;\r\n", "empty"),
    (b"name\n" + b"x" * 3000 + b"\n", "larger than 2 kB"),
])
def test_empty_and_too_large_files(data, words):
    with pytest.raises(CsvError) as refused:
        read_table(data, max_bytes=2000)
    assert words in refused.value.message


def test_too_many_rows_and_an_unreadable_cell():
    with pytest.raises(CsvError, match="holds 3 rows, at most 2"):
        read_table(b"name\na\nb\nc\n", max_rows=2)
    with pytest.raises(CsvError, match="Row 3 cannot be read"):
        read_table(b"name\nshort\n" + b"x" * 200_000 + b"\n", max_bytes=300_000)
    with pytest.raises(CsvError, match="Row 3: a quotation mark opens a cell that is never closed"):
        read_table(b'name;age\nAna;30\n"Ben;40\nCem;50\n')
    # A quotation mark inside a cell is text, as in a spreadsheet.
    assert table_of(b'name;height\nAna "Ani" Roth;5\'11"\n')[1] == [['Ana "Ani" Roth', "5'11\""]]


# --- delimiters and line endings ---------------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "name;city;languages\nAna;Köln;\"German, French\"\n",
    "name,city,languages\nAna,Köln,\"German, French\"\n",
    "name\tcity\tlanguages\nAna\tKöln\tGerman, French\n",
    "sep=;\nname;city;languages\nAna;Köln;German, French\n",
], ids=["semicolon", "comma", "tab", "excel sep line"])
def test_the_delimiter_is_found(text):
    assert table_of(text.encode()) == (["name", "city", "languages"], [["Ana", "Köln", "German, French"]])


def test_a_delimiter_inside_quotes_in_the_header_does_not_count():
    assert detect_delimiter('"name, full";"city, region"\nAna;Köln\n') == ";"
    assert detect_delimiter("name\nAna\n") == ","


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"], ids=["LF", "CRLF", "CR only (old Mac Excel)"])
def test_every_line_ending_is_read_with_rows_numbered_as_a_spreadsheet_does(newline):
    text = newline.join(["name;notes", "Ana;\"two" + newline + "lines\"", "", "Ben;x", ""])
    table = read_table(text.encode("cp1252"))
    assert table.header == ["name", "notes"]
    # The quoted line break stays in its cell; the empty row 3 is left out but counted.
    assert table.rows == [(2, ["Ana", f"two{newline}lines"]), (4, ["Ben", "x"])]


def test_cells_and_header_are_trimmed_and_the_header_in_lower_case():
    assert table_of(b" Name ; Age \n Ana ; 30 \n") == (["name", "age"], [["Ana", "30"]])


def test_read_rows_gives_every_row_as_written():
    assert read_rows(b"\xef\xbb\xbfa;b\r\n'=1; 2 \r\n") == [["a", "b"], ["'=1", " 2 "]]
    assert read_rows("a,b\n1,2\n", delimiter=";") == [["a,b"], ["1,2"]]


# --- problems ----------------------------------------------------------------------------------------------------


def test_a_problem_reads_row_column_and_message(app):
    with app.test_request_context():
        assert str(CsvProblem(3, "date_of_birth", "Not a date.")) == "Row 3, “date_of_birth”: Not a date."
        assert str(CsvProblem(4, "", "Too many cells.")) == "Row 4: Too many cells."


# --- writing -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["=HYPERLINK(\"http://evil\")", "+49 30", "-1+2", "@SUM(A1)", "\tx", "\rx"])
def test_formula_cells_are_neutralised(text):
    assert neutralise(text) == "'" + text
    assert cell(text) == "'" + text


def test_cells_of_every_kind(app):
    with app.test_request_context():
        assert cell(None) == "" and cell(True) == "yes" and cell(False) == "no" and cell(-5) == -5
        # Stored in UTC, written in the city's zone (Berlin: +2 in summer).
        assert cell(datetime(2031, 6, 12, 16, 0, tzinfo=UTC)) == "2031-06-12 18:00"
        assert cell(date(2031, 6, 12)) == "2031-06-12"
        assert cell(ProposalState.SUBMITTED) == "Submitted"


def test_the_text_has_a_bom_the_delimiter_and_a_decimal_mark_to_match(app):
    rows = [["=cmd|' /C calc'!A0", amount(125_050), "Hall; upstairs"], ["Ana", amount(-5), None]]
    # A German reader: the decimal comma, except in a comma-separated file (languages: tests/test_formats.py).
    with app.test_request_context(headers={"Accept-Language": "de"}):
        semicolons = "".join(csv_text(["Title", "Budget", "Venue"], rows))
        app.config["CSV_DELIMITER"] = ","
        commas = "".join(csv_text(["Title", "Budget", "Venue"], rows))
    assert semicolons == ("\ufeffTitle;Budget;Venue\r\n'=cmd|' /C calc'!A0;1250,50;\"Hall; upstairs\"\r\n"
                          "Ana;-0,05;\r\n")
    assert commas == ("\ufeffTitle,Budget,Venue\r\n'=cmd|' /C calc'!A0,1250.50,Hall; upstairs\r\n"
                      "Ana,-0.05,\r\n")
    # What we write, we read back, whichever the delimiter.
    assert [r[2] for r in read_rows(semicolons.encode())] == [r[2] for r in read_rows(commas.encode())]
