"""The funding terms in words: the kinds, day countings and roundings, and each term's label (forms, pages, trail)."""

from flask_babel import lazy_gettext as _l

from clubs_exchange.funding.terms import AmountKind, DayCounting, Direction, Rounding

KIND_LABELS = {
    AmountKind.PER_PARTICIPANT_DAY: _l("Per participant and day"),
    AmountKind.PER_PERSON: _l("Per person"),
    AmountKind.GROUP_FLAT: _l("Flat amount per group"),
    AmountKind.LUMP_SUM_BY_BAND: _l("Lump sum by number of participants"),
    AmountKind.TRAVEL_SHARE: _l("Share of the travel cost"),
    AmountKind.BY_DISTANCE_BAND: _l("Per person by distance"),
}
DIRECTION_LABELS = {
    Direction.INCOMING: _l("Guests come to us"),
    Direction.OUTGOING: _l("We travel to the partner city"),
}
DAY_COUNTING_LABELS = {
    DayCounting.EACH_TRAVEL_DAY: _l("Arrival and departure day each count"),
    DayCounting.TRAVEL_DAYS_AS_ONE: _l("Arrival and departure day together count as one"),
    DayCounting.FULL_DAYS_ONLY: _l("Full days only"),
}
ROUNDING_LABELS = {
    Rounding.CENT: _l("To the cent"),
    Rounding.EURO_DOWN: _l("Down to the whole euro"),
    Rounding.EURO_NEAREST: _l("To the nearest euro"),
}

# Each stored term's label, in the order the scheme's page and form show them.
SCHEME_FIELD_LABELS = {
    "name": _l("Name"),
    "funder": _l("Funder"),
    "kind": _l("Kind of amount"),
    "active": _l("Offered"),
    "day_counting": _l("How days count"),
    "min_days": _l("Minimum days"),
    "max_days": _l("Maximum days"),
    "min_participants": _l("Minimum group size"),
    "max_participants": _l("Participants funded at most"),
    "min_leaders": _l("Minimum leaders"),
    "leader_ratio": _l("One leader funded per this many participants"),
    "min_age": _l("Minimum age of participants"),
    "max_age": _l("Maximum age of participants"),
    "cap_per_group_cents": _l("Cap per group"),
    "cap_per_participant_cents": _l("Cap per participant"),
    "max_meetings_per_person_year": _l("Funded meetings per person and year"),
    "min_share_in_partner_city_percent": _l("Minimum share of the days in the partner city (%)"),
    "travel_share_percent": _l("Share of the travel cost (%)"),
    "full_group_size": _l("Group size for the full flat amount"),
    "min_countries": _l("Minimum number of countries"),
    "eu_member_required": _l("An EU member state among them"),
    "min_direct_participants": _l("Minimum direct participants"),
    "min_invited_international": _l("Minimum invited international participants"),
    "apply_weeks_before": _l("Apply at least this many weeks before the start"),
    "apply_months_before": _l("Apply at least this many months before the start"),
    "invited_up_to_home": _l("Guests funded only up to as many as our own participants"),
    "report_weeks_after": _l("Report due this many weeks after the end"),
    "list_retention_months": _l("Participant lists kept for months after the end"),
    "rounding": _l("Rounding"),
    "source_url": _l("Source"),
    "notes": _l("Notes"),
}


def label_of(labels: dict, value) -> str:
    """The label of a stored value ("per_person"), or the value itself for one no longer known."""
    return next((str(label) for member, label in labels.items() if member.value == value), str(value or ""))


# The audit trail shows the enum columns in words (audit/display.py SHOWN_AS).
AUDIT_SHOWN_AS = {
    ("funding_scheme", "kind"): lambda value: label_of(KIND_LABELS, value),
    ("funding_scheme", "day_counting"): lambda value: label_of(DAY_COUNTING_LABELS, value),
    ("funding_scheme", "rounding"): lambda value: label_of(ROUNDING_LABELS, value),
}
