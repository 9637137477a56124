"""The daily digest: one mail to each staff member who chose it, with the proposals submitted since the last."""

from datetime import datetime, timedelta

import sqlalchemy as sa
from flask_babel import force_locale, ngettext

from clubs_exchange import languages
from clubs_exchange.auth.models import User
from clubs_exchange.clock import utcnow
from clubs_exchange.extensions import db
from clubs_exchange.mail.outbox import absolute_url, queue_mail
from clubs_exchange.notifications.models import Notification, NotificationKind, NotificationPreference, SubmittedMail


def queue_digests(now: datetime | None = None) -> int:
    """Queue a digest for every staff member who chose one and has news; returns how many were queued."""
    now = now or utcnow()
    queued = 0
    rows = db.session.execute(
        sa.select(NotificationPreference, User)
        .join(User, User.id == NotificationPreference.user_id)
        .where(NotificationPreference.submitted_mail == SubmittedMail.DIGEST, User.active.is_(True))
    ).all()
    for preference, user in rows:
        since = preference.last_digest_at or now - timedelta(days=1)
        news = list(db.session.scalars(
            sa.select(Notification)
            .where(Notification.user_id == user.id, Notification.kind == NotificationKind.PROPOSAL_SUBMITTED,
                   Notification.created_at > since, Notification.created_at <= now)
            .order_by(Notification.id)
        ))
        preference.last_digest_at = now
        if not news:
            continue
        with force_locale(languages.format_locale(languages.language_of(user))):  # the recipient's language
            subject = ngettext("%(num)d proposal submitted for review", "%(num)d proposals submitted for review",
                               len(news))
        queue_mail(user.email, subject, "digest", recipient=user, news=news,
                   base_url=absolute_url("main.index").rstrip("/"))
        queued += 1
    return queued
