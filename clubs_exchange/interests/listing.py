"""Which interests a list shows: the open interests of all organisations with their filters, and one's own."""

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import contains_eager, joinedload

from clubs_exchange.extensions import db
from clubs_exchange.ids import parse_int
from clubs_exchange.interests.models import ExchangeInterest, InterestKind
from clubs_exchange.organisations.models import Organisation

MAX_SEARCH = 100


@dataclass(frozen=True)
class InterestFilters:
    partner_id: int | None = None
    kind: InterestKind | None = None
    text: str = ""

    @classmethod
    def from_args(cls, args) -> "InterestFilters":
        """Read ?partner=&kind=&q= leniently: a value that makes no sense is no filter, never an error."""
        partner_id = parse_int(args.get("partner"))
        kind = args.get("kind") or ""
        return cls(
            partner_id=partner_id,
            kind=InterestKind(kind) if kind in InterestKind._value2member_map_ else None,
            text=" ".join((args.get("q") or "").split())[:MAX_SEARCH],
        )

    def as_args(self) -> dict:
        """The filters as URL arguments, for links that keep them (paging, refreshing the list)."""
        return {
            k: v for k, v in
            {"partner": self.partner_id, "kind": self.kind.value if self.kind else None, "q": self.text}.items()
            if v
        }


def _with_relations(query: sa.Select) -> sa.Select:
    return query.options(joinedload(ExchangeInterest.organisation), joinedload(ExchangeInterest.partner_city))


def open_interests_query(filters: InterestFilters) -> sa.Select:
    """Open interests, newest first. A partner city filter keeps the interests for "any partner city" too:
    they are meant for that city as much as for any other."""
    query = _with_relations(sa.select(ExchangeInterest).where(ExchangeInterest.is_open.is_(True)))
    if filters.partner_id is not None:
        query = query.where(
            sa.or_(ExchangeInterest.partner_city_id == filters.partner_id, ExchangeInterest.partner_city_id.is_(None))
        )
    if filters.kind is not None:
        query = query.where(ExchangeInterest.kind == filters.kind)
    if filters.text:
        query = query.where(sa.func.lower(ExchangeInterest.activity).contains(filters.text.lower(), autoescape=True))
    return query.order_by(ExchangeInterest.created_at.desc(), ExchangeInterest.id.desc())


def own_interests(organisation_ids) -> list[ExchangeInterest]:
    """All interests of these organisations, open ones first."""
    if not organisation_ids:
        return []
    query = (
        sa.select(ExchangeInterest)
        .join(ExchangeInterest.organisation)
        .options(contains_eager(ExchangeInterest.organisation), joinedload(ExchangeInterest.partner_city))
        .where(ExchangeInterest.organisation_id.in_(organisation_ids))
        .order_by(Organisation.name, ExchangeInterest.is_open.desc(), ExchangeInterest.created_at.desc())
    )
    return list(db.session.scalars(query).unique())
