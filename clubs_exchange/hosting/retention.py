"""How long guest data are kept, the purge, and the figures that survive it."""

from collections import Counter
from datetime import datetime

import sqlalchemy as sa

from clubs_exchange.extensions import db
from clubs_exchange.hosting.guests import remove_guests
from clubs_exchange.hosting.models import Guest, HostingSummary, HostingViewLog, Placement
from clubs_exchange.proposals.models import Proposal, ProposalState


def months_before(moment: datetime, months: int) -> datetime:
    """The same day `months` calendar months earlier (the last day of a shorter month)."""
    import calendar

    index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def purge_guest_data(now: datetime, months: int) -> dict[int, int]:
    """Remove the guests of every event that ended more than `months` ago; returns {event id: guests removed}."""
    cutoff = months_before(now, months)
    rows = db.session.execute(
        sa.select(Guest.proposal_id, Guest.id).join(Proposal, Guest.proposal_id == Proposal.id)
        .where(Proposal.ends_at < cutoff).order_by(Guest.proposal_id, Guest.id)
    ).all()
    by_event: dict[int, list[int]] = {}
    for proposal_id, guest_id in rows:
        by_event.setdefault(proposal_id, []).append(guest_id)
    for proposal_id, guest_ids in by_event.items():
        remove_guests(proposal_id, guest_ids)
        summary = db.session.scalar(sa.select(HostingSummary).where(HostingSummary.proposal_id == proposal_id))
        summary.purged_at = now
    return {proposal_id: len(ids) for proposal_id, ids in by_event.items()}


def hosted_per_event(partner_city_id: int):
    """(starts_at, n) per event of a partner city: guests placed now plus those counted before a purge or an
    erasure. A subquery, so the partnership figures take it in their own single query."""
    live = (
        sa.select(Proposal.starts_at.label("starts_at"), sa.func.count(Placement.id).label("n"))
        .join(Placement, Placement.proposal_id == Proposal.id)
        .where(Proposal.partner_city_id == partner_city_id, Proposal.state == ProposalState.APPROVED)
        .group_by(Proposal.id, Proposal.starts_at)
    )
    kept = (
        sa.select(Proposal.starts_at, HostingSummary.guests_hosted)
        .join(HostingSummary, HostingSummary.proposal_id == Proposal.id)
        .where(Proposal.partner_city_id == partner_city_id, Proposal.state == ProposalState.APPROVED,
               HostingSummary.guests_hosted > 0)
    )
    return sa.union_all(live, kept).subquery()


def guests_hosted_by_year(partner_city_id: int) -> dict[int, int]:
    """Guests of a partner city placed with host households, per year of the event; purged guests still count."""
    from clubs_exchange.clock import local

    events = hosted_per_event(partner_city_id)
    counts: Counter[int] = Counter()
    for starts_at, n in db.session.execute(sa.select(events.c.starts_at, events.c.n)):
        counts[local(starts_at).year] += n
    return dict(sorted(counts.items()))


def purge_view_log(now: datetime, months: int) -> int:
    """Delete the entries of the view log older than `months`: who looked at personal data is kept long enough
    to answer a complaint, not for ever. Nothing is counted."""
    cutoff = months_before(now, months)
    result = db.session.execute(sa.delete(HostingViewLog).where(HostingViewLog.at < cutoff),
                                execution_options={"synchronize_session": False})
    return result.rowcount or 0
