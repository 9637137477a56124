"""How entries read on a page and in a CSV: field names, values in words, ids as names, dates in the city's zone."""

import re
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from flask import url_for
from flask_babel import format_datetime
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.routing import BuildError

from clubs_exchange.audit.models import AuditEntry
from clubs_exchange.audit.trail import BY_NAME, Subject
from clubs_exchange.clock import local
from clubs_exchange.db import UTCDateTime
from clubs_exchange.extensions import db
from clubs_exchange.funding.application_labels import APPLICATION_FIELD_LABELS, APPLICATION_SHOWN_AS
from clubs_exchange.funding.labels import AUDIT_SHOWN_AS, SCHEME_FIELD_LABELS
from clubs_exchange.organisations.models import AgeGroup
from clubs_exchange.templating import money

FIELD_LABELS = {
    "title": _l("Title"),
    # A translation of a proposal's or partner city's text (localised/): which text, by whom.
    "field": _l("Translated text"),
    "written_by_id": _l("Written by"),
    "description_language": _l("Language of the description"),
    "name": _l("Name"),
    "kind": _l("Kind"),
    "state": _l("State"),
    "status": _l("Status"),
    "partner_city_id": _l("Partner city"),
    "organisation_id": _l("Organisation"),
    "user_id": _l("Person"),
    "direction": _l("Direction"),
    "starts_at": _l("Starts"),
    "ends_at": _l("Ends"),
    "venue": _l("Venue"),
    "public": _l("In the public calendar"),
    "participants_ours": _l("Participants from our city"),
    "participants_guests": _l("Guests"),
    "guests_needing_host": _l("Guests who need a private host"),
    "budget_cents": _l("Requested budget"),
    "description": _l("Description"),
    "created_by_id": _l("Created by"),
    "submitted_at": _l("Submitted"),
    "co_organisers": _l("Co-organisers"),
    "country": _l("Country"),
    "relationship_level": _l("Relationship"),
    "languages": _l("Languages"),
    "email": _l("E-mail"),
    "role": _l("Role"),
    "active": _l("Active"),
    "function": _l("Function"),
    "verified_at": _l("Verified"),
    "verified_by_id": _l("Verified by"),
    "is_open": _l("Open"),
    # Organisations and their exchange interests
    "discipline": _l("Discipline or subject"),
    "member_count": _l("Number of members or pupils"),
    "age_groups": _l("Age groups"),
    "contact_name": _l("Contact person"),
    "phone": _l("Phone"),
    "activity": _l("Activity"),
    "group_size": _l("Group size"),
    "age_group": _l("Age group"),
    "period_from": _l("Preferred period from"),
    "period_to": _l("Preferred period to"),
    "beds_offered": _l("Beds offered"),
    "notes": _l("Notes"),
    # Partner cities, their contacts and milestones, the agreement, candidates and their ties
    "region": _l("Region"),
    "population": _l("Population"),
    "structure": _l("Structure"),
    "friendship_until": _l("Friendship until"),
    "friendship_project": _l("Friendship project"),
    "activities": _l("Club activities"),
    "website": _l("Website"),
    "image_filename": _l("Coat of arms or photo"),
    "image_type": _l("Image format"),
    "language": _l("Language"),
    "happened_on": _l("Date"),
    "place": _l("Place"),
    "people": _l("People"),
    "signatories": _l("Signatories"),
    "recorded_by_id": _l("Recorded by"),
    "recorded_at": _l("Recorded"),
    "text": _l("Text"),
    "updated_by_id": _l("Changed by"),
    "source": _l("Published by"),
    "candidate_id": _l("Partner candidate"),
    "ours": _l("Who (here)"),
    "theirs": _l("With whom (there)"),
    "since": _l("Since"),
    "strength": _l("Strength"),
    "created_at": _l("Created"),
    # Award applications and the criteria events are tagged with
    "stage": _l("Distinction applied for"),
    "year": _l("Year"),
    # A funding scheme's budget of a year
    "amount_cents": _l("Budget"),
    "previous_award_year": _l("Year of the previous award"),
    "period_start": _l("Activity report from"),
    "period_end": _l("Activity report until"),
    "mayor_letter": _l("Mayor's letter"),
    "dossier": _l("Dossier"),
    "summary": _l("Summary"),
    "decided_at": _l("Decided"),
    "twin_towns": _l("Twin towns"),
    "criterion": _l("Criterion"),
    "tagged_by_id": _l("Tagged by"),
    "tagged_at": _l("Tagged"),
    # Hosting: households, guests, placements (no personal data of guests, see audit/subjects.py)
    "beds": _l("Beds"),
    "has_pets": _l("Pets in the household"),
    "smoke_free": _l("Smoke-free home"),
    "takes_minors": _l("Can take minors"),
    "caters_dietary": _l("Can cater for dietary needs"),
    "accessible": _l("Accessible home"),
    "proposed_by_id": _l("Proposed by"),
    "consent_on": _l("Date of consent"),
    "proposal_id": _l("Proposal"),
    "is_minor": _l("Minor"),
    "pet_allergy": _l("Allergic to pets"),
    "parental_consent": _l("Parental consent"),
    "guest_id": _l("Guest"),
    "household_id": _l("Household"),
}
# A funding scheme's terms, as its own page names them; a label above wins where a key is shared (name, notes).
for _key, _label in {**SCHEME_FIELD_LABELS, **APPLICATION_FIELD_LABELS}.items():
    FIELD_LABELS.setdefault(_key, _label)


def field_label(key: str) -> str:
    """Every field audited today has its label (tests/test_audit_labels.py); the humanised key is only for entries
    of a field no longer audited."""
    return str(FIELD_LABELS.get(key) or key.removesuffix("_id").replace("_", " ").capitalize())


@dataclass(frozen=True)
class Change:
    field: str
    before: str
    after: str


@dataclass(frozen=True)
class Line:
    """An entry as it reads: what object, which action, the changes in words."""

    entry: AuditEntry
    kind: str
    url: str | None
    changes: list[Change]
    actor: str = ""
    label: str = ""


def _names_for(entries) -> dict:
    """(model, id) -> name for every id the entries mention: one query for all kinds of object referred to."""
    wanted: dict[type, set] = {}
    for entry in entries:
        subject = BY_NAME.get(entry.object_type)
        if subject is None:
            continue
        for key, target in subject.references.items():
            for value in (entry.changes or {}).get(key, ()):
                if isinstance(value, int) and _name_column(target) is not None:
                    wanted.setdefault(target, set()).add(value)
    if not wanted:
        return {}
    targets = list(wanted)
    parts = [
        sa.select(sa.literal(n).label("target"), t.id.label("id"), _name_column(t).label("name")).where(
            t.id.in_(wanted[t])
        )
        for n, t in enumerate(targets)
    ]
    query = parts[0] if len(parts) == 1 else sa.union_all(*parts)
    return {(targets[n], ident): name for n, ident, name in db.session.execute(query)}


def _name_column(target):
    """What names an object of the target model, or None: a host household has no name of its own, and the
    trail shows no contact details of households, so it is shown by its number."""
    column = getattr(target, "name", None) or getattr(target, "title", None)
    return None if column is None else sa.cast(column, sa.String)


def _enum_list(enum_class):
    """A text column holding several values of an enum, comma-separated: their labels."""
    return lambda value: ", ".join(str(enum_class(v).label) if v in enum_class._value2member_map_ else v
                                   for v in value.split(","))


# (object type, field) -> how its stored value reads, for text columns that hold codes.
SHOWN_AS = {("organisation", "age_groups"): _enum_list(AgeGroup), **AUDIT_SHOWN_AS, **APPLICATION_SHOWN_AS}


def show_value(subject: Subject | None, key: str, value, names: dict) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if subject is not None:
        if (subject.name, key) in SHOWN_AS and isinstance(value, str):
            return SHOWN_AS[(subject.name, key)](value)
        if key in subject.references:
            return names.get((subject.references[key], value), f"#{value}")
        if key.endswith("_cents") and isinstance(value, int):
            return money(value)
        column = subject.model.__table__.columns.get(key)
        enum_class = getattr(column.type, "enum_class", None) if column is not None else None
        if enum_class is not None and value in enum_class._value2member_map_:
            return str(enum_class(value).label) if hasattr(enum_class, "labels") else value
        if column is not None and isinstance(value, str) and isinstance(column.type, UTCDateTime):
            return format_datetime(local(datetime.fromisoformat(value)), "medium")
    return str(value)


# What entries written before the trail kept no names for guests, households and placements call them, in English.
OLD_NUMBERED = re.compile(r"(Household|Guest|Placement) #\d+")


def object_label(entry: AuditEntry) -> str:
    """The object's name as the trail keeps it, or "#id" for an object without one."""
    label = entry.object_label or ""
    return f"#{entry.object_id}" if not label or OLD_NUMBERED.fullmatch(label) else label


COMMAND_LINE = re.compile(r"command line \((.*)\)")


def actor_name(entry: AuditEntry) -> str:
    """Who acted, in words: a person's name as stored, or the trail's own markers for changes made by no person
    (see current_actor in audit/trail.py), which are stored in English and shown in the reader's language."""
    name = entry.actor_name or ""
    if entry.actor_id is None:
        if name == "system":
            return _("system")
        if name == "anonymous":
            return _("anonymous")
        if (command := COMMAND_LINE.fullmatch(name)) is not None:
            return _("command line (%(command)s)", command=command.group(1))
    return name


def object_url(entry: AuditEntry) -> str | None:
    subject = BY_NAME.get(entry.object_type)
    if subject is None or subject.page is None or entry.action == "deleted":
        return None
    endpoint, argument = subject.page
    try:
        return url_for(endpoint, **{argument: entry.object_id})
    except BuildError:
        return None


def kind_of(object_type: str) -> str:
    subject = BY_NAME.get(object_type)
    return str(subject.title) if subject else object_type


def lines(entries) -> list[Line]:
    """The entries in words, with the names of what they refer to looked up in one query.

    A page of entries repeats the same fields and values: each is put in words once (gettext and Babel's
    formatting cost more than everything else here)."""
    names = _names_for(entries)
    labels: dict[str, str] = {}
    shown: dict[tuple, str] = {}
    actors: dict[tuple, str] = {}

    def label(key):
        if key not in labels:
            labels[key] = field_label(key)
        return labels[key]

    def who(entry):
        key = (entry.actor_id, entry.actor_name)
        if key not in actors:
            actors[key] = actor_name(entry)
        return actors[key]

    def value(subject, object_type, key, raw):
        cache_key = (object_type, key, repr(raw))
        if cache_key not in shown:
            shown[cache_key] = show_value(subject, key, raw, names)
        return shown[cache_key]

    result = []
    for entry in entries:
        subject = BY_NAME.get(entry.object_type)
        kind = entry.object_type
        changes = [
            Change(label(key), value(subject, kind, key, before), value(subject, kind, key, after))
            for key, (before, after) in (entry.changes or {}).items()
        ]
        result.append(Line(entry=entry, kind=kind_of(entry.object_type), url=object_url(entry), changes=changes,
                           actor=who(entry), label=object_label(entry)))
    return result
