"""An organisation's profile: what its page shows, who sees which proposals, and saving its details."""

from dataclasses import dataclass, field
from datetime import datetime

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import joinedload

from clubs_exchange.clock import utcnow
from clubs_exchange.errors import DomainError
from clubs_exchange.extensions import db
from clubs_exchange.interests.models import ExchangeInterest
from clubs_exchange.notifications.notify import notify
from clubs_exchange.organisations.models import AgeGroup, Organisation, OrganisationKind
from clubs_exchange.organisations.registration import organisation_name_taken, verify_organisation
from clubs_exchange.proposals.models import Proposal, ProposalState, proposal_co_organisers
from clubs_exchange.proposals.workflow import CALENDAR_STATES


class ProfileError(DomainError):
    """A profile that cannot be saved; `field` names the form field the message belongs to."""


@dataclass
class Profile:
    organisation: Organisation
    interests: list[ExchangeInterest] = field(default_factory=list)
    proposals: list[Proposal] = field(default_factory=list)
    upcoming_events: list[Proposal] = field(default_factory=list)
    past_events: list[Proposal] = field(default_factory=list)
    # True when older proposals or past events exist beyond the ones shown.
    more_proposals: bool = False
    more_past_events: bool = False


# The page shows the latest of each list, so its size does not grow with years of history.
LATEST = 20


def visible_proposal_states(*, sees_everything: bool) -> tuple[ProposalState, ...]:
    """Members and staff see drafts and reviews; everyone else only what reached the calendar."""
    return tuple(ProposalState) if sees_everything else CALENDAR_STATES


def load_profile(organisation: Organisation, *, sees_everything: bool, now: datetime | None = None) -> Profile:
    """Everything the profile page shows, in three queries whatever the numbers."""
    now = now or utcnow()
    interests = db.session.scalars(
        sa.select(ExchangeInterest)
        .options(joinedload(ExchangeInterest.partner_city))
        .where(ExchangeInterest.organisation_id == organisation.id, ExchangeInterest.is_open.is_(True))
        .order_by(ExchangeInterest.created_at.desc(), ExchangeInterest.id.desc())
    ).all()
    proposals = db.session.scalars(
        sa.select(Proposal)
        .options(joinedload(Proposal.partner_city))
        .where(
            Proposal.organisation_id == organisation.id,
            Proposal.state.in_(visible_proposal_states(sees_everything=sees_everything)),
        )
        .order_by(Proposal.starts_at.desc(), Proposal.id.desc())
        .limit(LATEST + 1)
    ).all()
    # Its own events or co-organised ones: a UNION of two indexed look-ups. An OR of both could use no
    # index and read all 40,000 approved events of a big city (≈90 ms).
    own_or_co_organised = sa.union(
        sa.select(Proposal.id).where(Proposal.organisation_id == organisation.id),
        sa.select(proposal_co_organisers.c.proposal_id).where(
            proposal_co_organisers.c.organisation_id == organisation.id
        ),
    )
    events = db.session.scalars(
        sa.select(Proposal)
        .options(joinedload(Proposal.partner_city))
        .where(Proposal.state == ProposalState.APPROVED, Proposal.id.in_(own_or_co_organised))
        .order_by(Proposal.starts_at, Proposal.id)
    ).all()
    past = [e for e in reversed(events) if e.ends_at < now]
    return Profile(
        organisation=organisation,
        interests=list(interests),
        proposals=list(proposals[:LATEST]),
        more_proposals=len(proposals) > LATEST,
        upcoming_events=[e for e in events if e.ends_at >= now],
        # The most recent past event first.
        past_events=past[:LATEST],
        more_past_events=len(past) > LATEST,
    )


def update_profile(
    organisation: Organisation,
    *,
    name: str,
    kind: OrganisationKind,
    discipline: str = "",
    member_count: int | None = None,
    age_groups: list[str] | None = None,
    languages: str = "",
    contact_name: str = "",
    email: str = "",
    phone: str = "",
    description: str = "",
) -> None:
    name = (name or "").strip()
    if not name:
        raise ProfileError(_("Please give the organisation's name."), "name")
    if organisation_name_taken(name, except_id=organisation.id):
        raise ProfileError(_("An organisation of this name is registered already."), "name")
    # Kept in the order of the choices, whatever order the boxes were ticked in.
    chosen = set(age_groups or [])
    organisation.name = name
    organisation.kind = kind
    organisation.discipline = (discipline or "").strip()
    organisation.member_count = member_count
    organisation.age_groups = ",".join(g.value for g in AgeGroup if g.value in chosen)
    organisation.languages = (languages or "").strip()
    organisation.contact_name = (contact_name or "").strip()
    organisation.email = (email or "").strip().lower()
    organisation.phone = (phone or "").strip()
    organisation.description = (description or "").strip()


def verify(organisation: Organisation, *, by) -> bool:
    """Verify a pending organisation; False if it was verified already (nothing changes then)."""
    if organisation.is_verified:
        return False
    verify_organisation(organisation, by=by)
    notify("organisation_verified", organisation=organisation, by=by)
    return True
