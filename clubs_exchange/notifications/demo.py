"""Demo data of the notifications area: the demo's workflow steps already notified people (workflow.perform);
this leaves a few recent ones unread per person and keeps the demo's mails from ever being sent."""

import sqlalchemy as sa

from clubs_exchange.clock import utcnow
from clubs_exchange.extensions import db
from clubs_exchange.mail.models import MailState, OutboxMail
from clubs_exchange.notifications.models import Notification

UNREAD_PER_PERSON = 3


def seed_notifications() -> None:
    db.session.flush()
    # Mails to the demo's made-up addresses: kept in the outbox to read, never handed to an SMTP server.
    db.session.execute(
        sa.update(OutboxMail).where(OutboxMail.state == MailState.QUEUED).values(state=MailState.LOGGED)
    )
    ranked = (
        sa.select(Notification.id, sa.func.row_number().over(
            partition_by=Notification.user_id, order_by=Notification.id.desc()).label("n"))
        .subquery()
    )
    older = sa.select(ranked.c.id).where(ranked.c.n > UNREAD_PER_PERSON)
    db.session.execute(
        sa.update(Notification)
        .where(Notification.id.in_(older), Notification.read_at.is_(None))
        .values(read_at=utcnow())
    )
