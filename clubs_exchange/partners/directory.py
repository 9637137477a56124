"""Partner cities: the list with their numbers of upcoming events, their events, and keeping their details."""

from datetime import date, datetime

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import joinedload

from clubs_exchange.clock import utcnow
from clubs_exchange.extensions import db
from clubs_exchange.languages import offered
from clubs_exchange.links import web_address
from clubs_exchange.localised.loading import titles_in_reader_language
from clubs_exchange.partners.errors import PartnerError
from clubs_exchange.partners.languages import language_for_country
from clubs_exchange.partners.levels import change_level, check_change_date, check_friendship, record_level_change
from clubs_exchange.partners.models import CityStructure, PartnerCity, PartnershipState, RelationshipLevel
from clubs_exchange.proposals.models import Proposal, ProposalState


def _upcoming(now: datetime):
    return sa.and_(Proposal.state == ProposalState.APPROVED, Proposal.ends_at >= now)


def partners_with_upcoming_counts(*, now: datetime | None = None) -> list[tuple[PartnerCity, int]]:
    """Every partner city by name, with the number of its approved events not yet over: one query."""
    counts = (
        sa.select(Proposal.partner_city_id, sa.func.count(Proposal.id).label("upcoming"))
        .where(_upcoming(now or utcnow()))
        .group_by(Proposal.partner_city_id)
        .subquery()
    )
    rows = db.session.execute(
        sa.select(PartnerCity, sa.func.coalesce(counts.c.upcoming, 0))
        .outerjoin(counts, counts.c.partner_city_id == PartnerCity.id)
        .order_by(sa.func.lower(PartnerCity.name), PartnerCity.country, PartnerCity.id)
    ).all()
    return [(partner, count) for partner, count in rows]


def upcoming_events(partner: PartnerCity, *, now: datetime | None = None) -> list[Proposal]:
    """The partner's approved events that are not over yet, soonest first."""
    return list(
        db.session.scalars(
            sa.select(Proposal)
            .options(joinedload(Proposal.organisation), titles_in_reader_language())
            .where(Proposal.partner_city_id == partner.id, _upcoming(now or utcnow()))
            .order_by(Proposal.starts_at, Proposal.id)
        ).unique()
    )


def partner_taken(name: str, country: str, *, except_id: int | None = None) -> bool:
    query = sa.select(PartnerCity.id).where(
        sa.func.lower(PartnerCity.name) == name.strip().lower(),
        sa.func.lower(PartnerCity.country) == country.strip().lower(),
    )
    if except_id is not None:
        query = query.where(PartnerCity.id != except_id)
    return db.session.scalar(query) is not None


def save_partner(
    partner: PartnerCity | None,
    *,
    name: str,
    country: str,
    relationship_level: RelationshipLevel,
    languages: str = "",
    language: str | None = None,
    actor=None,
    level_note: str = "",
    friendship_until: date | None = None,
    friendship_project: str = "",
    level_changed_on: date | None = None,
    **details,
) -> PartnerCity:
    """Create (partner None) or change a partner city; one city per name and country. A change of level is
    recorded in the level history on level_changed_on (default today); a town friendship needs an end date or a
    project."""
    name, country = (name or "").strip(), (country or "").strip()
    if not name:
        raise PartnerError(_("Please give the city's name."), "name")
    if not country:
        raise PartnerError(_("Please give the country."), "country")
    if partner_taken(name, country, except_id=partner.id if partner is not None else None):
        raise PartnerError(_("%(name)s (%(country)s) is a partner city already.", name=name, country=country), "name")
    check_friendship(relationship_level, friendship_until, friendship_project)
    website = (details.get("website") or "").strip()
    if website and not web_address(website):
        raise PartnerError(_("Give the website's full address, starting with https:// or http://."), "website")
    if partner is None or partner.relationship_level != relationship_level:
        level_changed_on = check_change_date(level_changed_on)
    if partner is None:
        partner = PartnerCity(relationship_level=relationship_level, state=PartnershipState.EXPLORING)
        db.session.add(partner)
        record_level_change(partner, None, relationship_level, actor=actor, note=level_note, on=level_changed_on)
    else:
        change_level(partner, relationship_level, actor=actor, note=level_note, on=level_changed_on,
                     friendship_until=friendship_until, friendship_project=friendship_project)
    partner.name = name
    partner.country = country
    partner.languages = (languages or "").strip()
    if language is not None:
        partner.language = language if language in offered() else ""  # "": another language
    elif partner.id is None:
        partner.language = language_for_country(country)  # a new city without a choice: its country's language
    partner.friendship_until = friendship_until
    partner.friendship_project = (friendship_project or "").strip()
    if details.get("description_language"):
        partner.description_language = details["description_language"]
    for key in ("region", "website", "activities", "description"):
        if key in details:
            setattr(partner, key, (details[key] or "").strip())
    if "population" in details:
        partner.population = details["population"]
    if "structure" in details:
        partner.structure = CityStructure(details["structure"]) if details["structure"] else None
    if details.get("state"):
        partner.state = PartnershipState(details["state"])
    db.session.flush()  # a new partner city has its id, for the address of its page
    return partner
