"""A guest's data: saved from the form or the import, erased on request (the export: privacy/personal_data.py)."""

from dataclasses import asdict, dataclass
from datetime import date

import sqlalchemy as sa

from clubs_exchange.clock import local
from clubs_exchange.extensions import db
from clubs_exchange.funding.models import EventParticipant
from clubs_exchange.hosting.models import Guest, HostingSummary, HostingViewLog, Placement
from clubs_exchange.proposals.models import Proposal

ADULT_AGE = 18


@dataclass
class GuestDetails:
    """What a guest list says about a guest, as plain values (from the form or a CSV row)."""

    name: str
    date_of_birth: date | None = None
    age: int | None = None
    gender: str = ""
    languages: str = ""
    dietary_needs: str = ""
    allergies: str = ""
    pet_allergy: bool = False
    accessibility_needs: str = ""
    wishes_with: str = ""
    parental_consent: bool = False
    notes: str = ""


def age_on(born: date, day: date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def is_minor(details: GuestDetails, event_day: date) -> bool:
    """Minor on the first day of the event: by the date of birth where given, else by the stated age."""
    if details.date_of_birth is not None:
        return age_on(details.date_of_birth, event_day) < ADULT_AGE
    return details.age is not None and details.age < ADULT_AGE


def clean(value):
    """Text as stored: trimmed, without NUL characters (PostgreSQL refuses them in text)."""
    return value.replace("\x00", "").strip() if isinstance(value, str) else value


def save_guest(proposal: Proposal, guest: Guest | None, details: GuestDetails) -> Guest:
    if guest is None:
        guest = Guest(proposal_id=proposal.id)
        db.session.add(guest)
    for name, value in asdict(details).items():
        setattr(guest, name, clean(value))
    guest.is_minor = is_minor(details, local(proposal.starts_at).date())
    return guest


def remove_guests(proposal_id: int, guest_ids: list[int]) -> tuple[int, int]:
    """Delete these guests of one event, keeping how many there were and how many were hosted.

    Returns (guests removed, of whom hosted)."""
    if not guest_ids:
        return 0, 0
    hosted = db.session.scalar(
        sa.select(sa.func.count()).select_from(Placement).where(Placement.guest_id.in_(guest_ids))
    )
    summary = db.session.scalar(sa.select(HostingSummary).where(HostingSummary.proposal_id == proposal_id))
    if summary is None:
        summary = HostingSummary(proposal_id=proposal_id, guests_removed=0, guests_hosted=0)
        db.session.add(summary)
    summary.guests_removed += len(guest_ids)
    summary.guests_hosted += hosted
    # Explicit deletes and SET NULLs: SQLite does not enforce ON DELETE rules unless told to, and both databases
    # must end the same (a funding participant taken from the guest list keeps its row, without the link).
    quick = {"synchronize_session": False}
    db.session.execute(
        sa.update(HostingViewLog).where(HostingViewLog.guest_id.in_(guest_ids)).values(guest_id=None),
        execution_options=quick,
    )
    db.session.execute(
        sa.update(EventParticipant).where(EventParticipant.guest_id.in_(guest_ids)).values(guest_id=None),
        execution_options=quick,
    )
    db.session.execute(sa.delete(Placement).where(Placement.guest_id.in_(guest_ids)), execution_options=quick)
    db.session.execute(sa.delete(Guest).where(Guest.id.in_(guest_ids)), execution_options=quick)
    db.session.expire_all()
    return len(guest_ids), hosted


def erase_guest(guest: Guest) -> None:
    """Erase a guest's personal data on request; the event keeps the count.

    Other guests may name this one as a companion: the name goes from their wishes too."""
    name = guest.name.strip().casefold()
    others = db.session.scalars(
        sa.select(Guest).where(Guest.proposal_id == guest.proposal_id, Guest.id != guest.id, Guest.wishes_with != "")
    )
    for other in others:
        if any(n.casefold() == name for n in other.companion_names):
            other.wishes_with = ", ".join(n for n in other.companion_names if n.casefold() != name)
    db.session.flush()
    remove_guests(guest.proposal_id, [guest.id])
