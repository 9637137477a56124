"""A CSV list imported through a page (the guest list, a participant list): the uploaded file or the pasted text,
read by the area's parser, all rows or none. csv_io reads and checks the file; this is the page's part of it,
the same for every importer: where a problem of the whole file is shown, the count of problems in its rows
("nothing was imported"), the file put back into the text box to be corrected there, unless it is too long."""

from collections.abc import Callable
from typing import Any

from flask_babel import ngettext

from clubs_exchange.csv_io import MAX_BYTES, CsvError, CsvProblem, decode
from clubs_exchange.errors import DomainError, show_at_field

# A file longer than this is not put back into the page's text box to be corrected there.
EDITABLE_CHARS = 60_000


def read_import(form, parse: Callable[[bytes | str], tuple[list[Any], list[CsvProblem]]]
                ) -> tuple[list[Any] | None, list[CsvProblem]]:
    """Read the form's upload (`file`), else its pasted text (`text`), with `parse` (data → rows, problems).
    Returns (rows, []) when every row is good, for the caller to save; else (None, problems), with the messages
    beside the field the data came from: a problem of the whole file (CsvError), a refusal of `parse` (a
    DomainError beside its own field), or how many rows have problems. An uploaded file with problems is put in
    the text box, to be corrected there (see keep_editable)."""
    upload = form.file.data
    from_file = bool(upload and upload.filename)
    field = "file" if from_file else "text"
    data = upload.read(MAX_BYTES + 1) if from_file else (form.text.data or "")
    try:
        rows, problems = parse(data)
    except CsvError as error:
        error.field = field
        show_at_field(form, error)
        return None, []
    except DomainError as error:
        show_at_field(form, error)
        return None, []
    if not problems:
        return rows, []
    if from_file:
        # What the person sent stays on the page to be corrected, whichever way it came.
        form.text.data = decode(data)
    show_at_field(form, DomainError(ngettext("%(num)d problem found; nothing was imported.",
                                             "%(num)d problems found; nothing was imported.", len(problems)), field))
    return None, problems


def keep_editable(form) -> bool:
    """A long file is corrected in the spreadsheet program, not sent back whole into the page: the text box is
    emptied. True when it was (the page says why)."""
    too_long = len(form.text.data or "") > EDITABLE_CHARS
    if too_long:
        form.text.data = ""
    return too_long
