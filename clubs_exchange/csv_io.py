"""The project's one way in and out of CSV: downloads Excel opens right, uploads read whatever Excel saved.

Writing: UTF-8 with a BOM, the office's delimiter, no formulas, dates in the city's zone. Excel in a
German-speaking office splits columns at ";" (the list separator of its locale, where "," is the decimal comma):
CSV_DELIMITER is ";" by default and may be set to ","; amounts carry the decimal mark of the reader's language
(a comma in German, Romanian, French; a point in English, and in a "," file always), dates stay ISO.

Reading: bytes in; UTF-8 with or without BOM, else Windows-1252 / Latin-1 (what older Excel saves); UTF-16 and
binary files (a workbook, an image) refused with a message that says what to do; the delimiter found among ";",
"," and tab; any line ending (CR alone from old Mac Excel too). A problem with the whole file is a `CsvError`
(a DomainError: routes show it beside the upload field); a problem in one cell is a `CsvProblem` the importer
collects, read as "Row 3, “date_of_birth”: …" wherever it is shown.
"""

import codecs
import csv
import enum
import io
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from babel import Locale
from babel.numbers import get_decimal_symbol
from flask import Response, current_app, has_app_context
from flask_babel import get_locale
from flask_babel import gettext as _

from clubs_exchange import clock
from clubs_exchange.errors import DomainError

DELIMITERS = (";", ",")
BOM = "\ufeff"
# A cell starting with one of these is read as a formula by Excel, LibreOffice and Google Sheets.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

log = logging.getLogger(__name__)


# --- writing -----------------------------------------------------------------------------------------------------


def delimiter() -> str:
    configured = current_app.config.get("CSV_DELIMITER", ";") if has_app_context() else ";"
    if configured not in DELIMITERS:
        log.warning("CSV_DELIMITER %r is neither ';' nor ','; using ';'", configured)
        return ";"
    return configured


def neutralise(text: str) -> str:
    """Text that would start a formula is prefixed with an apostrophe, so it is shown, never run."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def cell(value) -> str | int:
    """One value as a cell: numbers as numbers, times in the city's zone, choices in words, text made safe.

    Dates and times stay ISO (2027-01-03 14:00) in every language: every spreadsheet reads them as dates, sorts
    them right, and none misreads 03/01 as 1 March."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, int):
        return value
    if isinstance(value, datetime):
        return clock.local(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return neutralise(str(getattr(value, "label", value.value)))
    return neutralise(str(value))


class Amount(int):
    """Cents, written as a plain decimal amount (no grouping, no currency: a spreadsheet reads it as a number) with
    the reader's decimal mark: a comma in German, Romanian and French, a point in English; never the delimiter."""


def amount(cents: int | None) -> Amount:
    return Amount(cents or 0)


def _amount_text(cents: int, mark: str) -> str:
    sign = "-" if cents < 0 else ""
    whole, rest = divmod(abs(cents), 100)
    return f"{sign}{whole}{mark}{rest:02d}"


class _Echo:
    """csv.writer writes to this and gets the line back: rows become text one at a time."""

    def write(self, text: str) -> str:
        return text


def decimal_mark(sep: str) -> str:
    """The decimal mark of the reader's language (Babel), unless it is the delimiter: then a point."""
    locale = get_locale() or Locale.parse(current_app.config["BABEL_DEFAULT_LOCALE"] if has_app_context() else "en")
    mark = get_decimal_symbol(locale)
    return "." if mark == sep else mark


def csv_text(header: Iterable, rows: Iterable[Iterable], *, sep: str | None = None) -> Iterable[str]:
    """The file's text, line by line, starting with the byte order mark."""
    sep = sep or delimiter()
    mark = decimal_mark(sep)
    writer = csv.writer(_Echo(), delimiter=sep, lineterminator="\r\n")
    yield BOM + writer.writerow([neutralise(str(h)) for h in header])
    for row in rows:
        yield writer.writerow(
            [_amount_text(v, mark) if isinstance(v, Amount) else cell(v) for v in row]
        )


def csv_response(name: str, header: Iterable, rows: Iterable[Iterable], *, dated: bool = True) -> Response:
    """A download named <name>-<today>.csv (or <name>.csv); the rows are read before the answer starts."""
    body = "".join(csv_text(header, rows)).encode("utf-8")
    filename = f"{name}-{clock.today().isoformat()}.csv" if dated else f"{name}.csv"
    # A text/* mimetype gets "; charset=utf-8" from Werkzeug.
    response = Response(body, mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response


# --- reading -----------------------------------------------------------------------------------------------------

MAX_BYTES = 2_000_000
READ_DELIMITERS = (";", "\t", ",")  # in this order where a header holds as many of each
# Bytes a file starts with that say what it is: none of them is text.
WORKBOOKS = (b"PK\x03\x04", b"PK\x05\x06", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")  # xlsx/ods (zip), xls
OTHER_BINARIES = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"%PDF", b"\x1f\x8b", b"BM", b"RIFF", b"\x7fELF")
UTF16_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# Text holds none of these; a binary file decoded as Windows-1252 or Latin-1 does.
CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


class CsvError(DomainError):
    """The file as a whole cannot be read (encoding, not text, too large, empty): nothing in it is looked at."""

    def __init__(self, message: str, field: str | None = "file"):
        super().__init__(message, field)


@dataclass(frozen=True)
class CsvProblem:
    """One cell or row that is wrong: rows as a spreadsheet numbers them (the header is row 1)."""

    row: int
    column: str  # as the file's header names it; "" for the row as a whole
    message: str

    def __str__(self) -> str:
        if self.column:
            return _("Row %(row)s, “%(column)s”: %(message)s", row=self.row, column=self.column,
                     message=self.message)
        return _("Row %(row)s: %(message)s", row=self.row, message=self.message)


@dataclass(frozen=True)
class Table:
    header: list[str]  # the first row's names, trimmed and in lower case
    rows: list[tuple[int, list[str]]]  # (row number, trimmed cells); empty rows left out


def _save_as_utf8() -> str:
    return _("In the spreadsheet program choose “Save as” and the file type “CSV UTF-8”, then upload that file.")


def _refuse_binary(data: bytes) -> None:
    if data.startswith(WORKBOOKS):
        raise CsvError(_("This is a spreadsheet workbook (.xlsx, .xls or .ods), not a CSV file.") + " "
                       + _save_as_utf8())
    if data.startswith(OTHER_BINARIES):
        raise CsvError(_("This file is not text (an image, a PDF or an archive?), so not a CSV file.") + " "
                       + _save_as_utf8())


def _looks_utf16(data: bytes) -> bool:
    """Text in UTF-16 without a BOM has a NUL beside nearly every Latin letter."""
    sample = data[:2000]
    even, odd = sample[0::2], sample[1::2]
    return max(even.count(0), odd.count(0)) > 0.3 * max(len(odd), 1)


# Characters that a Central European file (Windows-1250: Romanian, Polish, Czech ...) turns into when it is read
# as Western (Windows-1252): "Ştefan Ţurcanu" becomes "ªtefan Þurcanu", "Wałęsa" "Wa³êsa". Inside a word they
# are the mark of the wrong code page. The few Western-only letters a 1250 reading makes of a Western file
# (ŕ from à, ĺ from å) mark it the other way.
_WRONG_AS_1252 = frozenset("ªº³¹¿¾¼½£¥ÞþŸ¦¬±ãÃ")
_WRONG_AS_1250 = frozenset("ŕŔĺĹ˘˛˙˝¤")
# Windows-1250 writes Romanian's ș ț with a cedilla (ş ţ), as typewriters did; Romanian spells them with a
# comma below. In a Central European file ş and ţ are Romanian (Turkish files are Windows-1254).
_ROMANIAN_COMMA = str.maketrans("şţŞŢ", "șțȘȚ")


def _misread(text: str, wrong: frozenset[str]) -> int:
    """How many characters of `wrong` stand beside a letter: the code page the text was read with is not its own."""
    return sum(1 for i, c in enumerate(text) if c in wrong and (
        (i > 0 and text[i - 1].isalpha()) or (i + 1 < len(text) and text[i + 1].isalpha())))


def _decode_windows(data: bytes) -> str:
    """Text that is not UTF-8: Windows-1252 (Western) or Windows-1250 (Central European), whichever reads as
    words; Latin-1 (which reads every byte) where neither can."""
    candidates: dict[str, str] = {}
    for codec in ("cp1252", "cp1250"):
        try:
            candidates[codec] = data.decode(codec)
        except UnicodeDecodeError:  # five bytes each leaves undefined
            continue
    western, central = candidates.get("cp1252"), candidates.get("cp1250")
    if central is not None and (
            western is None or _misread(central, _WRONG_AS_1250) < _misread(western, _WRONG_AS_1252)):
        return central.translate(_ROMANIAN_COMMA)
    if western is not None:
        return western
    return data.decode("latin-1")


def decode(data: bytes, *, field: str | None = "file") -> str:
    """The file's text: UTF-8 (with or without BOM), else Windows-1252 or Windows-1250 (whichever reads as words),
    else Latin-1; refused if not text."""
    try:
        _refuse_binary(data)
        if data.startswith(UTF16_BOMS) or (b"\x00" in data and _looks_utf16(data)):
            raise CsvError(_("The file is saved as Unicode text (UTF-16), which cannot be read here.") + " "
                           + _save_as_utf8())
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = _decode_windows(data)
        # A stray NUL or control character (the end-of-file mark of DOS programs) is dropped; a file full of
        # them is no text at all.
        text = text.replace("\x00", "")
        cleaned, strays = CONTROLS.subn("", text)
        if strays > 2 and strays * 100 > len(text):
            raise CsvError(_("This file is not text, so not a CSV file.") + " " + _save_as_utf8())
        text = cleaned
    except CsvError as error:
        error.field = field
        raise
    return text


def _count_outside_quotes(line: str, char: str) -> int:
    count, quoted = 0, False
    for c in line:
        if c == '"':
            quoted = not quoted
        elif c == char and not quoted:
            count += 1
    return count


def detect_delimiter(text: str) -> str:
    """The delimiter the first row uses most: ";" (Excel in German), tab, or ","."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    counts = {d: _count_outside_quotes(first, d) for d in READ_DELIMITERS}
    best = max(READ_DELIMITERS, key=lambda d: counts[d])  # max keeps the first of equals
    return best if counts[best] else ","


def _records(text: str, sep: str | None) -> tuple[list[list[str]], str]:
    lines = text.splitlines(keepends=True)
    # Excel writes and reads a first line "sep=;" naming the delimiter.
    if lines and lines[0].strip().lower().startswith("sep=") and len(lines[0].strip()) == 5:
        sep = sep or lines[0].strip()[4]
        text = "".join(lines[1:])
    sep = sep or detect_delimiter(text)
    # newline="": the reader sees "\r", "\n" and "\r\n" as line ends and keeps line breaks inside quotes.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
    records: list[list[str]] = []
    try:
        for record in reader:
            records.append(record)
    except csv.Error as error:
        log.info("CSV not readable at record %s: %s", len(records) + 1, error)
        raise CsvError(_("Row %(row)s cannot be read: a cell is too long or a quotation mark is not closed.",
                         row=len(records) + 1)) from None
    # A quotation mark never closed swallows the rest of the file into one cell: the reader does not say so.
    if records and text.count('"') % 2 and any("\n" in c or "\r" in c for c in records[-1]):
        raise CsvError(_("Row %(row)s: a quotation mark opens a cell that is never closed.", row=len(records)))
    return records, sep


def read_rows(data: bytes | str, *, delimiter: str | None = None) -> list[list[str]]:
    """Every row of a CSV, the header too, cells as written: for a test reading a download, or a script."""
    text = decode(data) if isinstance(data, bytes) else data.removeprefix(BOM)
    return _records(text, delimiter)[0]


def header_problems(header: list[str], columns: list[str], required: str = "name") -> list[CsvProblem]:
    """What is wrong with an import's header row: the required column missing, columns the import does not know."""
    problems = []
    unknown = [h for h in header if h and h not in columns]
    if required not in header:
        problems.append(CsvProblem(1, required, _("The column “%(column)s” is missing from the first row.",
                                                  column=required)))
    if unknown:
        problems.append(CsvProblem(1, ", ".join(unknown), _("Unknown column: use the columns listed on this page.")))
    return problems


def row_values(number: int, cells: list[str], header: list[str]) -> tuple[dict[str, str], CsvProblem | None]:
    """A row's cells by the header's names; a problem instead when the row has more filled cells than the header."""
    if len(cells) > len(header) and any(cells[len(header):]):
        return {}, CsvProblem(number, "", _("This row has %(n)s cells, the header %(m)s.", n=len(cells),
                                            m=len(header)))
    return {h: c for h, c in zip(header, cells, strict=False) if h}, None


def read_table(data: bytes | str, *, max_bytes: int = MAX_BYTES, max_rows: int | None = None,
               field: str | None = "file") -> Table:
    """An uploaded CSV as its header and its non-empty rows; a file that cannot be read raises CsvError."""
    try:
        if isinstance(data, str):
            data = data.encode("utf-8")
        if len(data) > max_bytes:
            raise CsvError(_("The file is larger than %(size)s kB; split it and import the parts one by one.",
                             size=max_bytes // 1000))
        text = decode(data)
        if not text.strip():
            raise CsvError(_("The file is empty."))
        records, _sep = _records(text, None)
        numbered = [(number, [c.strip() for c in cells]) for number, cells in enumerate(records, start=1)]
        numbered = [(number, cells) for number, cells in numbered if any(cells)]
        if not numbered:
            raise CsvError(_("The file is empty."))
        header = [h.lower() for h in numbered[0][1]]
        rows = numbered[1:]
        if max_rows is not None and len(rows) > max_rows:
            raise CsvError(_("The file holds %(count)s rows, at most %(max)s can be imported at a time.",
                             count=len(rows), max=max_rows))
    except CsvError as error:
        error.field = field
        raise
    return Table(header, rows)
