"""The {placeholders} of an application's texts: which exist, which a text uses wrongly, and filling them in."""

import re

from flask_babel import lazy_gettext as _l

PLACEHOLDER = re.compile(r"\{([^{}\s]*)\}")

# Name → what it stands for, shown beside the texts so staff know what they can use.
PLACEHOLDERS = {
    "city": _l("the home city's name"),
    "twin_towns": _l("the twin towns named in the application"),
    "stage": _l("the distinction applied for"),
    "year": _l("the year applied for"),
    "previous_stage": _l("the distinction received before"),
    "previous_award_year": _l("the year it was received"),
    "period": _l("the period of the activity report"),
    "event_count": _l("the number of approved events in that period"),
    "participants": _l("the number of participants of those events (ours and guests)"),
    "partner_count": _l("the number of partner cities with events in that period"),
}


def unknown_placeholders(text: str) -> list[str]:
    """The placeholders the text uses that do not exist, each once, in order of appearance."""
    return list(dict.fromkeys(name for name in PLACEHOLDER.findall(text or "") if name not in PLACEHOLDERS))


def placeholder_error(text: str) -> str | None:
    """A message for a text with unknown placeholders; None when all is well."""
    unknown = unknown_placeholders(text)
    if not unknown:
        return None
    known = ", ".join("{" + name + "}" for name in PLACEHOLDERS)
    return str(
        _l("Unknown placeholder: %(unknown)s. You can use %(known)s.",
           unknown=", ".join("{" + name + "}" for name in unknown), known=known)
    )


def fill(text: str, values: dict) -> str:
    """The text with each known placeholder replaced by its value; anything else is left as written."""

    def replace(match):
        name = match.group(1)
        return str(values[name]) if name in values else match.group(0)

    return PLACEHOLDER.sub(replace, text or "")


DEFAULT_MAYOR_LETTER = (
    "To the Parliamentary Assembly of the Council of Europe,\n\n"
    "On behalf of {city}, I have the honour to submit our application for the {stage} {year}. "
    "Our twin towns {twin_towns} are the heart of our partnership work, which the enclosed activity report "
    "documents (joint events in {period}: {event_count}; participants: {participants}).\n\n"
    "Yours sincerely,\nThe Mayor of {city}"
)
DEFAULT_DOSSIER = (
    "1. Twinning, contacts and partnerships\n"
    "{city} is twinned with {twin_towns}. ...\n\n"
    "2. European events\n...\n\n"
    "3. European and international solidarity\n...\n\n"
    "4. Membership of associations of local authorities\n..."
)
DEFAULT_SUMMARY = (
    "{city} applies for the {stage} {year}. Its clubs, choirs and schools meet their counterparts in the "
    "twin towns {twin_towns} and further partner cities (joint events in {period}: {event_count}; partner "
    "cities involved: {partner_count})."
)
