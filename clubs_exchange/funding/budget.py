"""The funding budget: each scheme's money for a year against what its applications asked for, were granted and
were paid, and the warning when a grant would go beyond it. Plain functions over the database, one query each.

How the figures read the applications (say so when an office counts otherwise):
- An application belongs to the year its event starts in, in the city's time zone (an event starting at
  00:30 on 1 January in the city is next year's, although it is still 31 December in UTC).
- Applied: the amounts applied for, of the applications that are applied, granted, report submitted or paid
  (planned ones have not asked yet; refused and withdrawn ones no longer ask).
- Granted: the amounts granted, of the applications granted, report submitted or paid.
- Paid: the amounts paid, of the applications paid.
- Left: the budget less what each granted application holds of it: its grant, or its payment where that is more
  (a payment below the grant does not give the rest back before the office says so: staff lower the grant).
"""

from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa
from flask_babel import gettext as _

from clubs_exchange.clock import city_tz, local
from clubs_exchange.errors import DomainError
from clubs_exchange.extensions import db
from clubs_exchange.funding.models import FundingApplication, FundingBudget, FundingScheme, GrantState
from clubs_exchange.funding.rules import money
from clubs_exchange.proposals.models import Proposal

APPLIED_STATES = (GrantState.APPLIED, GrantState.GRANTED, GrantState.REPORT_SUBMITTED, GrantState.PAID)
GRANTED_STATES = (GrantState.GRANTED, GrantState.REPORT_SUBMITTED, GrantState.PAID)
# Years a budget can be kept for: beyond them a year is a typing error (and datetime's range ends at 9999).
FIRST_YEAR, LAST_YEAR = 2000, 2100
MAX_BUDGET_CENTS = 1_000_000_000_00  # a billion euros: more is a typing error


class BudgetError(DomainError):
    """A budget the rules refuse: the message beside its field."""


def event_year(proposal: Proposal) -> int:
    """The year an application counts in: the year its event starts, in the city's time zone."""
    return local(proposal.starts_at).year


def year_bounds(year: int) -> tuple[datetime, datetime]:
    """1 January of the year, 00:00 in the city, to 1 January of the next (in UTC, as stored)."""
    tz = city_tz()
    return (datetime(year, 1, 1, tzinfo=tz).astimezone(UTC), datetime(year + 1, 1, 1, tzinfo=tz).astimezone(UTC))


def _in_year(year: int):
    start, end = year_bounds(year)
    return sa.and_(Proposal.starts_at >= start, Proposal.starts_at < end)


def _zero(column):
    return sa.func.coalesce(column, 0)


def _held():
    """What one application holds of its budget: its grant, or its payment where that is more."""
    granted, paid = _zero(FundingApplication.amount_granted_cents), _zero(FundingApplication.amount_paid_cents)
    return sa.case((FundingApplication.state.not_in(GRANTED_STATES), 0), (paid > granted, paid), else_=granted)


def _sum_where(states, column):
    return sa.func.coalesce(sa.func.sum(sa.case((FundingApplication.state.in_(states), _zero(column)), else_=0)), 0)


def _figures(year: int, *, scheme_id: int | None = None, exclude_application_id: int | None = None):
    """The applications' sums per scheme for the year, as a select (one row per scheme with applications)."""
    query = (
        sa.select(
            FundingApplication.scheme_id.label("scheme_id"),
            sa.func.count(FundingApplication.id).label("applications"),
            _sum_where(APPLIED_STATES, FundingApplication.amount_applied_cents).label("applied"),
            _sum_where(GRANTED_STATES, FundingApplication.amount_granted_cents).label("granted"),
            _sum_where((GrantState.PAID,), FundingApplication.amount_paid_cents).label("paid"),
            sa.func.coalesce(sa.func.sum(_held()), 0).label("held"),
        )
        .join(Proposal, Proposal.id == FundingApplication.proposal_id)
        .where(_in_year(year))
        .group_by(FundingApplication.scheme_id)
    )
    if scheme_id is not None:
        query = query.where(FundingApplication.scheme_id == scheme_id)
    if exclude_application_id is not None:
        query = query.where(FundingApplication.id != exclude_application_id)
    return query


@dataclass(frozen=True)
class BudgetLine:
    """A scheme's year: its budget (None: none entered) and its applications' sums, in cents."""
    scheme: FundingScheme
    year: int
    budget: FundingBudget | None
    applications: int
    applied: int
    granted: int
    paid: int
    held: int

    @property
    def budget_cents(self) -> int | None:
        return self.budget.amount_cents if self.budget is not None else None

    @property
    def left(self) -> int | None:
        return None if self.budget is None else self.budget.amount_cents - self.held

    @property
    def over_budget(self) -> bool:
        return self.left is not None and self.left < 0


def budget_lines(year: int) -> list[BudgetLine]:
    """Every scheme offered, and any other with a budget or applications in the year, with its figures: one
    query, however many schemes and applications."""
    figures = _figures(year).subquery()
    rows = db.session.execute(
        sa.select(FundingScheme, FundingBudget, figures.c.applications, figures.c.applied, figures.c.granted,
                  figures.c.paid, figures.c.held)
        .outerjoin(FundingBudget, sa.and_(FundingBudget.scheme_id == FundingScheme.id, FundingBudget.year == year))
        .outerjoin(figures, figures.c.scheme_id == FundingScheme.id)
        .where(sa.or_(FundingScheme.active, FundingBudget.id.is_not(None), figures.c.scheme_id.is_not(None)))
        .order_by(FundingScheme.active.desc(), FundingScheme.funder, FundingScheme.name, FundingScheme.id)
    ).all()
    return [BudgetLine(scheme, year, budget, *_ints(applications, applied, granted, paid, held))
            for scheme, budget, applications, applied, granted, paid, held in rows]


def _ints(*values) -> list[int]:
    # PostgreSQL sums a bigint column as a numeric (a Decimal in Python): the figures are whole cents.
    return [int(v or 0) for v in values]


def budget_line(scheme: FundingScheme, year: int) -> BudgetLine:
    """One scheme's year, as the budget page shows it: two queries."""
    budget = find_budget(scheme.id, year)
    row = db.session.execute(_figures(year, scheme_id=scheme.id)).one_or_none()
    if row is None:
        return BudgetLine(scheme, year, budget, 0, 0, 0, 0, 0)
    return BudgetLine(scheme, year, budget, *_ints(row.applications, row.applied, row.granted, row.paid, row.held))


def find_budget(scheme_id: int, year: int) -> FundingBudget | None:
    return db.session.scalar(sa.select(FundingBudget).where(FundingBudget.scheme_id == scheme_id,
                                                            FundingBudget.year == year))


def grant_warning(scheme_id: int, year: int, amount_cents: int,
                  exclude_application_id: int | None = None) -> str | None:
    """The warning to show before granting `amount_cents` from the scheme's budget for the year, when the grant
    would leave less than nothing of it; None when it fits, or when no budget is entered for that year.
    `exclude_application_id`: the application being granted, whose earlier grant (if any) the new one replaces."""
    budget = find_budget(scheme_id, year)
    if budget is None:
        return None
    row = db.session.execute(_figures(year, scheme_id=scheme_id,
                                      exclude_application_id=exclude_application_id)).one_or_none()
    held = int(row.held or 0) if row is not None else 0
    left = budget.amount_cents - held - amount_cents
    if left >= 0:
        return None
    return _("Granting %(amount)s leaves %(left)s of the %(budget)s budget for %(year)s.", amount=money(amount_cents),
             left=money(left), budget=money(budget.amount_cents), year=year)


def warnings_before_grants(applications, year: int) -> dict[int, str]:
    """For applications applied for (which hold nothing of a budget yet), the warning `grant_warning` would give
    for granting the amount applied for: every scheme's year in one query, however many applications."""
    lines = {line.scheme.id: line for line in budget_lines(year)}
    warnings = {}
    for application in applications:
        line = lines.get(application.scheme_id)
        if line is None or line.budget is None or application.amount_applied_cents is None:
            continue
        left = line.budget.amount_cents - line.held - application.amount_applied_cents
        if left < 0:
            warnings[application.id] = _(
                "Granting %(amount)s leaves %(left)s of the %(budget)s budget for %(year)s.",
                amount=money(application.amount_applied_cents), left=money(left),
                budget=money(line.budget.amount_cents), year=year)
    return warnings


def applications_of(scheme_id: int, year: int) -> list[FundingApplication]:
    """The scheme's applications for events starting in the year, by the event's start: two queries."""
    from sqlalchemy.orm import joinedload

    return list(db.session.scalars(
        sa.select(FundingApplication)
        .join(Proposal, Proposal.id == FundingApplication.proposal_id)
        .where(FundingApplication.scheme_id == scheme_id, _in_year(year))
        .options(joinedload(FundingApplication.proposal).joinedload(Proposal.organisation))
        .order_by(Proposal.starts_at, Proposal.id, FundingApplication.id)
    ))


def save_budget(budget: FundingBudget | None, *, scheme: FundingScheme, year: int, amount_cents: int | None,
                notes: str = "") -> FundingBudget:
    """Enter (budget None) or change a scheme's budget for the year. The caller commits."""
    if amount_cents is None:
        raise BudgetError(_("Enter the budget, 0 if there is none."), "amount")
    if amount_cents < 0:
        raise BudgetError(_("A budget cannot be below zero."), "amount")
    if amount_cents > MAX_BUDGET_CENTS:
        raise BudgetError(_("That is more than any budget of the office; please check the amount."), "amount")
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise BudgetError(_("Budgets are kept for the years %(first)d to %(last)d.", first=FIRST_YEAR,
                            last=LAST_YEAR))
    if budget is None:
        budget = FundingBudget(scheme_id=scheme.id, year=year, amount_cents=amount_cents)
        db.session.add(budget)
    budget.amount_cents = amount_cents
    budget.notes = (notes or "").strip()
    db.session.flush()
    return budget
