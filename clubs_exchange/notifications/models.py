"""In-app notifications, and how a staff member wants to hear of submitted proposals."""

from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column

from clubs_exchange.clock import utcnow
from clubs_exchange.data_version import unversioned
from clubs_exchange.db import LabelledEnum
from clubs_exchange.extensions import db


class NotificationKind(LabelledEnum):
    PROPOSAL_SUBMITTED = "proposal_submitted"
    CHANGES_REQUESTED = "changes_requested"
    APPROVED = "approved"
    REJECTED = "rejected"
    CANCELLED = "cancelled"
    INTEREST_FITS = "interest_fits"
    ORGANISATION_REGISTERED = "organisation_registered"
    ORGANISATION_VERIFIED = "organisation_verified"
    FUNDING_REMINDER = "funding_reminder"
    ACCESSIBILITY_FEEDBACK = "accessibility_feedback"

    @classmethod
    def labels(cls):
        return {
            cls.PROPOSAL_SUBMITTED: _l("Proposal submitted"),
            cls.CHANGES_REQUESTED: _l("Changes requested"),
            cls.APPROVED: _l("Approved"),
            cls.REJECTED: _l("Rejected"),
            cls.CANCELLED: _l("Cancelled"),
            cls.INTEREST_FITS: _l("A fitting interest"),
            cls.ORGANISATION_REGISTERED: _l("Organisation registered"),
            cls.ORGANISATION_VERIFIED: _l("Organisation verified"),
            cls.FUNDING_REMINDER: _l("Funding deadline"),
            cls.ACCESSIBILITY_FEEDBACK: _l("Accessibility feedback"),
        }


class SubmittedMail(LabelledEnum):
    EACH = "each"
    DIGEST = "digest"
    NONE = "none"

    @classmethod
    def labels(cls):
        return {
            cls.EACH: _l("A mail for each submitted proposal"),
            cls.DIGEST: _l("One mail a day with all submitted proposals (daily digest)"),
            cls.NONE: _l("No mail; the notifications in the app are enough"),
        }


# Shown on cached pages only as the person's unread count, which is part of their pages' key (inbox.py).
@unversioned
class Notification(db.Model):
    """One event for one person; the link leads to the object. The message is shown in its reader's language:
    `message_id` and `message_params` are the message untranslated and its values, translated when it is shown
    (see notifications/messages.py); `message` is the text as written when it happened, in the city's language,
    what rows from before the languages show."""

    __tablename__ = "notifications"
    __table_args__ = (
        # The badge counts a person's unread ones; the list shows theirs newest first.
        sa.Index("ix_notifications_user_id_read_at", "user_id", "read_at"),
        sa.Index("ix_notifications_user_id_id", "user_id", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[NotificationKind]
    message: Mapped[str] = mapped_column(sa.String(400))
    message_id: Mapped[str | None] = mapped_column(sa.String(400))
    message_params: Mapped[dict | None] = mapped_column(sa.JSON)
    comment: Mapped[str] = mapped_column(sa.Text, default="")
    # A path within the app (/proposals/12), so it stays right when the host name changes.
    link: Mapped[str] = mapped_column(sa.String(300))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    read_at: Mapped[datetime | None]

    @property
    def text(self) -> str:
        """The message in the language of the page or mail it is shown in."""
        from clubs_exchange.notifications.messages import shown

        return shown(self)

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class NotificationPreference(db.Model):
    """A staff member's choice for mails about submitted proposals; no row means a mail for each."""

    __tablename__ = "notification_preferences"

    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    submitted_mail: Mapped[SubmittedMail] = mapped_column(default=SubmittedMail.EACH)
    # The digest covers the notifications since the last one was sent.
    last_digest_at: Mapped[datetime | None]
