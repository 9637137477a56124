"""An event as the funding rules see it (terms.Meeting): built from a proposal, its application to a scheme and,
after the event, its participant list with attendance. The one place that turns stored rows into rule inputs,
used by the estimate, the report, the EU check and the budget alike.

- Dates are the event's days in the city's time zone.
- Direction: the application's (chosen where the proposal says "both" or "online").
- Countries: the home city's (CITY_COUNTRY), the partner city's and those of the listed delegations, as ISO
  codes (countries.country_code reads what staff typed).
- Expected figures (before a list exists): everyone the proposal expects, ours and guests; the leaders among
  them from the application; invited from abroad: the guests when they come, our own people when we travel.
- Attendance recorded for the event (any row) counts per person in the scheme's counting of days; none recorded:
  everyone for the whole event.
"""

from collections.abc import Iterable, Sequence
from datetime import date, datetime, time, timedelta

import sqlalchemy as sa
from flask import current_app

from clubs_exchange.clock import city_tz, local
from clubs_exchange.extensions import db
from clubs_exchange.funding.countries import country_code, in_europe
from clubs_exchange.funding.models import (
    EventParticipant,
    FundingApplication,
    GrantState,
    ParticipantRole,
)
from clubs_exchange.funding.terms import DayCounting, Direction, Meeting, Participant, Role
from clubs_exchange.proposals.models import Direction as EventDirection
from clubs_exchange.proposals.models import Proposal

# The states in which an application's meeting counts against a person's funded meetings of the year.
FUNDED_STATES = (GrantState.GRANTED, GrantState.REPORT_SUBMITTED, GrantState.PAID)

_ROLES = {ParticipantRole.PARTICIPANT: Role.PARTICIPANT, ParticipantRole.LEADER: Role.LEADER,
          ParticipantRole.OTHER: Role.OTHER}


def event_days(proposal: Proposal) -> tuple[date, date]:
    """The event's first and last day in the city's time zone (an end at midnight ends the day before)."""
    ends = local(proposal.ends_at)
    last = ends.date()
    if ends.time() == time(0) and ends > local(proposal.starts_at):
        last -= timedelta(days=1)
    return local(proposal.starts_at).date(), last


def all_days(proposal: Proposal) -> list[date]:
    first, last = event_days(proposal)
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def default_direction(proposal: Proposal) -> Direction:
    return Direction.OUTGOING if proposal.direction == EventDirection.OUTGOING else Direction.INCOMING


def home_country() -> str | None:
    return country_code(current_app.config.get("CITY_COUNTRY"))


def partner_country(proposal: Proposal) -> str | None:
    return country_code(proposal.partner_city.country)


def _countries(proposal: Proposal, participants: Iterable[EventParticipant] = ()) -> tuple[str, ...]:
    codes = [home_country(), partner_country(proposal)]
    codes += [country_code(p.partner_city.country) for p in participants if p.partner_city is not None]
    return tuple(dict.fromkeys(c for c in codes if c))


def _common(application: FundingApplication, proposal: Proposal, participants=()) -> dict:
    first, last = event_days(proposal)
    partner = partner_country(proposal)
    return dict(
        starts_on=first, ends_on=last, direction=application.direction,
        countries=_countries(proposal, participants),
        days_in_partner_city=application.days_in_partner_city,
        travel_cost_cents=application.travel_cost_cents,
        distance_km=application.distance_km,
        partner_outside_europe=bool(partner) and not in_europe(partner),
        applied_on=application.applied_on,
    )


def expected_meeting(application: FundingApplication) -> Meeting:
    """The meeting for an estimate: the proposal's expected people, no list."""
    proposal = application.proposal
    total = (proposal.participants_ours or 0) + (proposal.participants_guests or 0)
    leaders = min(application.expected_leaders or 0, total)
    invited = (proposal.participants_guests if application.direction == Direction.INCOMING
               else proposal.participants_ours) or 0
    return Meeting(**_common(application, proposal), expected_participants=total - leaders,
                   expected_leaders=leaders, expected_invited=invited)


def counted_attendance(days: set[date], first: date, last: date, counting: DayCounting) -> int:
    """Days present, counted as the scheme counts days: arrival and departure each, together as one, or not."""
    present = len(days)
    if first == last:
        return present
    travel = (first in days) + (last in days)
    if counting == DayCounting.TRAVEL_DAYS_AS_ONE:
        return present - (1 if travel == 2 else 0)
    if counting == DayCounting.FULL_DAYS_ONLY:
        return present - travel
    return present


def person_key(name: str, birth_year: int | None) -> str:
    return f"{' '.join(name.split()).casefold()}|{birth_year or ''}"


def meetings_this_year(application: FundingApplication, participants: Sequence[EventParticipant]) -> dict[str, int]:
    """Per listed person (by name): the other events of the same year whose application to the same scheme was
    granted (or beyond) and whose list holds the same name and year of birth. One query."""
    if not participants or application.scheme.max_meetings_per_person_year is None:
        return {}
    year = event_days(application.proposal)[0].year
    tz = city_tz()
    year_start = datetime(year, 1, 1, tzinfo=tz)
    year_end = datetime(year + 1, 1, 1, tzinfo=tz)
    names = {p.name for p in participants}
    rows = db.session.execute(
        sa.select(EventParticipant.name, EventParticipant.birth_year,
                  sa.func.count(sa.distinct(EventParticipant.proposal_id)))
        .join(FundingApplication, FundingApplication.proposal_id == EventParticipant.proposal_id)
        .join(Proposal, Proposal.id == EventParticipant.proposal_id)
        .where(FundingApplication.scheme_id == application.scheme_id,
               FundingApplication.state.in_(FUNDED_STATES),
               EventParticipant.proposal_id != application.proposal_id,
               EventParticipant.name.in_(names),
               EventParticipant.role != ParticipantRole.OTHER,
               Proposal.starts_at >= year_start, Proposal.starts_at < year_end)
        .group_by(EventParticipant.name, EventParticipant.birth_year)
    ).all()
    counts = {person_key(name, born): n for name, born, n in rows}
    return {p.name: counts[person_key(p.name, p.birth_year)] for p in participants
            if person_key(p.name, p.birth_year) in counts}


def listed_meeting(application: FundingApplication, participants: Sequence[EventParticipant]) -> Meeting:
    """The meeting for the report: the participant list (with its attendance loaded) and the yearly counts."""
    proposal = application.proposal
    first, last = event_days(proposal)
    recorded = any(p.attendance for p in participants)
    counting = application.scheme.day_counting
    people = tuple(
        Participant(
            name=p.name, birth_year=p.birth_year, role=_ROLES[p.role], invited=p.invited,
            country=country_code(p.partner_city.country) if p.partner_city is not None else home_country(),
            days_present=(counted_attendance({a.day for a in p.attendance}, first, last, counting)
                          if recorded else None),
        )
        for p in participants
    )
    return Meeting(**_common(application, proposal, participants), participants=people,
                   meetings_this_year=meetings_this_year(application, participants))


def load_participants(proposal_id: int) -> list[EventParticipant]:
    """An event's list with delegations and attendance, in a fixed number of queries."""
    from sqlalchemy.orm import selectinload

    return list(db.session.scalars(
        sa.select(EventParticipant).where(EventParticipant.proposal_id == proposal_id)
        .options(selectinload(EventParticipant.attendance), selectinload(EventParticipant.partner_city))
        .order_by(EventParticipant.partner_city_id.is_not(None), EventParticipant.partner_city_id,
                  EventParticipant.name, EventParticipant.id)
    ))
