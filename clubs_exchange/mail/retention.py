"""How long mails stay in the outbox: delivered ones (and those given up) go OUTBOX_RETENTION_DAYS after.

A `flask purge` purpose (retention.py). Nothing is counted: no figure of the app counts mails.
"""

from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app

from clubs_exchange.extensions import db
from clubs_exchange.mail.models import MailState, OutboxMail


def purge_mails(now: datetime, days: int, max_attempts: int) -> int:
    """Delete mails delivered (or written to the log) more than `days` ago, and failed ones given up that long
    ago; queued mails and failed ones still being retried stay. Returns how many."""
    cutoff = now - timedelta(days=days)
    done = sa.or_(
        sa.and_(OutboxMail.state.in_([MailState.SENT, MailState.LOGGED]),
                sa.func.coalesce(OutboxMail.sent_at, OutboxMail.created_at) < cutoff),
        sa.and_(OutboxMail.state == MailState.FAILED, OutboxMail.attempts >= max_attempts,
                OutboxMail.created_at < cutoff),
    )
    result = db.session.execute(sa.delete(OutboxMail).where(done), execution_options={"synchronize_session": False})
    return result.rowcount or 0


def purge_mails_for_retention(now: datetime) -> str:
    config = current_app.config
    return f"{purge_mails(now, config['OUTBOX_RETENTION_DAYS'], config['MAIL_MAX_ATTEMPTS'])} mails"
