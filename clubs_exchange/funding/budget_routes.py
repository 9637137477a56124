"""The funding page: each scheme's budget for a year against its applications, the budget form, and the lists
as CSV. The twinning office's pages (the blueprint is staff only, funding/routes.py)."""

from flask import flash, url_for
from flask_babel import gettext as _
from flask_babel import pgettext
from sqlalchemy.exc import IntegrityError

from clubs_exchange import clock, concurrency, csv_io
from clubs_exchange.concurrency import ChangedMeanwhile
from clubs_exchange.errors import show_at_field
from clubs_exchange.extensions import db
from clubs_exchange.forms import form_status
from clubs_exchange.funding import bp
from clubs_exchange.funding.budget import (
    FIRST_YEAR,
    LAST_YEAR,
    BudgetError,
    applications_of,
    budget_line,
    budget_lines,
    find_budget,
    save_budget,
)
from clubs_exchange.funding.budget_forms import BudgetForm
from clubs_exchange.funding.meetings import event_days
from clubs_exchange.funding.models import FundingScheme
from clubs_exchange.htmx import redirect_after_post, render
from clubs_exchange.ids import int_arg
from clubs_exchange.permissions import get_or_404

YEAR = f"int(min={FIRST_YEAR}, max={LAST_YEAR}):year"


def _year() -> int:
    """?year=, or this year in the city; a year outside the kept ones is this year too."""
    return int_arg("year", clock.today().year, minimum=FIRST_YEAR, maximum=LAST_YEAR)


@bp.get("/budgets")
def budgets():
    year = _year()
    lines = budget_lines(year)
    return render("funding/budgets.html", year=year, lines=lines, over=[line for line in lines if line.over_budget],
                  this_year=clock.today().year, first_year=FIRST_YEAR, last_year=LAST_YEAR)


def _budget_table(lines):
    header = [_("Funder"), _("Funding scheme"), _("Year"), _("Budget"), pgettext("amounts", "Applied"),
              pgettext("amounts", "Granted"), pgettext("amounts", "Paid"), _("Left"),
              pgettext("funding", "Applications"), _("Over budget")]
    rows = [[line.scheme.funder, line.scheme.name, line.year,
             csv_io.amount(line.budget_cents) if line.budget is not None else "",
             csv_io.amount(line.applied), csv_io.amount(line.granted), csv_io.amount(line.paid),
             csv_io.amount(line.left) if line.left is not None else "", line.applications, line.over_budget]
            for line in lines]
    return header, rows


@bp.get("/budgets.csv")
def budgets_csv():
    year = _year()
    return csv_io.csv_response(f"funding-budgets-{year}", *_budget_table(budget_lines(year)))


@bp.get(f"/budgets/<id:scheme_id>/<{YEAR}>")
def budget_applications(scheme_id, year):
    scheme = get_or_404(FundingScheme, scheme_id)
    return render("funding/budgets_applications.html", line=budget_line(scheme, year), scheme=scheme, year=year,
                  applications=applications_of(scheme.id, year), event_days=event_days)


def _applications_table(applications):
    header = [_("Event"), _("Organisation"), _("Partner city"), _("First day"), _("Last day"), _("State"),
              _("Applied on"), _("Amount applied for"), _("Decided on"), _("Amount granted"), _("Reference"),
              _("Paid on"), _("Amount paid")]
    rows = []
    for application in applications:
        proposal = application.proposal
        first, last = event_days(proposal)
        rows.append([
            proposal.title, proposal.organisation.name, proposal.partner_city.name, first, last, application.state,
            application.applied_on, _amount_or_empty(application.amount_applied_cents), application.decided_on,
            _amount_or_empty(application.amount_granted_cents), application.reference, application.paid_on,
            _amount_or_empty(application.amount_paid_cents),
        ])
    return header, rows


def _amount_or_empty(cents):
    return "" if cents is None else csv_io.amount(cents)


@bp.get(f"/budgets/<id:scheme_id>/<{YEAR}>/applications.csv")
def budget_applications_csv(scheme_id, year):
    scheme = get_or_404(FundingScheme, scheme_id)
    return csv_io.csv_response(f"funding-applications-{scheme.id}-{year}",
                               *_applications_table(applications_of(scheme.id, year)))


@bp.route(f"/budgets/<id:scheme_id>/<{YEAR}>/edit", methods=["GET", "POST"])
def edit_budget(scheme_id, year):
    """Enter a scheme's budget for the year, or change it: one address for both, found by scheme and year."""
    scheme = get_or_404(FundingScheme, scheme_id)
    budget = find_budget(scheme.id, year)
    form = BudgetForm(data={"amount": budget.amount_cents, "notes": budget.notes, "version": budget.version}
                      if budget is not None else None)
    status = 200
    if form.validate_on_submit():
        try:
            _save(form, budget, scheme, year)
        except ChangedMeanwhile as error:
            # The entries stay in the form; sent again, they apply to the budget as it is now.
            show_at_field(form, error)
            budget = find_budget(scheme.id, year)
            form.version.data = budget.version if budget is not None else ""
            status = 409
        except BudgetError as error:
            show_at_field(form, error)
        else:
            flash(_("The budget of %(scheme)s for %(year)s is saved.", scheme=scheme.name, year=year), "success")
            return redirect_after_post(url_for("funding.budgets", year=year))
    return render("funding/budgets_edit.html", form=form, scheme=scheme, year=year, budget=budget,
                  status=status if status != 200 else form_status(form))


def _save(form, budget, scheme, year) -> None:
    def save():
        save_budget(budget, scheme=scheme, year=year, amount_cents=form.amount.data, notes=form.notes.data or "")
        db.session.commit()

    if budget is not None and not form.version.data:
        # The form was loaded when there was no budget yet (or it is an old page): someone entered it meanwhile.
        raise concurrency.changed_meanwhile(budget)
    if budget is not None:
        with concurrency.unchanged(budget, form.version.data):
            save()
        return
    # A new budget has no version yet; entered by someone else meanwhile, the year's row exists already (the
    # unique key refuses the second) and is shown as it is now.
    def entered_meanwhile():
        found = find_budget(scheme.id, year)
        if found is None:  # refused for another reason than the year's row: said in general words
            return ChangedMeanwhile(None, str(concurrency.CHANGED_MEANWHILE))
        return concurrency.changed_meanwhile(found)

    with concurrency.stale_as(entered_meanwhile, also=(IntegrityError,)):
        save()
