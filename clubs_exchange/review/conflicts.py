"""Conflicts: approved events that overlap a proposal in time and share its partner city or its venue.

SQL finds the candidates (two indexed queries for one proposal, the decision page and the check before
approving; the stored pairs of review/models.py for a page of the queue); one Python function (_clashes)
decides why, so the decision page and the queue can never disagree. Venues are compared
trimmed and case-insensitively (Proposal.venue_key); an empty venue never conflicts.
Intervals are half-open: an event ending at 18:00 does not clash with one starting at 18:00.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import joinedload

from clubs_exchange.db import LabelledEnum
from clubs_exchange.extensions import db
from clubs_exchange.proposals.models import MAX_EVENT_LENGTH, Proposal, ProposalState, venue_key_of
from clubs_exchange.review.models import ProposalConflict


class ConflictReason(LabelledEnum):
    SAME_PARTNER = "same_partner"
    SAME_VENUE = "same_venue"

    @classmethod
    def labels(cls):
        return {cls.SAME_PARTNER: _l("same partner city"), cls.SAME_VENUE: _l("same venue")}


@dataclass(frozen=True)
class Conflict:
    """Another approved event that clashes with the proposal, and why."""

    other: Proposal
    reasons: tuple[ConflictReason, ...]


# A queue row names this many conflicts and links to the review page for the rest.
ROW_CONFLICTS = 3


class Conflicts(list):
    """A proposal's conflicts, soonest first: all of them, or the first few of `total` (a queue row)."""

    def __init__(self, conflicts=(), total: int | None = None):
        super().__init__(conflicts)
        self.total = len(self) if total is None else total

    @property
    def more(self) -> int:
        """How many are not in the list."""
        return self.total - len(self)


_COLUMNS = Proposal.__table__.c


def _overlap_terms(proposals: list[Proposal], key: str) -> sa.TextClause | None:
    """One indexed condition per proposal, ORed: approved events with its partner city (or venue key)
    overlapping it; None when no proposal has a value for the key.

    An OR of such terms is served by the (partner city or venue key, state, starts_at) indexes on SQLite and
    PostgreSQL alike; a join from the listed proposals to the events let the planner read every approved event.
    Written as SQL text with typed parameters because building the same ORed expression from column objects
    cost more than running the query (≈2.5 of 5 ms for a page of the queue, profiled). `key` is one of two
    column names of this module, never input.
    """
    column = _COLUMNS[key]
    terms, params = [], [sa.bindparam("approved", ProposalState.APPROVED.value)]
    when = _COLUMNS.starts_at.type
    for n, proposal in enumerate(proposals):
        value = getattr(proposal, key)
        if value is None or value == "":
            continue
        # The state inside each term, so each term has its whole index; no event is longer than
        # MAX_EVENT_LENGTH, so the index range on starts_at is closed on both sides.
        terms.append(
            f"(proposals.{column.name} = :value_{n} AND proposals.state = :approved"
            f" AND proposals.starts_at < :ends_{n} AND proposals.starts_at > :earliest_{n}"
            f" AND proposals.ends_at > :starts_{n})"
        )
        params += [
            sa.bindparam(f"value_{n}", value, type_=column.type),
            sa.bindparam(f"ends_{n}", proposal.ends_at, type_=when),
            sa.bindparam(f"earliest_{n}", proposal.starts_at - MAX_EVENT_LENGTH, type_=when),
            sa.bindparam(f"starts_{n}", proposal.starts_at, type_=when),
        ]
    if not terms:
        return None
    return sa.text(" OR ".join(terms)).bindparams(*params)


def _clashes(proposal: Proposal, event: Proposal) -> tuple[ConflictReason, ...]:
    if event is proposal or (proposal.id is not None and event.id == proposal.id):
        return ()
    if not (event.starts_at < proposal.ends_at and event.ends_at > proposal.starts_at):
        return ()
    reasons = []
    if event.partner_city_id == proposal.partner_city_id:
        reasons.append(ConflictReason.SAME_PARTNER)
    if proposal.venue_key and event.venue_key == proposal.venue_key:
        reasons.append(ConflictReason.SAME_VENUE)
    return tuple(reasons)


def _conflicts(proposals: list[Proposal]) -> list[Conflicts]:
    """The conflicts of each proposal, in the same order, soonest first. Two indexed queries at most."""
    for proposal in proposals:
        key = venue_key_of(proposal.venue)  # an unsaved or just edited proposal too
        # Set only when it differs: re-setting a loaded proposal's key marks it dirty, and the query below
        # would then flush the whole page of proposals (audit and data-version listeners included) first.
        if proposal.venue_key != key:
            proposal.venue_key = key
    events: dict[int, Proposal] = {}
    for key in ("partner_city_id", "venue_key"):
        terms = _overlap_terms(proposals, key)
        if terms is not None:
            query = (
                sa.select(Proposal)
                .where(terms)
                .options(joinedload(Proposal.partner_city), joinedload(Proposal.organisation))
            )
            events.update((event.id, event) for event in db.session.scalars(query).unique())
    # Each proposal is compared only with the events of its partner city or at its venue.
    candidates: dict[tuple, list[Proposal]] = defaultdict(list)
    for event in sorted(events.values(), key=lambda event: (event.starts_at, event.id)):
        candidates[("partner", event.partner_city_id)].append(event)
        if event.venue_key:
            candidates[("venue", event.venue_key)].append(event)
    result = []
    for proposal in proposals:
        found = []
        same = {e.id: e for e in candidates[("partner", proposal.partner_city_id)]}
        same.update((e.id, e) for e in candidates[("venue", proposal.venue_key)] if proposal.venue_key)
        for event in sorted(same.values(), key=lambda event: (event.starts_at, event.id)):
            reasons = _clashes(proposal, event)
            if reasons:
                found.append(Conflict(other=event, reasons=reasons))
        result.append(Conflicts(found))
    return result


def conflicts_for(proposal: Proposal) -> Conflicts:
    """Approved events that clash with this proposal (itself excluded), soonest first."""
    return _conflicts([proposal])[0]


def conflicts_by_proposal(proposals: Iterable[Proposal], *, first: int | None = None) -> dict[int, Conflicts]:
    """The conflicts of many saved proposals at once (a page of the queue): {proposal id: conflicts}; with
    `first`, each proposal's first few and how many there are in all.

    Read from the stored pairs (review/models.py: ProposalConflict, kept by triggers as proposals change): one
    query by primary key instead of the overlap query per page; _clashes still says why, and drops nothing
    the pairs hold (tests/test_review_conflicts.py compares both after each kind of change). With `first`, a
    window over the pairs numbers and counts them per proposal in the database, so that only the shown ones
    are loaded: where events crowd, a proposal clashes with dozens, and loading them all made the queue
    grow with the data (≈1.6× its time at five times the data, profiled)."""
    proposals = list(proposals)
    if not proposals:
        return {}
    by_id = {proposal.id: proposal for proposal in proposals}
    pairs = (
        sa.select(
            ProposalConflict.proposal_id,
            ProposalConflict.other_id,
            sa.func.row_number().over(
                partition_by=ProposalConflict.proposal_id, order_by=(Proposal.starts_at, Proposal.id)
            ).label("rank"),
            sa.func.count().over(partition_by=ProposalConflict.proposal_id).label("total"),
        )
        .join(Proposal, Proposal.id == ProposalConflict.other_id)
        .where(ProposalConflict.proposal_id.in_(list(by_id)))
        .subquery()
    )
    query = (
        sa.select(pairs.c.proposal_id, pairs.c.total, Proposal)
        .join(Proposal, Proposal.id == pairs.c.other_id)
        .options(joinedload(Proposal.partner_city), joinedload(Proposal.organisation))
    )
    if first is not None:
        query = query.where(pairs.c.rank <= first)
    found: dict[int, Conflicts] = {}
    for proposal_id, total, event in sorted(db.session.execute(query), key=lambda row: (row[2].starts_at, row[2].id)):
        reasons = _clashes(by_id[proposal_id], event)
        if reasons:
            found.setdefault(proposal_id, Conflicts(total=total)).append(Conflict(other=event, reasons=reasons))
    return defaultdict(Conflicts, found)
