"""A person's notifications: the unread count, marking read; only ever their own."""

from datetime import datetime

import sqlalchemy as sa
from flask import abort, request, url_for
from flask_login import current_user

from clubs_exchange import page_cache
from clubs_exchange.clock import utcnow
from clubs_exchange.extensions import db
from clubs_exchange.links import local_path
from clubs_exchange.notifications.models import Notification
from clubs_exchange.permissions import get_or_404
from clubs_exchange.templating import navigation_badge, navigation_counts


def notifications_query(user) -> sa.Select:
    # Newest first by when it happened; the id only breaks ties (rows are not always written in that order).
    return (
        sa.select(Notification)
        .where(Notification.user_id == user.id)
        .order_by(Notification.created_at.desc(), Notification.id.desc())
    )


def unread_count(user) -> int:
    return db.session.scalar(sa.select(unread_subquery(user)))


def unread_subquery(user) -> sa.ScalarSelect:
    return unread_subquery_of(user.id)


def unread_subquery_of(user_id: int) -> sa.ScalarSelect:
    return (
        sa.select(sa.func.count())
        .select_from(Notification)
        .where(Notification.user_id == user_id, Notification.read_at.is_(None))
        .scalar_subquery()
    )


# The unread count in the navigation, asked for in the one query with the other badges.
navigation_badge("unread", unread_subquery)
# Notifications move no shared data version on (models.py): a person's cached pages are kept per unread count.
page_cache.personal_part(unread_subquery_of)


def unread_count_for_page(user) -> int:
    """The badge's number, counted once per request however often the page asks (with the review badge's)."""
    if user.get_id() != current_user.get_id():
        return unread_count(user)
    return navigation_counts()["unread"]


def own_notification_or_404(user, notification_id) -> Notification:
    """Someone else's notification does not exist as far as this person can tell."""
    notification = get_or_404(Notification, notification_id)
    if notification.user_id != user.id:
        abort(404)
    return notification


def link_target(notification: Notification) -> str:
    """The notification's link (stored within the app, mail/outbox.app_path) as a path of this site, under the
    prefix the app is reached at; anything else (never written, but it is stored
    text) leads to the list instead of to another site."""
    path = local_path(notification.link)
    return request.script_root + path if path else url_for("notifications.index")


def mark_read(notification: Notification, now: datetime | None = None) -> None:
    if notification.read_at is None:
        notification.read_at = now or utcnow()


def mark_all_read(user, now: datetime | None = None) -> int:
    result = db.session.execute(
        sa.update(Notification)
        .where(Notification.user_id == user.id, Notification.read_at.is_(None))
        .values(read_at=now or utcnow())
    )
    return result.rowcount
