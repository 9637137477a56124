"""How entries read on a page and in a CSV: field names, values in words, ids as names, dates in the city's zone."""

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
from clubs_exchange.templating import money

FIELD_LABELS = {
    "title": _l("Title"),
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
}


def field_label(key: str) -> str:
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


def show_value(subject: Subject | None, key: str, value, names: dict) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if subject is not None:
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

    def label(key):
        if key not in labels:
            labels[key] = field_label(key)
        return labels[key]

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
        result.append(Line(entry=entry, kind=kind_of(entry.object_type), url=object_url(entry), changes=changes))
    return result
