"""How long notifications are kept: read ones go NOTIFICATION_RETENTION_DAYS after they were read; unread ones
stay until read (their person has not seen them yet).

A `flask purge` purpose (retention.py). Nothing is counted: no figure of the app counts notifications.
"""

from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app

from clubs_exchange.extensions import db
from clubs_exchange.notifications.models import Notification


def purge_notifications(now: datetime, days: int) -> int:
    cutoff = now - timedelta(days=days)
    result = db.session.execute(
        sa.delete(Notification).where(Notification.read_at.is_not(None), Notification.read_at < cutoff),
        execution_options={"synchronize_session": False},
    )
    return result.rowcount or 0


def purge_notifications_for_retention(now: datetime) -> str:
    return f"{purge_notifications(now, current_app.config['NOTIFICATION_RETENTION_DAYS'])} read notifications"
