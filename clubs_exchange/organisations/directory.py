"""Finding organisations: the list's search by name or discipline and its filters by kind and status."""

from dataclasses import dataclass

import sqlalchemy as sa

from clubs_exchange.extensions import db
from clubs_exchange.organisations.models import Organisation, OrganisationKind, OrganisationStatus


def like_pattern(text: str) -> str:
    """A LIKE pattern that finds `text` anywhere, with % and _ taken literally."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def organisation_search(
    q: str = "", *, kind: OrganisationKind | None = None, status: OrganisationStatus | None = None
) -> sa.Select:
    """Organisations whose name or discipline contains `q` (any case), of a kind and status, by name."""
    query = sa.select(Organisation).order_by(sa.func.lower(Organisation.name), Organisation.id)
    q = (q or "").strip()
    if q:
        pattern = like_pattern(q)
        query = query.where(
            sa.or_(
                Organisation.name.ilike(pattern, escape="\\"),
                Organisation.discipline.ilike(pattern, escape="\\"),
            )
        )
    if kind is not None:
        query = query.where(Organisation.kind == kind)
    if status is not None:
        query = query.where(Organisation.status == status)
    return query


def read_directory_filters(args, *, staff: bool):
    """The list's filter form bound to the address and the search it asks for, as keyword arguments of
    organisation_search(): the list page and its CSV export read the address the same way. Only staff filter
    by status."""
    from clubs_exchange.organisations.forms import OrganisationFilterForm

    form = OrganisationFilterForm(args)
    if not staff:
        del form.status
    valid = form.validate()
    filters = {
        "q": "" if form.q.errors else (form.q.data or ""),
        "kind": OrganisationKind(form.kind.data) if form.kind.data and not form.kind.errors else None,
    }
    if "status" in form and form.status.data and not form.status.errors:
        filters["status"] = OrganisationStatus(form.status.data)
    return form, filters, valid


SUGGESTIONS = 8
# While a name is typed the first letters match hundreds: past this many the suggestions say "more than", so
# the count stops reading there instead of matching every organisation (the list page counts them all).
SUGGESTION_COUNT_CAP = 100


@dataclass(frozen=True)
class Suggestions:
    total: int  # at most SUGGESTION_COUNT_CAP + 1: more than the cap
    first: list  # rows of (id, name, kind, discipline)

    @property
    def more_than_cap(self) -> bool:
        return self.total > SUGGESTION_COUNT_CAP

    @property
    def cap(self) -> int:
        return SUGGESTION_COUNT_CAP


def suggestions(q: str, **filters) -> Suggestions:
    """The first few matches of a search and how many there are, up to a cap: two queries, a few hundred bytes.
    Both stop early: the first ones are read in the order of the lower(name) index, the count after the cap."""
    query = organisation_search(q, **filters)
    capped = query.order_by(None).with_only_columns(Organisation.id).limit(SUGGESTION_COUNT_CAP + 1)
    total = db.session.scalar(sa.select(sa.func.count()).select_from(capped.subquery()))
    columns = (Organisation.id, Organisation.name, Organisation.kind, Organisation.discipline)
    first = db.session.execute(query.with_only_columns(*columns).limit(SUGGESTIONS)).all()
    return Suggestions(total, first)
