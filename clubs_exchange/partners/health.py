"""Each partnership's health at a glance: the last contact (an event or a milestone), events per year over the last
three years, and whether nothing happened for two years. A fixed number of queries for the whole list."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time

import sqlalchemy as sa

from clubs_exchange import clock
from clubs_exchange.extensions import db
from clubs_exchange.partners.models import LevelChange, Milestone
from clubs_exchange.proposals.models import Proposal, ProposalState

YEARS = 3
DORMANT_AFTER_YEARS = 2


@dataclass(frozen=True)
class Health:
    # The latest event that took place or milestone (level changes included) up to today; None if none yet.
    last_contact: date | None
    last_kind: str  # "event" or "milestone"
    # (year, approved events) for each of the last three years, oldest first.
    per_year: tuple[tuple[int, int], ...]
    # Nothing happened (no event, milestone or change of level, none planned) for two years.
    dormant: bool


def years_back(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _day(value) -> date:
    """A stored UTC time as the city's date (SQLite hands back aggregates as text)."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if isinstance(value, datetime):
        return clock.local(value if value.tzinfo else value.replace(tzinfo=UTC)).date()
    return value


def _as_date(value) -> date | None:
    if value is None:
        return None
    if isinstance(value, str):
        return date.fromisoformat(value[:10])
    return value.date() if isinstance(value, datetime) else value


def partnership_health(today: date | None = None) -> dict[int, Health]:
    """{partner city id: Health} for every partner city with anything recorded; four queries whatever the data."""
    today = today or clock.today()
    first_year = today.year - YEARS + 1
    approved = Proposal.state == ProposalState.APPROVED
    end_of_today = datetime.combine(today, time.max, tzinfo=clock.city_tz())

    year = sa.extract("year", Proposal.starts_at)
    per_year: dict[int, dict[int, int]] = {}
    for partner_id, y, n in db.session.execute(
        sa.select(Proposal.partner_city_id, year, sa.func.count(Proposal.id))
        .where(approved, Proposal.partner_city_id.is_not(None),
               Proposal.starts_at >= datetime(first_year, 1, 1, tzinfo=UTC))
        .group_by(Proposal.partner_city_id, year)
    ):
        per_year.setdefault(partner_id, {})[int(y)] = n

    # Events: the last one that took place, and the latest of all (a planned one keeps a partnership alive).
    events = {
        partner_id: (_day(last_held) if last_held is not None else None, _day(latest))
        for partner_id, last_held, latest in db.session.execute(
            sa.select(
                Proposal.partner_city_id,
                sa.func.max(sa.case((Proposal.starts_at <= end_of_today, Proposal.starts_at))),
                sa.func.max(Proposal.starts_at),
            )
            .where(approved, Proposal.partner_city_id.is_not(None))
            .group_by(Proposal.partner_city_id)
        )
    }
    milestones = {
        partner_id: (_as_date(last_held), _as_date(latest))
        for partner_id, last_held, latest in db.session.execute(
            sa.select(
                Milestone.partner_city_id,
                sa.func.max(sa.case((Milestone.happened_on <= today, Milestone.happened_on))),
                sa.func.max(Milestone.happened_on),
            ).group_by(Milestone.partner_city_id)
        )
    }
    levels = {
        partner_id: (_as_date(first), _as_date(last))
        for partner_id, first, last in db.session.execute(
            sa.select(LevelChange.partner_city_id, sa.func.min(LevelChange.changed_on),
                      sa.func.max(LevelChange.changed_on))
            .group_by(LevelChange.partner_city_id)
        )
    }

    since = years_back(today, DORMANT_AFTER_YEARS)
    health = {}
    for partner_id in {*per_year, *events, *milestones, *levels}:
        last_event, latest_event = events.get(partner_id, (None, None))
        last_milestone, latest_milestone = milestones.get(partner_id, (None, None))
        first_level, last_level = levels.get(partner_id, (None, None))
        held_milestone = max((d for d in (last_milestone, last_level) if d and d <= today), default=None)
        if last_event and (held_milestone is None or last_event >= held_milestone):
            last_contact, kind = last_event, "event"
        else:
            last_contact, kind = held_milestone, "milestone"
        latest = max((d for d in (latest_event, latest_milestone, last_level) if d), default=None)
        # Known for two years at least, and nothing (done or planned) since.
        known_since = min((d for d in (first_level, last_contact) if d), default=None)
        dormant = known_since is not None and known_since <= since and (latest is None or latest < since)
        counts = per_year.get(partner_id, {})
        health[partner_id] = Health(
            last_contact=last_contact, last_kind=kind,
            per_year=tuple((y, counts.get(y, 0)) for y in range(first_year, today.year + 1)),
            dormant=dormant,
        )
    return health


def empty_health(today: date | None = None) -> Health:
    """A partner city with nothing recorded at all."""
    today = today or clock.today()
    return Health(None, "", tuple((y, 0) for y in range(today.year - YEARS + 1, today.year + 1)), False)
