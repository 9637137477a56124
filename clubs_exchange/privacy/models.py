"""Requests to erase an account (GDPR Art. 17): the person asks, staff erase or decline; the row stays as the
record that the request was handled (who decided, when), without the reason once the account is erased."""

from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from clubs_exchange.auth.models import User
from clubs_exchange.clock import utcnow
from clubs_exchange.db import LabelledEnum
from clubs_exchange.extensions import db


class ErasureState(LabelledEnum):
    PENDING = "pending"
    ERASED = "erased"
    DECLINED = "declined"

    @classmethod
    def labels(cls):
        return {cls.PENDING: _l("Awaiting a decision"), cls.ERASED: _l("Account erased"),
                cls.DECLINED: _l("Declined")}


class ErasureRequest(db.Model):
    __tablename__ = "erasure_requests"
    __table_args__ = (sa.Index("ix_erasure_requests_state_requested_at", "state", "requested_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    # Optional, the person's own words; emptied when the account is erased (it may name them).
    reason: Mapped[str] = mapped_column(sa.Text, default="")
    state: Mapped[ErasureState] = mapped_column(default=ErasureState.PENDING)
    requested_at: Mapped[datetime] = mapped_column(default=utcnow)
    decided_at: Mapped[datetime | None]
    decided_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    user: Mapped[User] = relationship(foreign_keys=[user_id])
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id])
