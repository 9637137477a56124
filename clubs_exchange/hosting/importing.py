"""A guest list from a CSV file the partner sends: its columns, and every row checked before anything is saved."""

from datetime import date, datetime

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from clubs_exchange.csv_io import MAX_BYTES, CsvError, CsvProblem, csv_text, header_problems, read_table, row_values
from clubs_exchange.hosting.guests import GuestDetails
from clubs_exchange.hosting.models import split_list

# (column, what it holds): shown on the import page and used as the sample file's header.
COLUMNS = [
    ("name", _l("Full name (required; unique in the file)")),
    ("date_of_birth", _l("YYYY-MM-DD or DD.MM.YYYY; give this or the age")),
    ("age", _l("Age in years, if no date of birth is given")),
    ("gender", _l("Optional, if the group wishes to state it for rooming")),
    ("languages", _l("Languages spoken, separated by ; (e.g. French; English)")),
    ("dietary_needs", _l("e.g. vegetarian, halal; empty if none")),
    ("allergies", _l("Allergies in words; empty if none")),
    ("pet_allergy", _l("yes or no (empty: no)")),
    ("accessibility_needs", _l("e.g. wheelchair, no stairs; empty if none")),
    ("parental_consent", _l("yes or no: for minors, whether a parent's consent to the stay is recorded")),
    ("wishes_with", _l("Names of other guests to be placed with, separated by ;")),
    ("notes", _l("Anything else")),
]
COLUMN_NAMES = [name for name, _help in COLUMNS]
LENGTHS = {"name": 120, "gender": 40, "languages": 200, "dietary_needs": 200, "allergies": 200,
           "accessibility_needs": 200, "wishes_with": 300, "notes": 2000}
YES = {"yes", "y", "ja", "j", "oui", "true", "1", "x"}
NO = {"no", "n", "nein", "non", "false", "0", ""}
MAX_ROWS = 500

SAMPLE_ROWS = [
    ["Camille Martin", "1984-03-02", "", "female", "French; English", "vegetarian", "", "no", "", "", "Lucie Martin",
     ""],
    ["Lucie Martin", "2012-07-19", "", "female", "French", "", "cats", "yes", "", "yes", "Camille Martin", ""],
    ["Hugo Bernard", "", "67", "male", "French; German", "", "", "no", "no stairs", "", "", "arrives by car"],
]


def sample_csv() -> str:
    """The sample file, as the office's spreadsheet program opens it."""
    return "".join(csv_text(COLUMN_NAMES, SAMPLE_ROWS))


def _date(value: str) -> date:
    for fmt in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return datetime.strptime(value, fmt).date()  # noqa: DTZ007 (a date only)
        except ValueError:
            pass
    raise ValueError


def parse_guest_csv(data: bytes | str, *, today: date, existing_names: set[str] = frozenset()) -> tuple[
    list[GuestDetails], list[CsvProblem]
]:
    """Every row as GuestDetails, or every problem found (row, column, message): the caller saves nothing then.

    A file that cannot be read at all (not text, UTF-16, too large, empty) raises CsvError.
    """
    table = read_table(data, max_bytes=MAX_BYTES, max_rows=MAX_ROWS)
    header = table.header
    errors: list[CsvProblem] = header_problems(header, COLUMN_NAMES)
    if errors:
        return [], errors
    if not table.rows:
        raise CsvError(_("The file holds no guest: there is no row below the header."))

    guests: list[GuestDetails] = []
    rows_by_name: dict[str, int] = {}
    wishes: list[tuple[int, list[str]]] = []
    for number, cells in table.rows:
        values, too_long = row_values(number, cells, header)
        if too_long is not None:
            errors.append(too_long)
            continue
        row_errors: list[CsvProblem] = []

        def error(column: str, message: str, number=number, row_errors=row_errors) -> None:
            row_errors.append(CsvProblem(number, column, message))

        for column, limit in LENGTHS.items():
            if len(values.get(column, "")) > limit:
                error(column, _("At most %(n)s characters.", n=limit))
        name = values.get("name", "")
        if not name:
            error("name", _("A name is required."))
        elif name.casefold() in rows_by_name:
            error("name", _("The same name is in row %(row)s: names must be unique to name companions.",
                            row=rows_by_name[name.casefold()]))
        elif name.casefold() in existing_names:
            error("name", _("A guest of this name is on the list already."))
        born = None
        if values.get("date_of_birth"):
            try:
                born = _date(values["date_of_birth"])
            except ValueError:
                error("date_of_birth", _("“%(value)s” is not a date: write YYYY-MM-DD or DD.MM.YYYY.",
                                         value=values["date_of_birth"]))
            else:
                if born > today:
                    error("date_of_birth", _("The date of birth lies in the future."))
        age = None
        if values.get("age"):
            try:
                age = int(values["age"])
                if not 0 <= age <= 120:
                    raise ValueError
            except ValueError:
                error("age", _("“%(value)s” is not an age: a whole number from 0 to 120.", value=values["age"]))
        if born is None and age is None and not any(e.column in ("date_of_birth", "age") for e in row_errors):
            error("date_of_birth", _("Give a date of birth or an age."))
        flags = {}
        for column in ("pet_allergy", "parental_consent"):
            value = values.get(column, "").lower()
            if value in YES:
                flags[column] = True
            elif value in NO:
                flags[column] = False
            else:
                error(column, _("“%(value)s”: write yes or no.", value=values[column]))
        if name:
            rows_by_name.setdefault(name.casefold(), number)
        if row_errors:
            errors += row_errors
            continue
        guests.append(GuestDetails(
            name=name, date_of_birth=born, age=age, gender=values.get("gender", ""),
            languages=", ".join(split_list(values.get("languages", ""))),
            dietary_needs=values.get("dietary_needs", ""), allergies=values.get("allergies", ""),
            pet_allergy=flags["pet_allergy"], accessibility_needs=values.get("accessibility_needs", ""),
            wishes_with=", ".join(split_list(values.get("wishes_with", ""))),
            parental_consent=flags["parental_consent"], notes=values.get("notes", ""),
        ))
        wishes.append((number, split_list(values.get("wishes_with", ""))))
    known = set(rows_by_name) | set(existing_names)
    for number, names in wishes:
        missing = [n for n in names if n.casefold() not in known]
        if missing:
            errors.append(CsvProblem(number, "wishes_with", _("No guest called %(names)s in this file or on the list.",
                                                            names=", ".join(f"“{n}”" for n in missing))))
    errors.sort(key=lambda e: (e.row, COLUMN_NAMES.index(e.column) if e.column in COLUMN_NAMES else -1))
    return ([] if errors else guests), errors
