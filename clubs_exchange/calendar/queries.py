"""The calendar's queries: a fixed number per page, whatever the number of events."""

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from clubs_exchange.auth.models import User
from clubs_exchange.extensions import db
from clubs_exchange.proposals.models import Proposal


def _with_what_pages_show(query):
    return query.options(
        selectinload(Proposal.partner_city),
        selectinload(Proposal.organisation),
        selectinload(Proposal.co_organisers),
    )


def calendar_events(conditions: list) -> sa.Select:
    """Calendar events matching `conditions`, in order of start, with what the pages show loaded eagerly."""
    return _with_what_pages_show(sa.select(Proposal).where(*conditions).order_by(Proposal.starts_at, Proposal.id))


def events_where(conditions: list) -> list[Proposal]:
    return list(db.session.scalars(calendar_events(conditions)))


def feed_events(conditions: list) -> list[Proposal]:
    """The feed needs the steps too: their number is the SEQUENCE, the last cancel step the reason."""
    query = calendar_events(conditions).options(selectinload(Proposal.steps))
    return list(db.session.scalars(query))


def feed_state(conditions: list) -> tuple[str, int]:
    """The latest change and the number of events: what the feed's ETag is made of."""
    latest, count = db.session.execute(
        sa.select(sa.func.max(Proposal.updated_at), sa.func.count(Proposal.id)).where(*conditions)
    ).one()
    # An aggregate bypasses the column type (SQLite answers with a string): only its text matters here.
    return ("" if latest is None else str(latest)), count


def active_user_for_token(token: str) -> User | None:
    """The person a calendar program subscribes as; nobody for an unknown token or a disabled account."""
    user = db.session.scalar(sa.select(User).where(User.calendar_token == token))
    if user is None or not user.active:
        return None
    return user
