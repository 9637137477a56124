"""The rendered month grid, remembered per process until the calendar's data changes.

Staff open the month dozens of times a day and a busy month holds hundreds of events: rendering them costs
far more than the rest of the page. The grid is the same for every user (the event page decides who sees
what), so it is kept per (month, filters, language, today) and checked against a cheap version of the
calendar's data on every request: an approval, a cancellation or an edit shows on the very next request,
in every worker.
"""

from collections import OrderedDict
from collections.abc import Callable
from threading import Lock

import sqlalchemy as sa
from flask import current_app

from clubs_exchange.extensions import db
from clubs_exchange.organisations.models import Organisation
from clubs_exchange.proposals.models import Proposal, ProposalState
from clubs_exchange.review.models import ProposalCount

MAX_GRIDS = 200


def calendar_version() -> tuple:
    """Changes whenever an event enters, leaves or changes in the calendar. One indexed query.

    Every change of a proposal sets its updated_at (the newest per state is an index lookup); the number of
    events catches those that disappear without a change (an organisation deleted with its events). That number
    is the sum of the counts the database keeps per state, partner city and kind (review/models.py:
    ProposalCount): a few hundred rows (state, partner city, kind) however many events there are, where
    count(*) read every event's index entry (9 of the month's 19 ms at 500,000 proposals, profiled). The grid is
    kept with the names of the organisations it offers in the filter: a renamed organisation is a change too
    (organisations.updated_at is indexed for it).
    """
    states = (ProposalState.APPROVED, ProposalState.CANCELLED)
    newest = [
        sa.select(sa.func.max(Proposal.updated_at)).where(Proposal.state == state).scalar_subquery()
        for state in states
    ]
    count = (
        sa.select(sa.func.coalesce(sa.func.sum(ProposalCount.n), 0))
        .where(ProposalCount.state.in_(states))
        .scalar_subquery()
    )
    renamed = sa.select(sa.func.max(Organisation.updated_at)).scalar_subquery()
    return tuple(db.session.execute(sa.select(*newest, count, renamed)).one())


def cached_grid(key: tuple, build: Callable[[], tuple]) -> tuple:
    """build() → (html, extra) on a miss; the remembered pair while calendar_version() is unchanged."""
    store = current_app.extensions.setdefault("calendar_grids", {"grids": OrderedDict(), "lock": Lock()})
    full_key = (key, calendar_version())
    with store["lock"]:
        found = store["grids"].get(full_key)
        if found is not None:
            store["grids"].move_to_end(full_key)
            return found
    value = build()
    with store["lock"]:
        store["grids"][full_key] = value
        while len(store["grids"]) > MAX_GRIDS:
            store["grids"].popitem(last=False)
    return value
