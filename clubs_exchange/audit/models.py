"""One row per change of an audited object: who, when, which object, what action, before → after."""

from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column

from clubs_exchange.clock import utcnow
from clubs_exchange.db import LabelledEnum
from clubs_exchange.extensions import db


class AuditAction(LabelledEnum):
    CREATED = "created"
    CHANGED = "changed"
    DELETED = "deleted"

    @classmethod
    def labels(cls):
        return {cls.CREATED: _l("Created"), cls.CHANGED: _l("Changed"), cls.DELETED: _l("Deleted")}


class AuditEntry(db.Model):
    __tablename__ = "audit_entries"
    __table_args__ = (
        # An object's trail, newest first; and the trail of everything that belongs to it (its members, ...).
        sa.Index("ix_audit_entries_object", "object_type", "object_id", "at"),
        sa.Index("ix_audit_entries_parent", "parent_type", "parent_id", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    # The person, kept by name too: the trail must still say who it was after the account is gone.
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"), index=True)
    actor_name: Mapped[str] = mapped_column(sa.String(120), default="")
    object_type: Mapped[str] = mapped_column(sa.String(40))
    object_id: Mapped[int]
    # What the object was called at the time (a proposal's title, a person's name).
    object_label: Mapped[str] = mapped_column(sa.String(200), default="")
    # The object it belongs to (a membership's organisation), so that object's trail shows it too.
    parent_type: Mapped[str | None] = mapped_column(sa.String(40))
    parent_id: Mapped[int | None]
    action: Mapped[AuditAction]
    # {field: [before, after]} for the fields that changed, values as JSON (enums by value, times in UTC ISO).
    changes: Mapped[dict] = mapped_column(sa.JSON, default=dict)

    def __repr__(self) -> str:
        return f"<AuditEntry {self.object_type}:{self.object_id} {self.action} by {self.actor_name}>"
