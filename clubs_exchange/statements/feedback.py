"""Accessibility feedback: received (stored, staff told in the app, the accessibility contact mailed), handled by
staff, and purged after its retention period."""

from datetime import datetime

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.orm import joinedload

from clubs_exchange.clock import utcnow
from clubs_exchange.extensions import db
from clubs_exchange.hosting.retention import months_before
from clubs_exchange.notifications.notify import notify
from clubs_exchange.statements.models import AccessibilityFeedback


def receive_feedback(*, page_url: str, description: str, name: str = "", email: str = "",
                     language: str = "") -> AccessibilityFeedback:
    """Store what a visitor reported; staff hear of it (notify: a notification each, a mail to the contact)."""
    feedback = AccessibilityFeedback(page_url=page_url.strip(), description=description.strip(),
                                     name=(name or "").strip(), email=(email or "").strip(), language=language)
    db.session.add(feedback)
    db.session.flush()  # the notification's link names it
    notify("accessibility_feedback", feedback=feedback)
    return feedback


def mark_handled(feedback: AccessibilityFeedback, by) -> None:
    """Handled: answered, fixed, or noted for the next review of the statement. Marking twice changes nothing."""
    if feedback.handled_at is None:
        feedback.handled_at = utcnow()
        feedback.handled_by_id = by.id


def feedback_list(*, handled: bool) -> list[AccessibilityFeedback]:
    """Open feedback oldest first (what waits longest comes first); handled newest first."""
    query = sa.select(AccessibilityFeedback).options(joinedload(AccessibilityFeedback.handled_by))
    if handled:
        query = query.where(AccessibilityFeedback.handled_at.is_not(None)).order_by(
            AccessibilityFeedback.handled_at.desc(), AccessibilityFeedback.id.desc())
    else:
        query = query.where(AccessibilityFeedback.handled_at.is_(None)).order_by(AccessibilityFeedback.id)
    return list(db.session.scalars(query.limit(current_app.config["PAGE_SIZE"] * 4)))


def open_count() -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(AccessibilityFeedback)
                             .where(AccessibilityFeedback.handled_at.is_(None))) or 0


def purge_feedback(now: datetime, months: int) -> int:
    """Remove feedback that came in more than `months` ago, handled or not: it holds names and addresses."""
    cutoff = months_before(now, months)
    result = db.session.execute(sa.delete(AccessibilityFeedback).where(AccessibilityFeedback.created_at < cutoff))
    return result.rowcount or 0


def purge_feedback_for_retention(now: datetime) -> str:
    """`flask purge`'s purger: the ACCESSIBILITY_FEEDBACK_RETENTION_MONTHS setting."""
    removed = purge_feedback(now, current_app.config["ACCESSIBILITY_FEEDBACK_RETENTION_MONTHS"])
    return f"{removed} accessibility feedback entries"
