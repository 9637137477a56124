"""Importing partner candidates from a CSV as supra-local bodies publish them: all rows or none."""

from dataclasses import dataclass, field

from flask_babel import gettext as _

from clubs_exchange.candidates.models import Candidate
from clubs_exchange.candidates.registry import CandidateError, save_candidate
from clubs_exchange.csv_io import MAX_BYTES, CsvError, CsvProblem, read_table
from clubs_exchange.extensions import db
from clubs_exchange.partners.models import CityStructure

COLUMNS = ("name", "country", "population", "structure", "languages", "activities")
REQUIRED = ("name", "country")
MAX_ROWS = 2000


@dataclass
class ImportResult:
    imported: list[Candidate] = field(default_factory=list)
    errors: list[CsvProblem] = field(default_factory=list)


def import_candidates(data: bytes, *, source: str = "") -> ImportResult:
    """Check every row, then save all of them; any problem saves nothing. Rows are counted as in a spreadsheet.

    A file that cannot be read (not text, UTF-16, too large, no rows) raises CsvError.
    """
    table = read_table(data, max_bytes=MAX_BYTES, max_rows=MAX_ROWS)
    result = ImportResult()
    missing = [c for c in REQUIRED if c not in table.header]
    if missing:
        result.errors += [CsvProblem(1, c, _("This column is missing: the first row must name the columns."))
                          for c in missing]
        return result
    if not table.rows:
        raise CsvError(_("The file holds no rows below its header."))
    seen: dict[tuple[str, str], int] = {}
    for line, cells in table.rows:
        row = dict(zip(table.header, cells, strict=False))
        values = {c: row.get(c, "") for c in COLUMNS}
        key = (values["name"].lower(), values["country"].lower())
        if key in seen and all(key):
            result.errors.append(CsvProblem(line, "name", _(
                "%(name)s (%(country)s) is in the file twice (row %(first)s).",
                name=values["name"], country=values["country"], first=seen[key])))
            continue
        seen[key] = line
        population = None
        if values["population"]:
            digits = values["population"].replace(",", "").replace(".", "").replace(" ", "").replace("_", "")
            if not digits.isdigit():
                result.errors.append(CsvProblem(line, "population", _(
                    "“%(value)s” is not a whole number.", value=values["population"])))
                continue
            population = int(digits)
        structure = None
        if values["structure"]:
            try:
                structure = CityStructure(values["structure"].lower())
            except ValueError:
                result.errors.append(CsvProblem(line, "structure", _(
                    "“%(value)s” is not one of %(known)s.", value=values["structure"],
                    known=", ".join(s.value for s in CityStructure))))
                continue
        try:
            with db.session.no_autoflush:
                candidate = save_candidate(
                    None, name=values["name"], country=values["country"], population=population,
                    structure=structure, languages=values["languages"], activities=values["activities"],
                    source=source or _("CSV import"),
                )
        except CandidateError as error:
            column = error.field if error.field in COLUMNS else ""
            result.errors.append(CsvProblem(line, column, error.message))
            continue
        result.imported.append(candidate)
    if result.errors:
        for candidate in result.imported:
            db.session.expunge(candidate)
        result.imported = []
    return result
