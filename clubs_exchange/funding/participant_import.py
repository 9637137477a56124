"""A delegation's participant list from a CSV file (the shared csv_io module): its columns, and every row checked
before anything is saved, reported as the guest import reports (csv_io.CsvProblem)."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from clubs_exchange.csv_io import MAX_BYTES, CsvError, CsvProblem, csv_text, header_problems, read_table, row_values
from clubs_exchange.funding.models import ParticipantRole
from clubs_exchange.funding.participants import ParticipantDetails, clean
from clubs_exchange.hosting.importing import NO, YES

COLUMNS = [
    ("name", _l("Full name (required)")),
    ("residence", _l("Place of residence")),
    ("organisation", _l("Organisation or school")),
    ("birth_year", _l("Year of birth, four digits (e.g. 2009)")),
    ("role", _l("participant, leader or other (interpreter, driver …); empty: participant")),
    ("invited", _l("yes or no: travels in from another country; empty: as the delegation travels (a partner "
                   "town’s to a meeting here, ours on a trip)")),
]
COLUMN_NAMES = [name for name, _help in COLUMNS]
LENGTHS = {"name": 120, "residence": 120, "organisation": 200}
MAX_ROWS = 500

# What people write in the role column, in the four languages of the app (and the stored values).
ROLE_WORDS = {
    ParticipantRole.PARTICIPANT: {"participant", "teilnehmer", "teilnehmerin", "teilnehmende", "participante",
                                  "participantă", "participanta", "tn"},
    ParticipantRole.LEADER: {"leader", "betreuer", "betreuerin", "betreuungsperson", "leiter", "leiterin",
                             "gruppenleiter", "gruppenleiterin", "accompagnateur", "accompagnatrice",
                             "responsable", "însoțitor", "însoțitoare", "insotitor", "lider", "conducător"},
    ParticipantRole.OTHER: {"other", "sonstige", "sonstiges", "andere", "autre", "altul", "altă", "alta",
                            "interpreter", "dolmetscher", "dolmetscherin", "interprète", "interpret", "driver",
                            "fahrer", "fahrerin", "chauffeur", "șofer", "sofer"},
}

SAMPLE_ROWS = [
    ["Anna Beispiel", "Home City", "Kammerchor St. Marien", 2008, "participant", "no"],
    ["Ben Muster", "Home City", "Goethe-Gymnasium", 2009, "participant", "no"],
    ["Carla Leitner", "Home City", "Kammerchor St. Marien", 1979, "leader", "no"],
]


def sample_csv() -> str:
    return "".join(csv_text(COLUMN_NAMES, SAMPLE_ROWS))


def role_of(value: str) -> ParticipantRole | None:
    word = value.strip().casefold()
    if not word:
        return ParticipantRole.PARTICIPANT
    return next((role for role, words in ROLE_WORDS.items() if word in words), None)


def parse_participant_csv(data: bytes | str, *, partner_city_id: int | None, this_year: int,
                          invited: bool | None = None) -> tuple[
    list[ParticipantDetails], list[CsvProblem]
]:
    """Every row as ParticipantDetails of the delegation, or every problem found: the caller saves nothing then.
    `invited`: what an empty cell means (participants.travels_in; None: a partner town's delegation is invited).
    A file that cannot be read at all raises CsvError."""
    by_default = (partner_city_id is not None) if invited is None else invited
    table = read_table(data, max_bytes=MAX_BYTES, max_rows=MAX_ROWS)
    header = table.header
    errors: list[CsvProblem] = header_problems(header, COLUMN_NAMES)
    if errors:
        return [], errors
    if not table.rows:
        raise CsvError(_("The file holds no participant: there is no row below the header."))

    people: list[ParticipantDetails] = []
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
        if not clean(values.get("name")):
            error("name", _("A name is required."))
        born = None
        if values.get("birth_year"):
            text = values["birth_year"]
            if not (text.isascii() and text.isdigit() and len(text) == 4):
                error("birth_year", _("“%(value)s” is not a year of birth: four digits, e.g. 2009.", value=text))
            elif not 1900 <= int(text) <= this_year:
                error("birth_year", _("A year of birth from 1900 to %(year)s.", year=this_year))
            else:
                born = int(text)
        role = role_of(values.get("role", ""))
        if role is None:
            error("role", _("“%(value)s”: write participant, leader or other.", value=values["role"]))
        travels = by_default
        answer = values.get("invited", "").strip().lower()
        if answer:
            if answer in YES:
                travels = True
            elif answer in NO:
                travels = False
            else:
                error("invited", _("“%(value)s”: write yes or no.", value=values["invited"]))
        if row_errors:
            errors += row_errors
            continue
        people.append(ParticipantDetails(
            name=values["name"], residence=values.get("residence", ""),
            organisation_name=values.get("organisation", ""), birth_year=born, role=role, invited=travels,
            partner_city_id=partner_city_id))
    errors.sort(key=lambda e: (e.row, COLUMN_NAMES.index(e.column) if e.column in COLUMN_NAMES else -1))
    return ([] if errors else people), errors
