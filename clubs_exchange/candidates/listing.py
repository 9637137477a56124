"""Candidates with their fit scores, sorted and filtered: three queries whatever their number."""

from dataclasses import dataclass

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.orm import joinedload

from clubs_exchange.candidates.models import Candidate
from clubs_exchange.candidates.scoring import Fit, Municipality, club_vocabulary, fit
from clubs_exchange.extensions import db
from clubs_exchange.organisations.models import Organisation, OrganisationStatus
from clubs_exchange.partners.models import split_list

SORTS = ("score", "name", "population")


@dataclass(frozen=True)
class ScoredCandidate:
    candidate: Candidate
    fit: Fit


def home_municipality() -> Municipality:
    config = current_app.config
    return Municipality(
        population=config["HOME_POPULATION"],
        structure=config["HOME_STRUCTURE"],
        languages=tuple(split_list(config["HOME_LANGUAGES"])),
    )


def home_clubs() -> set[str]:
    """The home city's club life: kinds and disciplines of its verified organisations, one query."""
    rows = db.session.execute(
        sa.select(Organisation.kind, Organisation.discipline)
        .where(Organisation.status == OrganisationStatus.VERIFIED)
        .distinct()
    ).all()
    return club_vocabulary((kind.value, discipline) for kind, discipline in rows)


def as_municipality(candidate: Candidate) -> Municipality:
    return Municipality(
        population=candidate.population,
        structure=candidate.structure.value if candidate.structure else None,
        languages=tuple(candidate.language_list),
        activities=tuple(candidate.activity_list),
    )


def score_of(candidate: Candidate, *, home: Municipality | None = None, clubs: set[str] | None = None) -> Fit:
    return fit(
        home or home_municipality(),
        as_municipality(candidate),
        home_clubs=home_clubs() if clubs is None else clubs,
        tie_strengths=[tie.strength.value for tie in candidate.ties],
        weights=current_app.config["FIT_WEIGHTS"],
    )


def scored_candidates(
    *, min_score: int = 0, sort: str = "score", include_promoted: bool = False, search: str = ""
) -> list[ScoredCandidate]:
    """Every candidate with its fit, best first (or by name or size), at least `min_score`."""
    # Joined, not selectin: an IN-list of ids splits into another query every 500 candidates.
    query = sa.select(Candidate).options(joinedload(Candidate.ties))
    if not include_promoted:
        query = query.where(Candidate.partner_city_id.is_(None))
    if search.strip():
        # % and _ are taken literally: a search for "_" finds names with an underscore, not every name.
        text = search.strip().lower()
        query = query.where(sa.or_(sa.func.lower(Candidate.name).contains(text, autoescape=True),
                                   sa.func.lower(Candidate.country).contains(text, autoescape=True)))
    home, clubs = home_municipality(), home_clubs()
    rows = [ScoredCandidate(c, score_of(c, home=home, clubs=clubs)) for c in db.session.scalars(query).unique()]
    rows = [row for row in rows if row.fit.score >= min_score]
    if sort == "name":
        rows.sort(key=lambda r: (r.candidate.name.lower(), r.candidate.country.lower()))
    elif sort == "population":
        rows.sort(key=lambda r: (-(r.candidate.population or 0), r.candidate.name.lower()))
    else:
        rows.sort(key=lambda r: (-r.fit.score, r.candidate.name.lower()))
    return rows
