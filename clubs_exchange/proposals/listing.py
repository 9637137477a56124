"""Which proposals a person finds in the list, counted per state; one proposal with everything its page shows."""

from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import joinedload, selectinload

from clubs_exchange import clock
from clubs_exchange.extensions import db
from clubs_exchange.forms import select_choices
from clubs_exchange.organisations.models import Organisation
from clubs_exchange.partners.models import PartnerCity
from clubs_exchange.proposals.models import (
    EventKind,
    Proposal,
    ProposalState,
    ProposalStep,
    proposal_co_organisers,
)


def load_for_page(proposal_id: int) -> Proposal | None:
    """A proposal with its organisations, partner city, history (with the actors) and funding applications (with
    their schemes, in the proposal's own statement), in a fixed few queries."""
    from clubs_exchange.funding.models import FundingApplication

    return db.session.scalars(
        sa.select(Proposal)
        .where(Proposal.id == proposal_id)
        .options(
            joinedload(Proposal.organisation),
            joinedload(Proposal.partner_city),
            joinedload(Proposal.funding_applications).joinedload(FundingApplication.scheme),
            selectinload(Proposal.co_organisers),
            selectinload(Proposal.steps).joinedload(ProposalStep.actor),
            selectinload(Proposal.translations),
        )
    ).unique().first()


def own_organisations(user) -> list[tuple[int, str]]:
    """The organisations a person belongs to, as (id, name), for the proposing-organisation select."""
    ids = user.organisation_ids if user.is_authenticated else set()
    if not ids:
        return []
    return [
        tuple(row)
        for row in db.session.execute(
            sa.select(Organisation.id, Organisation.name)
            .where(Organisation.id.in_(ids))
            .order_by(Organisation.name)
        )
    ]


def all_organisations() -> list[tuple[int, str]]:
    return [
        tuple(row)
        for row in db.session.execute(
            sa.select(Organisation.id, Organisation.name).order_by(Organisation.name)
        )
    ]


def partner_cities() -> list[tuple[int, str]]:
    rows = db.session.execute(
        sa.select(PartnerCity.id, PartnerCity.name, PartnerCity.country).order_by(PartnerCity.name)
    )
    return [(i, f"{name} ({country})") for i, name, country in rows]


@dataclass(frozen=True)
class ProposalFilters:
    state: ProposalState | None = None
    partner_id: int | None = None
    kind: EventKind | None = None
    organisation_id: int | None = None


def read_list_filters(args, user):
    """The list's filter form bound to the address and the filters that passed validation, with the
    organisations the person may filter by: the list page and its CSV export read the address the same way."""
    from clubs_exchange.proposals.forms import ProposalFilterForm

    form = ProposalFilterForm(args)
    organisations = all_organisations() if user.is_staff else own_organisations(user)
    form.partner.choices = select_choices([("", _l("All partner cities")), *partner_cities()])
    form.organisation.choices = select_choices([("", _l("All organisations")), *organisations])
    valid = form.validate()

    def ok(field):
        return field.data if field.data not in (None, "") and not field.errors else None

    filters = ProposalFilters(
        state=ProposalState(ok(form.state)) if ok(form.state) else None,
        partner_id=ok(form.partner),
        kind=EventKind(ok(form.kind)) if ok(form.kind) else None,
        organisation_id=ok(form.organisation),
    )
    return form, filters, organisations, valid


def _involving(organisation_ids) -> sa.ColumnElement[bool]:
    """Proposed by one of these organisations, or co-organised by one."""
    co_organised = sa.select(proposal_co_organisers.c.proposal_id).where(
        proposal_co_organisers.c.organisation_id.in_(organisation_ids)
    )
    return sa.or_(Proposal.organisation_id.in_(organisation_ids), Proposal.id.in_(co_organised))


def _conditions(user, filters: ProposalFilters) -> list[sa.ColumnElement[bool]]:
    """Staff see every proposal; members those of their own organisations, drafts included."""
    conditions = []
    if not user.is_staff:
        conditions.append(_involving(user.organisation_ids or {-1}))
    if filters.organisation_id is not None:
        conditions.append(_involving({filters.organisation_id}))
    if filters.partner_id is not None:
        conditions.append(Proposal.partner_city_id == filters.partner_id)
    if filters.kind is not None:
        conditions.append(Proposal.kind == filters.kind)
    return conditions


def state_counts(user, filters: ProposalFilters) -> dict[ProposalState, int]:
    """How many proposals are in each state, under every filter but the state itself."""
    rows = db.session.execute(
        sa.select(Proposal.state, sa.func.count()).where(*_conditions(user, filters)).group_by(Proposal.state)
    )
    counts = dict.fromkeys(ProposalState, 0)
    counts.update({ProposalState(state): n for state, n in rows})
    return counts


def by_start_date() -> list[sa.ColumnElement]:
    """Coming events first, the soonest at the top (one under way counts as coming), then past ones, the
    latest first: the order a person plans in. The last change is no order: a draft touched today would
    jump above next week's match."""
    coming = Proposal.ends_at >= clock.utcnow()
    return [
        sa.case((coming, 0), else_=1),
        # Within the coming ones ascending; the past ones all get NULL here and fall to the next key.
        sa.case((coming, Proposal.starts_at), else_=None).asc(),
        Proposal.starts_at.desc(),
        Proposal.id,
    ]


def proposal_list(user, filters: ProposalFilters) -> sa.Select:
    """The list's query, by start date (see by_start_date), with what each row shows loaded alongside."""
    query = (
        sa.select(Proposal)
        .where(*_conditions(user, filters))
        .options(joinedload(Proposal.organisation), joinedload(Proposal.partner_city))
        .order_by(*by_start_date())
    )
    if filters.state is not None:
        query = query.where(Proposal.state == filters.state)
    return query
