"""Keeping partner candidates: saving one, its ties, and promoting it to a partner city."""

from datetime import date

import sqlalchemy as sa
from flask_babel import gettext as _

from clubs_exchange import clock
from clubs_exchange.candidates.models import Candidate, Tie, TieKind, TieStrength
from clubs_exchange.extensions import db
from clubs_exchange.partners.directory import partner_taken
from clubs_exchange.partners.errors import PartnerError
from clubs_exchange.partners.languages import language_for_country
from clubs_exchange.partners.levels import record_level_change
from clubs_exchange.partners.models import CityStructure, PartnerCity, PartnershipState, RelationshipLevel


class CandidateError(PartnerError):
    """A candidate, tie or promotion that cannot be saved; `field` names the form field."""


def candidate_taken(name: str, country: str, *, except_id: int | None = None) -> bool:
    query = sa.select(Candidate.id).where(
        sa.func.lower(Candidate.name) == name.strip().lower(),
        sa.func.lower(Candidate.country) == country.strip().lower(),
    )
    if except_id is not None:
        query = query.where(Candidate.id != except_id)
    return db.session.scalar(query) is not None


def save_candidate(
    candidate: Candidate | None,
    *,
    name: str,
    country: str,
    region: str = "",
    population: int | None = None,
    structure: CityStructure | None = None,
    languages: str = "",
    activities: str = "",
    notes: str = "",
    source: str = "",
) -> Candidate:
    """Create (candidate None) or change a candidate; one per name and country."""
    name, country = (name or "").strip(), (country or "").strip()
    if not name:
        raise CandidateError(_("Please give the municipality's name."), "name")
    if not country:
        raise CandidateError(_("Please give the country."), "country")
    if population is not None and population <= 0:
        raise CandidateError(_("The population is a number of inhabitants above zero."), "population")
    if candidate_taken(name, country, except_id=candidate.id if candidate else None):
        raise CandidateError(_("%(name)s (%(country)s) is a candidate already.", name=name, country=country), "name")
    if candidate is None:
        candidate = Candidate(source=source)
        db.session.add(candidate)
    candidate.name, candidate.country, candidate.region = name, country, (region or "").strip()
    candidate.population, candidate.structure = population, structure
    candidate.languages = ", ".join(p.strip() for p in (languages or "").replace(";", ",").split(",") if p.strip())
    candidate.activities = ", ".join(
        p.strip().lower() for p in (activities or "").replace(";", ",").split(",") if p.strip()
    )
    candidate.notes = (notes or "").strip()
    return candidate


def add_tie(
    candidate: Candidate, *, kind: TieKind, ours: str, theirs: str, since: date | None, strength: TieStrength,
    today: date | None = None,
) -> Tie:
    ours, theirs = (ours or "").strip(), (theirs or "").strip()
    if not ours:
        raise CandidateError(_("Please say who on our side has the contact."), "ours")
    if not theirs:
        raise CandidateError(_("Please say with whom at the candidate."), "theirs")
    if since is not None and since > (today or clock.today()):
        raise CandidateError(_("A tie cannot start in the future."), "since")
    tie = Tie(kind=kind, ours=ours, theirs=theirs, since=since, strength=strength)
    candidate.ties.append(tie)
    return tie


def promote(candidate: Candidate, *, actor) -> PartnerCity:
    """Make the candidate a partner city at the level of a town contact; the candidate keeps a link to it."""
    if candidate.partner_city_id is not None:
        raise CandidateError(_("%(name)s is a partner city already.", name=candidate.name), "promote")
    if partner_taken(candidate.name, candidate.country):
        raise CandidateError(
            _("A partner city %(name)s (%(country)s) exists already.", name=candidate.name, country=candidate.country),
            "promote",
        )
    partner = PartnerCity(
        name=candidate.name, country=candidate.country, region=candidate.region, population=candidate.population,
        structure=candidate.structure, languages=candidate.languages, activities=candidate.activities,
        relationship_level=RelationshipLevel.CONTACT, state=PartnershipState.EXPLORING,
        language=language_for_country(candidate.country),  # its printed documents' second language
    )
    db.session.add(partner)
    record_level_change(partner, None, RelationshipLevel.CONTACT, actor=actor,
                        note=_("Promoted from the partner candidates."))
    candidate.partner_city = partner
    return partner
