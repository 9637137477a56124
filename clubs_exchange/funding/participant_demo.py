"""Demo data of the participant lists: a past event with two delegations and attendance recorded, and the next
incoming visit with our people listed and some of its guests taken over."""

from datetime import timedelta

import sqlalchemy as sa

from clubs_exchange import clock
from clubs_exchange.extensions import db
from clubs_exchange.funding.meetings import all_days
from clubs_exchange.funding.models import EventParticipant, ParticipantRole
from clubs_exchange.funding.participants import (
    ParticipantDetails,
    save_attendance,
    save_participant,
    take_over_guests,
    travels_in,
)
from clubs_exchange.hosting.models import Guest
from clubs_exchange.proposals.models import Proposal, ProposalState

P, L, OT = ParticipantRole.PARTICIPANT, ParticipantRole.LEADER, ParticipantRole.OTHER
# name, year of birth, role, organisation or school
HOME_PEOPLE = [
    ("Anna Weber", 1978, L, "Kammerchor St. Marien"), ("Lukas Hoffmann", 2008, P, "Goethe-Gymnasium"),
    ("Marie Schneider", 2009, P, "Goethe-Gymnasium"), ("Paul Fischer", 2007, P, "Kammerchor St. Marien"),
    ("Sophie Wagner", 2010, P, "Goethe-Gymnasium"), ("Jonas Becker", 2008, P, "Kammerchor St. Marien"),
]
GUEST_PEOPLE = [
    ("Élise Moreau", 1982, L, "Chorale des Alpes"), ("Noah Petit", 2009, P, "Collège Jean Monnet"),
    ("Zoé Leroy", 2008, P, "Collège Jean Monnet"), ("Hugo Roux", 2010, P, "Chorale des Alpes"),
    ("Clément Faure", 1990, OT, "Chorale des Alpes"),
]


def _list(proposal, people, town) -> list[EventParticipant]:
    return [save_participant(proposal, None, ParticipantDetails(
        name=name, residence=town.name if town else "Home City", organisation_name=organisation, birth_year=born,
        role=role, invited=travels_in(proposal, town.id if town else None),
        partner_city_id=town.id if town else None))
        for name, born, role, organisation in people]


def seed_participant_lists() -> None:
    now = clock.utcnow()
    approved = sa.select(Proposal).where(Proposal.state == ProposalState.APPROVED).order_by(Proposal.starts_at)
    past = db.session.scalars(approved.where(Proposal.ends_at < now - timedelta(days=2))).all()
    if past:
        # An event of several days (attendance per day says something), the choir's where it has one: its
        # secretary's login walks the pages.
        longer = [e for e in past if len(all_days(e)) > 1] or past
        event = next((e for e in reversed(longer) if e.organisation.name == "Kammerchor St. Marien"), longer[-1])
        people = _list(event, HOME_PEOPLE, None) + _list(event, GUEST_PEOPLE, event.partner_city)
        db.session.flush()
        days = all_days(event)
        # Everyone every day, but two who missed the last day.
        present = {(p.id, d) for p in people for d in days}
        present -= {(p.id, days[-1]) for p in people[1:3]} if len(days) > 1 else set()
        save_attendance(event, people, present)
    visit = db.session.scalar(sa.select(Guest.proposal_id).order_by(Guest.id).limit(1))
    future = db.session.get(Proposal, visit) if visit else db.session.scalar(approved.where(Proposal.starts_at > now))
    if future is not None:
        _list(future, HOME_PEOPLE[:3], None)
        guests = db.session.scalars(sa.select(Guest.id).where(Guest.proposal_id == future.id).order_by(Guest.id)
                                    .limit(6)).all()
        take_over_guests(future, set(guests), future.partner_city)
    db.session.flush()
