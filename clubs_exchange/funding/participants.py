"""An event's participant lists: delegations, counts, the guests taken over, attendance, and what the purge keeps.

Plain functions over the rows of funding/models.py; the routes (participant_routes.py) parse and authorise, these
change, the route commits once. Ages are the year of the event's start minus the year of birth, as the rules
count them (rules.py): lists hold a year, not a date.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime

import sqlalchemy as sa
from flask_babel import gettext as _

from clubs_exchange.errors import DomainError
from clubs_exchange.extensions import db
from clubs_exchange.funding.meetings import all_days, event_days
from clubs_exchange.funding.models import (
    EventParticipant,
    FundingApplication,
    FundingScheme,
    ParticipantAttendance,
    ParticipantListSummary,
    ParticipantRole,
)
from clubs_exchange.partners.models import PartnerCity
from clubs_exchange.proposals.models import Proposal

HOME = "home"  # the home city's delegation in URLs and forms; a partner town's is its id


@dataclass(frozen=True)
class ParticipantDetails:
    name: str
    residence: str = ""
    organisation_name: str = ""
    birth_year: int | None = None
    role: ParticipantRole = ParticipantRole.PARTICIPANT
    invited: bool = False
    partner_city_id: int | None = None


@dataclass
class Delegation:
    """The people one town sends: the home city's (partner_city None) or a partner town's."""

    partner_city: PartnerCity | None
    participants: list[EventParticipant] = field(default_factory=list)

    @property
    def key(self) -> str:
        return HOME if self.partner_city is None else str(self.partner_city.id)

    @property
    def counts(self) -> Counter:
        return role_counts(self.participants)


def delegation_key(partner_city_id: int | None) -> str:
    return HOME if partner_city_id is None else str(partner_city_id)


def clean(value: str | None) -> str:
    """Text as stored: trimmed, without NUL characters (PostgreSQL refuses them)."""
    return " ".join((value or "").replace("\x00", "").split())


def travels_in(proposal: Proposal, partner_city_id: int | None) -> bool:
    """Whether a delegation travels in from abroad (CERV's invited participants): a partner town's to a meeting
    here, the home city's on a trip to the partner."""
    from clubs_exchange.proposals.models import Direction

    if proposal.direction == Direction.OUTGOING:
        return partner_city_id is None
    return partner_city_id is not None


def age_at(proposal: Proposal, birth_year: int | None) -> int | None:
    if birth_year is None:
        return None
    return event_days(proposal)[0].year - birth_year


def role_counts(participants) -> Counter:
    counts = Counter(p.role for p in participants)
    counts["invited"] = sum(1 for p in participants if p.invited)
    counts["total"] = len(participants)
    return counts


def list_counts(proposal_id: int) -> dict:
    """{participant, leader, other: n, "purged": bool} of an event's list; after the purge, the counts kept."""
    rows = dict(db.session.execute(sa.select(EventParticipant.role, sa.func.count(EventParticipant.id))
                                   .where(EventParticipant.proposal_id == proposal_id)
                                   .group_by(EventParticipant.role)).all())
    if not rows:
        kept = db.session.scalar(sa.select(ParticipantListSummary)
                                 .where(ParticipantListSummary.proposal_id == proposal_id))
        if kept is not None:
            return {ParticipantRole.PARTICIPANT: kept.participants, ParticipantRole.LEADER: kept.leaders,
                    ParticipantRole.OTHER: kept.others, "purged": True}
    return {**{role: rows.get(role, 0) for role in ParticipantRole}, "purged": False}


def delegations(proposal: Proposal, participants: list[EventParticipant]) -> list[Delegation]:
    """The home city's delegation, the event's partner town's, then any other town on the list: each with its
    people (in the list's order)."""
    by_key: dict[str, Delegation] = {HOME: Delegation(None),
                                     str(proposal.partner_city_id): Delegation(proposal.partner_city)}
    for p in participants:
        key = delegation_key(p.partner_city_id)
        if key not in by_key:
            by_key[key] = Delegation(p.partner_city)
        by_key[key].participants.append(p)
    return list(by_key.values())


def delegation_of(proposal: Proposal, key: str | None) -> PartnerCity | None:
    """The town a delegation key names (None: the home city); DomainError for a town not on offer."""
    if key in (None, "", HOME):
        return None
    town = db.session.get(PartnerCity, int(key)) if key.isdigit() and len(key) < 10 else None
    if town is None:
        raise DomainError(_("Choose the delegation from the list."), "delegation")
    return town


def save_participant(proposal: Proposal, participant: EventParticipant | None,
                     details: ParticipantDetails) -> EventParticipant:
    participant = participant or EventParticipant(proposal_id=proposal.id)
    participant.name = clean(details.name)
    participant.residence = clean(details.residence)
    participant.organisation_name = clean(details.organisation_name)
    participant.birth_year = details.birth_year
    participant.role = details.role
    participant.invited = details.invited
    participant.partner_city_id = details.partner_city_id
    db.session.add(participant)
    return participant


def remove_participant(participant: EventParticipant) -> None:
    db.session.delete(participant)


# --- the event's guests, taken over ---------------------------------------------------------------------------

def guests_to_take_over(proposal: Proposal) -> tuple[list, set[int]]:
    """The event's guests (hosting) and the ids of those already on the list. Two queries."""
    from clubs_exchange.hosting.models import Guest

    guests = list(db.session.scalars(sa.select(Guest).where(Guest.proposal_id == proposal.id)
                                     .order_by(Guest.name, Guest.id)))
    taken = set(db.session.scalars(sa.select(EventParticipant.guest_id).where(
        EventParticipant.proposal_id == proposal.id, EventParticipant.guest_id.is_not(None))))
    return guests, taken


def guest_birth_year(guest, proposal: Proposal) -> int | None:
    if guest.date_of_birth is not None:
        return guest.date_of_birth.year
    if guest.age is not None:
        return event_days(proposal)[0].year - guest.age
    return None


def take_over_guests(proposal: Proposal, guest_ids: set[int], town: PartnerCity) -> list[EventParticipant]:
    """The chosen guests on the list, in the town's delegation, invited; a guest taken over before is left out."""
    guests, taken = guests_to_take_over(proposal)
    added = []
    for guest in guests:
        if guest.id not in guest_ids or guest.id in taken:
            continue
        participant = save_participant(proposal, None, ParticipantDetails(
            name=guest.name, residence=town.name, birth_year=guest_birth_year(guest, proposal),
            role=ParticipantRole.PARTICIPANT, invited=True, partner_city_id=town.id))
        participant.guest_id = guest.id
        added.append(participant)
    return added


# --- attendance -------------------------------------------------------------------------------------------------

def is_recorded(participants) -> bool:
    return any(p.attendance for p in participants)


def present_days(participant: EventParticipant) -> set[date]:
    return {a.day for a in participant.attendance}


def save_attendance(proposal: Proposal, participants: list[EventParticipant],
                    present: set[tuple[int, date]]) -> int:
    """The grid as ticked replaces what was recorded: (participant id, day) pairs of the event's days; returns
    the participant-days recorded. An empty grid means "not recorded"."""
    days = set(all_days(proposal))
    ids = {p.id for p in participants}
    wanted = {(pid, day) for pid, day in present if pid in ids and day in days}
    for p in participants:
        for row in list(p.attendance):
            if (p.id, row.day) not in wanted:
                p.attendance.remove(row)
        have = present_days(p)
        for day in sorted(d for pid, d in wanted if pid == p.id and d not in have):
            p.attendance.append(ParticipantAttendance(day=day))
    return len(wanted)


def participant_days(proposal: Proposal, participants) -> int:
    """Calendar days present of the funded roles (participants and leaders): per attendance when recorded, else
    everyone for the whole event."""
    counted = [p for p in participants if p.role != ParticipantRole.OTHER]
    if is_recorded(participants):
        return sum(len(p.attendance) for p in counted)
    return len(counted) * len(all_days(proposal))


# --- the funder on the signature list -----------------------------------------------------------------------------

def applications_of(proposal_id: int) -> list[FundingApplication]:
    """The event's applications, one per scheme: the latest (a scheme planned again after a withdrawal has its
    new application, never the withdrawn one)."""
    latest = {a.scheme_id: a for a in db.session.scalars(
        sa.select(FundingApplication).where(FundingApplication.proposal_id == proposal_id)
        .options(sa.orm.joinedload(FundingApplication.scheme)).order_by(FundingApplication.id))}
    return sorted(latest.values(), key=lambda a: a.id)


def chosen_application(applications: list[FundingApplication], scheme_id: int | None) -> FundingApplication | None:
    """The application whose scheme the query names; else the event's first."""
    if scheme_id is not None:
        return next((a for a in applications if a.scheme_id == scheme_id), None)
    return applications[0] if applications else None


# --- retention ----------------------------------------------------------------------------------------------------

def months_before(moment: datetime, months: int) -> datetime:
    from clubs_exchange.hosting.retention import months_before as shift

    return shift(moment, months)


def retention_months(scheme_months: list[int | None], default: int) -> int:
    """The longest retention of the schemes an event applied to; the setting where none says one."""
    given = [m for m in scheme_months if m is not None]
    return max(given) if given else default


def purge_participant_lists(now: datetime, default_months: int) -> dict[int, int]:
    """Remove the list of every event whose end lies further back than its retention; the counts stay in
    ParticipantListSummary. Returns {event id: people removed}."""
    events = db.session.execute(
        sa.select(Proposal.id, Proposal.ends_at).where(
            Proposal.id.in_(sa.select(EventParticipant.proposal_id)),
            Proposal.ends_at < now)
    ).all()
    if not events:
        return {}
    months: dict[int, list[int | None]] = {pid: [] for pid, _ends in events}
    for pid, kept in db.session.execute(
            sa.select(FundingApplication.proposal_id, FundingScheme.list_retention_months)
            .join(FundingScheme, FundingScheme.id == FundingApplication.scheme_id)
            .where(FundingApplication.proposal_id.in_(months))):
        months[pid].append(kept)
    removed: dict[int, int] = {}
    for pid, ends_at in events:
        if ends_at >= months_before(now, retention_months(months[pid], default_months)):
            continue
        proposal = db.session.get(Proposal, pid)
        from clubs_exchange.funding.meetings import load_participants

        people = load_participants(pid)
        summary = db.session.scalar(sa.select(ParticipantListSummary).where(ParticipantListSummary.proposal_id == pid))
        summary = summary or ParticipantListSummary(proposal_id=pid)
        counts = role_counts(people)
        summary.participants = counts[ParticipantRole.PARTICIPANT]
        summary.leaders = counts[ParticipantRole.LEADER]
        summary.others = counts[ParticipantRole.OTHER]
        summary.invited = counts["invited"]
        summary.participant_days = participant_days(proposal, people)
        summary.purged_at = now
        db.session.add(summary)
        db.session.execute(sa.delete(ParticipantAttendance).where(
            ParticipantAttendance.participant_id.in_([p.id for p in people])))
        db.session.execute(sa.delete(EventParticipant).where(EventParticipant.proposal_id == pid))
        removed[pid] = len(people)
    db.session.flush()
    return removed
