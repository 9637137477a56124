"""The outbox: every mail is stored here first, in the same transaction as the change it tells about."""

from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column

from clubs_exchange.clock import utcnow
from clubs_exchange.data_version import unversioned
from clubs_exchange.db import LabelledEnum
from clubs_exchange.extensions import db

# What stands for a secret (a reset or invitation token) wherever a mail is shown rather than sent.
MASK = "••••••••"


class MailState(LabelledEnum):
    QUEUED = "queued"
    SENT = "sent"
    FAILED = "failed"
    # No SMTP server is configured (development): the mail went to the log and stays readable here.
    LOGGED = "logged"

    @classmethod
    def labels(cls):
        return {
            cls.QUEUED: _l("Queued"),
            cls.SENT: _l("Sent"),
            cls.FAILED: _l("Failed"),
            cls.LOGGED: _l("Logged only (no SMTP server)"),
        }


@unversioned  # no cached page shows the outbox: a mail queued, claimed or sent empties no page
class OutboxMail(db.Model):
    __tablename__ = "outbox_mails"
    __table_args__ = (sa.Index("ix_outbox_mails_state_id", "state", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    recipient: Mapped[str] = mapped_column(sa.String(254))
    subject: Mapped[str] = mapped_column(sa.String(300))
    text_body: Mapped[str] = mapped_column(sa.Text)
    html_body: Mapped[str] = mapped_column(sa.Text, default="")
    state: Mapped[MailState] = mapped_column(default=MailState.QUEUED)
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str] = mapped_column(sa.Text, default="")
    # What in the mail lets its reader in (a reset or an invitation token), kept for SMTP and `flask show-mail`
    # until the mail is delivered; the outbox page and the log show the mail with it masked.
    secret_values: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None]
    # A sender takes a mail by setting these in one conditional UPDATE before it hands the mail to SMTP, and
    # clears them when it records the outcome: two senders never take the same mail (mail/outbox.py).
    claimed_at: Mapped[datetime | None]
    claim_token: Mapped[str | None] = mapped_column(sa.String(32))

    def masked(self, text: str) -> str:
        for secret in self.secret_values or ():
            text = text.replace(secret, MASK)
        return text

    @property
    def shown_text(self) -> str:
        """The text part as the outbox page and the log show it: without the secrets."""
        return self.masked(self.text_body)

    @property
    def shown_html(self) -> str:
        return self.masked(self.html_body)

    def without_secrets(self) -> dict:
        """The columns that forget the secrets (once the mail is delivered)."""
        return {"text_body": self.shown_text, "html_body": self.shown_html, "secret_values": []}

    def __repr__(self) -> str:
        return f"<OutboxMail {self.id} to {self.recipient} {self.state}>"
