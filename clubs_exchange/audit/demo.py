"""Demo data of the audit trail: a few later corrections by the people who would make them.

Everything seed-demo creates is recorded anyway (as "command line (seed-demo)"); these entries show staff what
a trail of real work looks like: a person, a field, before → after.
"""

import sqlalchemy as sa

from clubs_exchange.audit.trail import acting_as
from clubs_exchange.auth.models import User
from clubs_exchange.extensions import db
from clubs_exchange.organisations.models import Organisation
from clubs_exchange.partners.models import PartnerCity
from clubs_exchange.proposals.models import Proposal, ProposalState


def seed_audit_demo() -> None:
    """Called once by seed_demo_data, after the rest is committed."""
    people = {u.email: u for u in db.session.scalars(
        sa.select(User).where(User.email.in_(["staff@example.org", "football@example.org"]))
    )}
    staff, secretary = people.get("staff@example.org"), people.get("football@example.org")
    if staff is None or secretary is None:
        return
    with acting_as(staff):
        kortrijk = db.session.scalar(sa.select(PartnerCity).where(PartnerCity.name == "Kortrijk"))
        if kortrijk is not None:
            kortrijk.languages = "Dutch, French, English"
        db.session.commit()
    with acting_as(secretary):
        club = db.session.scalar(sa.select(Organisation).where(Organisation.name == "FC Blau-Weiß 1921"))
        if club is not None:
            club.member_count = (club.member_count or 0) + 12
            draft = db.session.scalar(
                sa.select(Proposal).where(Proposal.organisation_id == club.id, Proposal.state == ProposalState.DRAFT)
            )
            if draft is not None:
                draft.participants_ours += 4
        db.session.commit()
