"""A partnership in figures: per year its events, participants, organisations and hosted guests, and a chart."""

from dataclasses import dataclass

import sqlalchemy as sa

from clubs_exchange.extensions import db
from clubs_exchange.hosting.retention import hosted_per_event
from clubs_exchange.proposals.models import Proposal, ProposalState, proposal_co_organisers

# Events that took place or are planned: approved ones (cancelled ones did not happen).
COUNTED = (ProposalState.APPROVED,)


@dataclass(frozen=True)
class YearFigures:
    year: int
    events: int
    participants_ours: int
    participants_guests: int
    organisations: int
    guests_hosted: int

    @property
    def participants(self) -> int:
        return self.participants_ours + self.participants_guests


def figures_by_year(partner_city_id: int) -> list[YearFigures]:
    """Oldest year first; one query whatever the number of events."""
    year = sa.extract("year", Proposal.starts_at)
    counted = sa.and_(Proposal.partner_city_id == partner_city_id, Proposal.state.in_(COUNTED))
    events = (
        sa.select(
            year.label("year"),
            sa.func.count(Proposal.id).label("events"),
            sa.func.coalesce(sa.func.sum(Proposal.participants_ours), 0).label("ours"),
            sa.func.coalesce(sa.func.sum(Proposal.participants_guests), 0).label("guests"),
        )
        .where(counted)
        .group_by(year)
        .subquery()
    )
    # Organisers and co-organisers alike, each once a year.
    organisers = sa.union(
        sa.select(year.label("year"), Proposal.organisation_id.label("organisation_id")).where(counted),
        sa.select(year.label("year"), proposal_co_organisers.c.organisation_id.label("organisation_id"))
        .join(proposal_co_organisers, proposal_co_organisers.c.proposal_id == Proposal.id)
        .where(counted),
    ).subquery()
    organisations = (
        sa.select(organisers.c.year, sa.func.count(sa.distinct(organisers.c.organisation_id)).label("n"))
        .group_by(organisers.c.year)
        .subquery()
    )
    # Guests hosted by families of the home city (hosting area), counted in the same query.
    hosted_events = hosted_per_event(partner_city_id)
    hosted_year = sa.extract("year", hosted_events.c.starts_at)
    hosted = (
        sa.select(hosted_year.label("year"), sa.func.sum(hosted_events.c.n).label("n"))
        .group_by(hosted_year)
        .subquery()
    )
    rows = db.session.execute(
        sa.select(events.c.year, events.c.events, events.c.ours, events.c.guests,
                  sa.func.coalesce(organisations.c.n, 0), sa.func.coalesce(hosted.c.n, 0))
        .outerjoin(organisations, organisations.c.year == events.c.year)
        .outerjoin(hosted, hosted.c.year == events.c.year)
        .order_by(events.c.year)
    ).all()
    return [
        YearFigures(int(y), int(n), int(ours), int(guests), int(orgs), int(hosted_n))
        for y, n, ours, guests, orgs, hosted_n in rows
    ]


@dataclass(frozen=True)
class Bar:
    year: int
    events: int
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    baseline: float
    top: int
    bars: list[Bar]


def events_chart(figures: list[YearFigures], *, width: int = 480, height: int = 200) -> Chart:
    """Bars of events per year, laid out for an SVG drawn by the template: the arithmetic lives here."""
    top_margin, bottom_margin, side = 20, 24, 8
    baseline = height - bottom_margin
    top = max((f.events for f in figures), default=0) or 1
    slot = (width - 2 * side) / max(len(figures), 1)
    bar_width = min(48.0, slot * 0.7)
    bars = []
    for i, f in enumerate(figures):
        bar_height = (baseline - top_margin) * f.events / top
        x = side + i * slot + (slot - bar_width) / 2
        bars.append(Bar(f.year, f.events, round(x, 1), round(baseline - bar_height, 1), round(bar_width, 1),
                        round(bar_height, 1)))
    return Chart(width, height, baseline, top, bars)
