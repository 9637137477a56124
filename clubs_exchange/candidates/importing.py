"""Importing partner candidates from a CSV as supra-local bodies publish them: all rows or none."""

import csv
import io
from dataclasses import dataclass, field

from flask_babel import gettext as _

from clubs_exchange.candidates.models import Candidate
from clubs_exchange.candidates.registry import CandidateError, save_candidate
from clubs_exchange.extensions import db
from clubs_exchange.partners.models import CityStructure

COLUMNS = ("name", "country", "population", "structure", "languages", "activities")
REQUIRED = ("name", "country")
MAX_ROWS = 2000
MAX_BYTES = 2_000_000


@dataclass
class ImportResult:
    imported: list[Candidate] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def _read(data: bytes) -> list[dict] | str:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return _("The file is not UTF-8 text; save it as CSV UTF-8 and try again.")
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    headers = [(h or "").strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in REQUIRED if c not in headers]
    if missing:
        return _("The first line must name the columns; missing: %(columns)s.", columns=", ".join(missing))
    reader.fieldnames = headers
    return list(reader)


def import_candidates(data: bytes, *, source: str = "") -> ImportResult:
    """Check every row, then save all of them; any error saves nothing. Rows are counted as in a spreadsheet."""
    result = ImportResult()
    if len(data) > MAX_BYTES:
        result.errors.append(_("The file is larger than %(size)s MB.", size=MAX_BYTES // 1_000_000))
        return result
    rows = _read(data)
    if isinstance(rows, str):
        result.errors.append(rows)
        return result
    if not rows:
        result.errors.append(_("The file holds no rows below its header."))
        return result
    if len(rows) > MAX_ROWS:
        result.errors.append(_("At most %(max)s rows at a time.", max=MAX_ROWS))
        return result
    seen: dict[tuple[str, str], int] = {}
    for line, row in enumerate(rows, start=2):
        values = {c: (row.get(c) or "").strip() for c in COLUMNS}
        key = (values["name"].lower(), values["country"].lower())
        if key in seen and all(key):
            result.errors.append(_("Row %(row)s: %(name)s (%(country)s) is in the file twice (row %(first)s).",
                                   row=line, name=values["name"], country=values["country"], first=seen[key]))
            continue
        seen[key] = line
        population = None
        if values["population"]:
            digits = values["population"].replace(",", "").replace(".", "").replace(" ", "").replace("_", "")
            if not digits.isdigit():
                result.errors.append(_("Row %(row)s: population %(value)s is not a whole number.",
                                       row=line, value=values["population"]))
                continue
            population = int(digits)
        structure = None
        if values["structure"]:
            try:
                structure = CityStructure(values["structure"].lower())
            except ValueError:
                result.errors.append(_("Row %(row)s: structure %(value)s is not one of %(known)s.",
                                       row=line, value=values["structure"],
                                       known=", ".join(s.value for s in CityStructure)))
                continue
        try:
            with db.session.no_autoflush:
                candidate = save_candidate(
                    None, name=values["name"], country=values["country"], population=population,
                    structure=structure, languages=values["languages"], activities=values["activities"],
                    source=source or _("CSV import"),
                )
        except CandidateError as error:
            result.errors.append(_("Row %(row)s: %(message)s", row=line, message=error.message))
            continue
        result.imported.append(candidate)
    if result.errors:
        for candidate in result.imported:
            db.session.expunge(candidate)
        result.imported = []
    return result
