"""The calendar's queries: a fixed number per page, whatever the number of events."""

import re

import sqlalchemy as sa
from sqlalchemy.orm import joinedload, selectinload, subqueryload

from clubs_exchange.auth.models import User
from clubs_exchange.extensions import db
from clubs_exchange.localised.loading import titles_in_reader_language
from clubs_exchange.organisations.models import Organisation
from clubs_exchange.partners.models import PartnerCity
from clubs_exchange.proposals.models import Proposal, proposal_co_organisers


def _with_what_pages_show(query):
    # Joins for the one-to-one links (no extra query, no repeated rows), one query per collection.
    return query.options(
        joinedload(Proposal.partner_city),
        joinedload(Proposal.organisation),
        selectinload(Proposal.co_organisers),
        selectinload(Proposal.translations),
    )


def calendar_events(conditions: list) -> sa.Select:
    """Calendar events matching `conditions`, in order of start, with what the pages show loaded eagerly."""
    query = sa.select(Proposal).where(*conditions).order_by(Proposal.starts_at, Proposal.id)
    return _with_what_pages_show(query)


def calendar_event_ids(conditions: list) -> sa.Select:
    """The ids of calendar_events(conditions) in the same order: sorted from ix_proposals_state_ends_at_starts_at
    alone, for paging.paginate(ids=...)."""
    return sa.select(Proposal.id).where(*conditions).order_by(Proposal.starts_at, Proposal.id)


def grid_events(conditions: list) -> list[Proposal]:
    """The month grid shows time, title (in the reader's language, joined) and state: one query."""
    query = (
        sa.select(Proposal).where(*conditions).order_by(Proposal.starts_at, Proposal.id)
        .options(titles_in_reader_language())
    )
    return list(db.session.scalars(query).unique())


def feed_events(conditions: list) -> list[Proposal]:
    """The feed needs the steps too: their number is the SEQUENCE, the last cancel step the reason.

    A feed holds thousands of events: selectinload would send one IN list per 500 of them, so the
    number of queries would grow with the feed. Joins for the one-to-one links and subqueryload for the
    collections (co-organisers, steps, translations) keep it at four queries whatever the size."""
    query = (
        sa.select(Proposal).where(*conditions).order_by(Proposal.starts_at, Proposal.id)
        .options(
            joinedload(Proposal.partner_city),
            joinedload(Proposal.organisation),
            subqueryload(Proposal.co_organisers),
            subqueryload(Proposal.steps),
            subqueryload(Proposal.translations),
        )
    )
    return list(db.session.scalars(query))


def feed_state(conditions: list) -> tuple[str, ...]:
    """What the feed's ETag is made of, in one query: the latest change of its events and their number, the
    latest change of the partner cities and organisations it names (a rename shows in every event's text),
    and a fingerprint of the co-organisers (a changed list need not change the proposal's own row)."""
    in_feed = sa.select(Proposal.id).where(*conditions)
    co = proposal_co_organisers.c
    organiser_ids = sa.union(
        sa.select(Proposal.organisation_id).where(*conditions),
        sa.select(co.organisation_id).where(co.proposal_id.in_(in_feed)),
    )
    big = sa.BigInteger
    row = db.session.execute(sa.select(
        sa.select(sa.func.max(Proposal.updated_at)).where(*conditions).scalar_subquery(),
        sa.select(sa.func.count(Proposal.id)).where(*conditions).scalar_subquery(),
        sa.select(sa.func.max(PartnerCity.updated_at))
        .where(PartnerCity.id.in_(sa.select(Proposal.partner_city_id).where(*conditions))).scalar_subquery(),
        sa.select(sa.func.max(Organisation.updated_at)).where(Organisation.id.in_(organiser_ids)).scalar_subquery(),
        sa.select(sa.func.count()).select_from(proposal_co_organisers)
        .where(co.proposal_id.in_(in_feed)).scalar_subquery(),
        sa.select(sa.func.sum(sa.cast(co.proposal_id, big) * sa.cast(co.organisation_id, big)))
        .where(co.proposal_id.in_(in_feed)).scalar_subquery(),
    )).one()
    # An aggregate bypasses the column type (SQLite answers with a string): only its text matters here.
    return tuple("" if value is None else str(value) for value in row)


# What auth.models.new_token() makes: URL-safe base64, stored in a column of 64 characters.
TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]{1,64}")


def active_user_for_token(token: str) -> User | None:
    """The person a calendar program subscribes as; nobody for an unknown token or a disabled account."""
    if not TOKEN_PATTERN.fullmatch(token):
        return None  # not even shaped like a token (PostgreSQL refuses NUL bytes, for one)
    user = db.session.scalar(sa.select(User).where(User.calendar_token == token))
    if user is None or not user.active:
        return None
    return user


# The largest id a BIGINT holds; a longer number in the address would overflow the database driver.
