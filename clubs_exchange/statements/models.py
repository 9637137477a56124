"""Feedback on accessibility problems, sent through the accessibility statement's form and handled by staff."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from clubs_exchange.auth.models import User
from clubs_exchange.clock import utcnow
from clubs_exchange.extensions import db


class AccessibilityFeedback(db.Model):
    """What went wrong where, and how to answer (name and address optional: feedback may be anonymous, and no
    account is recorded with it). Personal data: purged ACCESSIBILITY_FEEDBACK_RETENTION_MONTHS after it came in
    (flask purge)."""

    __tablename__ = "accessibility_feedback"
    __table_args__ = (sa.Index("ix_accessibility_feedback_handled_at_id", "handled_at", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200), default="")
    email: Mapped[str] = mapped_column(sa.String(254), default="")
    page_url: Mapped[str] = mapped_column(sa.String(500))
    description: Mapped[str] = mapped_column(sa.Text)
    # The visitor's language, so the answer can be written in it.
    language: Mapped[str] = mapped_column(sa.String(8), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    handled_at: Mapped[datetime | None]
    handled_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    handled_by: Mapped[User | None] = relationship()

    @property
    def is_handled(self) -> bool:
        return self.handled_at is not None
