"""The review queue: what city staff have to decide, oldest first, and how many are in each state."""

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from clubs_exchange.extensions import db
from clubs_exchange.partners.models import PartnerCity
from clubs_exchange.proposals.models import EventKind, Proposal, ProposalState
from clubs_exchange.proposals.workflow import REVIEW_STATES
from clubs_exchange.review.forms import QueueFilterForm
from clubs_exchange.review.models import ProposalCount


@dataclass(frozen=True)
class QueueFilter:
    state: ProposalState = ProposalState.SUBMITTED
    partner_city_id: int | None = None
    kind: EventKind | None = None

    def where(self, query):
        """Apply the partner city and kind filters (not the state) to a query on Proposal."""
        if self.partner_city_id is not None:
            query = query.where(Proposal.partner_city_id == self.partner_city_id)
        if self.kind is not None:
            query = query.where(Proposal.kind == self.kind)
        return query

    def url_args(self, **overrides) -> dict:
        """Query-string arguments that keep this filter in links (None values are left out by url_for)."""
        args = {
            "state": self.state.value,
            "partner": self.partner_city_id,
            "kind": self.kind.value if self.kind else None,
        }
        return {**args, **overrides}


def partner_choices() -> list[tuple]:
    return db.session.execute(sa.select(PartnerCity.id, PartnerCity.name).order_by(PartnerCity.name)).all()


def read_queue_filter(args) -> tuple[QueueFilterForm, QueueFilter, bool]:
    """The filter form bound to the address and the filter it gives: the queue page and its CSV read the same.

    A tampered filter gets its message at the field and is left out; the queue is still shown."""
    form = QueueFilterForm(formdata=args, partner_choices=partner_choices())
    state_value = args.get("state", ProposalState.SUBMITTED.value)
    state = next((s for s in REVIEW_STATES if s.value == state_value), ProposalState.SUBMITTED)
    valid = form.validate()
    queue_filter = QueueFilter(
        state=state,
        partner_city_id=form.partner.data if not form.partner.errors else None,
        kind=EventKind(form.kind.data) if form.kind.data and not form.kind.errors else None,
    )
    return form, queue_filter, valid


def state_counts(queue_filter: QueueFilter) -> dict[ProposalState, int]:
    """How many proposals are in each review state, under the partner and kind filters. One query, on the
    counts the database keeps per state, partner city and kind (review/models.py), not over the proposals."""
    query = sa.select(ProposalCount.state, sa.func.sum(ProposalCount.n)).where(
        ProposalCount.state.in_(REVIEW_STATES)
    )
    if queue_filter.partner_city_id is not None:
        query = query.where(ProposalCount.partner_city_id == queue_filter.partner_city_id)
    if queue_filter.kind is not None:
        query = query.where(ProposalCount.kind == queue_filter.kind)
    query = query.group_by(ProposalCount.state)
    counts = dict.fromkeys(REVIEW_STATES, 0)
    counts.update({ProposalState(state): int(n) for state, n in db.session.execute(query)})
    return counts


def queue_query(queue_filter: QueueFilter):
    """Proposals in the chosen state: those waiting for a decision oldest first, decided ones newest first."""
    query = queue_filter.where(
        sa.select(Proposal)
        .where(Proposal.state == queue_filter.state)
        .options(joinedload(Proposal.organisation), joinedload(Proposal.partner_city))
    )
    if queue_filter.state == ProposalState.SUBMITTED:
        # Who waited longest comes first. The workflow always sets submitted_at, so the plain order can use
        # the (state, submitted_at) index; "IS NULL" first could not.
        return query.order_by(Proposal.submitted_at, Proposal.id)
    return query.order_by(Proposal.updated_at.desc(), Proposal.id.desc())
