"""The audit trail's machinery: models opt in with one line, a session listener records their changes.

Opting in (see clubs_exchange/audit/subjects.py, where every audited model is listed):

    audited(HostFamily, exclude=("updated_at",), parent=lambda h: ("partner_city", h.partner_city_id))

- ``fields``: the columns to record (default: every column but the primary key); ``exclude`` leaves some out.
  Columns named like secrets (password, token, hash) are never recorded, even when asked for.
- ``collections``: many-to-many relationships to record as lists of names (a proposal's co-organisers).
- ``parent``: the object an entry also belongs to, as (object type, id), so that object's trail shows it
  (an organisation's page shows its memberships and interests).
- ``label``: what to call the object in the trail (default: its ``name`` or ``title``).
- ``name`` / ``title``: the object type as stored ("partner_city") and as shown (default from the class name).
- ``page``: (endpoint, argument name) of the object's page, for links from the trail.

After each ORM flush, one INSERT (an executemany) writes an entry per created, changed or deleted audited
object, in the same transaction: a rollback takes the entries with it. Who acted comes from flask_login's
current_user in a request, else from acting_as(), else "command line" inside a flask command, else "system".
Bulk Core statements (session.execute(insert(...)), seed-scale) bypass the ORM and are not recorded.
"""

import contextvars
import enum
import re
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal

import sqlalchemy as sa
from flask import has_request_context
from sqlalchemy import inspect
from sqlalchemy.orm import ColumnProperty, Session

from clubs_exchange.audit.models import AuditAction, AuditEntry
from clubs_exchange.clock import utcnow

SECRET = re.compile(r"password|token|secret|hash", re.IGNORECASE)


@dataclass
class Subject:
    """How one model is audited."""

    model: type
    name: str
    title: object
    fields: tuple[str, ...]
    collections: tuple[str, ...] = ()
    parent: Callable | None = None
    label: Callable | None = None
    page: tuple[str, str] | None = None
    # field -> the model its id points to (for showing names instead of ids)
    references: dict = field(default_factory=dict)


SUBJECTS: dict[type, Subject] = {}
BY_NAME: dict[str, Subject] = {}


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def _default_label(obj) -> str:
    values = inspect(obj).dict
    return str(values.get("name") or values.get("title") or values.get("email") or "")


def audited(
    model,
    *,
    fields=None,
    exclude=(),
    collections=(),
    parent: Callable | None = None,
    label: Callable | None = None,
    name: str | None = None,
    title=None,
    page: tuple[str, str] | None = None,
) -> Subject:
    """Record every created, changed and deleted `model` object from now on (see the module's docstring)."""
    mapper = inspect(model)
    columns = [p for p in mapper.column_attrs if isinstance(p, ColumnProperty)]
    chosen = [p.key for p in columns if not any(c.primary_key for c in p.columns)] if fields is None else list(fields)
    known = {p.key for p in columns}
    unknown = set(chosen) - known
    if unknown:
        raise ValueError(f"{model.__name__} has no columns {sorted(unknown)}")
    chosen = tuple(f for f in chosen if f not in set(exclude) and not SECRET.search(f))
    references = {}
    for key in chosen:
        for column in mapper.columns[key].foreign_keys if key in mapper.columns else ():
            target = next((m.class_ for m in mapper.registry.mappers if m.local_table is column.column.table), None)
            if target is not None:
                references[key] = target
        # The value before the change is loaded if needed, so "before" is never missing.
        sa.event.listen(getattr(model, key), "set", _no_op, active_history=True)
    for key in collections:
        sa.event.listen(getattr(model, key), "append", _no_op, active_history=True)
    subject = Subject(
        model=model,
        name=name or _snake(model.__name__),
        title=title or re.sub(r"(?<!^)(?=[A-Z])", " ", model.__name__),
        fields=chosen,
        collections=tuple(collections),
        parent=parent,
        label=label,
        page=page,
        references=references,
    )
    SUBJECTS[model] = subject
    BY_NAME[subject.name] = subject
    return subject


def _no_op(*args):
    return args[1] if len(args) > 1 else None


# --- who acts --------------------------------------------------------------------------------------------

_acting = contextvars.ContextVar("audit_actor", default=None)


@contextmanager
def acting_as(user=None, *, name: str | None = None):
    """Attribute the changes made inside the block to `user` (or to a name, for scripts)."""
    token = _acting.set((user.id if user else None, name or (user.name if user else "system")))
    try:
        yield
    finally:
        _acting.reset(token)


def current_actor() -> tuple[int | None, str]:
    explicit = _acting.get()
    if explicit is not None:
        return explicit
    if has_request_context():
        from flask_login import current_user

        if current_user.is_authenticated:
            return current_user.id, current_user.name
        return None, "anonymous"
    import click

    context = click.get_current_context(silent=True)
    if context is not None:
        return None, f"command line ({context.info_name})"
    return None, "system"


# --- what changed ----------------------------------------------------------------------------------------


def plain(value):
    """A value as JSON keeps it: enums by value, times as UTC ISO strings."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat() if value.tzinfo else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def _collection_names(objects) -> list[str]:
    return sorted(_default_label(o) or f"#{inspect(o).identity}" for o in objects)


def _changes(subject: Subject, obj, action: AuditAction) -> dict:
    state = inspect(obj)
    changes = {}
    for key in subject.fields:
        if action is AuditAction.CHANGED:
            history = state.attrs[key].history
            if not history.has_changes():
                continue
            before = plain(history.deleted[0]) if history.deleted else None
            after = plain(history.added[0]) if history.added else None
        else:
            value = plain(state.dict.get(key))
            before, after = (None, value) if action is AuditAction.CREATED else (value, None)
            if value in (None, ""):
                continue  # a created object lists what it holds, a deleted one what it held
        if before != after:
            changes[key] = [before, after]
    for key in subject.collections:
        history = state.attrs[key].history
        if action is AuditAction.CHANGED and not (history.added or history.deleted):
            continue
        before = _collection_names([*history.unchanged, *history.deleted])
        after = _collection_names([*history.unchanged, *history.added])
        if action is AuditAction.CREATED:
            before = []
        elif action is AuditAction.DELETED:
            after = []
        if before != after:
            changes[key] = [before, after]
    return changes


def _entry(subject: Subject, obj, action: AuditAction, now) -> dict | None:
    changes = _changes(subject, obj, action)
    if action is AuditAction.CHANGED and not changes:
        return None
    state = inspect(obj)
    # New objects have their id in the dict but no identity key yet: that is set after this event.
    object_id = state.dict.get(state.mapper.primary_key[0].key)
    parent_type, parent_id = subject.parent(obj) if subject.parent else (None, None)
    label = (subject.label or _default_label)(obj)
    return {
        "at": now,
        "object_type": subject.name,
        "object_id": object_id,
        "object_label": (label or "")[:200],
        "parent_type": parent_type,
        "parent_id": parent_id,
        "action": action,
        "changes": changes,
    }


@sa.event.listens_for(Session, "after_flush")
def record_changes(session: Session, _flush_context) -> None:
    """The pending, dirty and deleted lists and the attribute history still show what this flush wrote."""
    if not SUBJECTS:
        return
    work = [
        *((o, AuditAction.CREATED) for o in session.new),
        *((o, AuditAction.CHANGED) for o in session.dirty),
        *((o, AuditAction.DELETED) for o in session.deleted),
    ]
    work = [(o, a) for o, a in work if type(o) in SUBJECTS]
    if not work:
        return
    now = utcnow()
    rows = [e for o, a in work if (e := _entry(SUBJECTS[type(o)], o, a, now)) is not None]
    if not rows:
        return  # a login stamping last_login_at, say: nothing audited changed, so nobody is looked up
    actor_id, actor_name = current_actor()
    for row in rows:
        row["actor_id"], row["actor_name"] = actor_id, actor_name[:120]
    session.connection().execute(sa.insert(AuditEntry.__table__), rows)
