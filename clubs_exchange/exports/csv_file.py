"""CSV that Excel opens right: UTF-8 with a BOM, the office's delimiter, no formulas, dates in the city's zone.

Excel in a German-speaking office splits columns at ";" (the list separator of its locale, where "," is the
decimal comma): CSV_DELIMITER is ";" by default and may be set to ","; amounts follow with a decimal comma
for ";" and a point for ",".
"""

import csv
import enum
import logging
from collections.abc import Iterable
from datetime import date, datetime

from flask import Response, current_app
from flask_babel import gettext as _

from clubs_exchange.clock import local, utcnow

DELIMITERS = (";", ",")
BOM = "\ufeff"
# A cell starting with one of these is read as a formula by Excel, LibreOffice and Google Sheets.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

log = logging.getLogger(__name__)


def delimiter() -> str:
    configured = current_app.config.get("CSV_DELIMITER", ";")
    if configured not in DELIMITERS:
        log.warning("CSV_DELIMITER %r is neither ';' nor ','; using ';'", configured)
        return ";"
    return configured


def neutralise(text: str) -> str:
    """Text that would start a formula is prefixed with an apostrophe, so it is shown, never run."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def cell(value) -> str | int:
    """One value as a cell: numbers as numbers, times in the city's zone, choices in words, text made safe."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, int):
        return value
    if isinstance(value, datetime):
        return local(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return neutralise(str(getattr(value, "label", value.value)))
    return neutralise(str(value))


class Amount(int):
    """Cents, written as a decimal amount with the decimal mark Excel expects next to the delimiter."""


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


def csv_text(header: list[str], rows: Iterable[Iterable]) -> Iterable[str]:
    """The file's text, line by line, starting with the byte order mark."""
    sep = delimiter()
    mark = "," if sep == ";" else "."
    writer = csv.writer(_Echo(), delimiter=sep, lineterminator="\r\n")
    yield BOM + writer.writerow([neutralise(str(h)) for h in header])
    for row in rows:
        yield writer.writerow(
            [_amount_text(v, mark) if isinstance(v, Amount) else cell(v) for v in row]
        )


def csv_response(name: str, header: list[str], rows: Iterable[Iterable]) -> Response:
    """A download named <name>-<date>.csv; the rows are read from the database before the answer starts."""
    body = "".join(csv_text(header, rows)).encode("utf-8")
    filename = f"{name}-{local(utcnow()).date().isoformat()}.csv"
    # A text/* mimetype gets "; charset=utf-8" from Werkzeug.
    response = Response(body, mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response
