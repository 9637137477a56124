"""An event's funding page: which schemes fit, with their estimates, and its applications from planned to paid.
Staff and the members of the event's organisations see it; the funder's decision and the payment are recorded
by staff. Thin: load, authorise, call a step of funding/applications.py, commit once."""

from dataclasses import dataclass

import sqlalchemy as sa
from flask import abort, current_app, flash, request
from flask_babel import gettext as _
from flask_login import current_user

from clubs_exchange import clock, concurrency
from clubs_exchange.concurrency import ChangedMeanwhile
from clubs_exchange.errors import done, show_at_field
from clubs_exchange.extensions import db
from clubs_exchange.forms import select_choices
from clubs_exchange.funding import applications as steps
from clubs_exchange.funding import bp, budget, meetings
from clubs_exchange.funding.access import can_see_funding, get_event_or_404
from clubs_exchange.funding.application_forms import STEP_FORMS, EstimateForm, PlanForm
from clubs_exchange.funding.applications import FundingError
from clubs_exchange.funding.labels import DIRECTION_LABELS, KIND_LABELS
from clubs_exchange.funding.models import EventParticipant, FundingApplication, FundingScheme, GrantState
from clubs_exchange.funding.terms import Direction
from clubs_exchange.htmx import render
from clubs_exchange.permissions import get_or_404, is_staff, own_access
from clubs_exchange.proposals.models import Direction as EventDirection
from clubs_exchange.proposals.models import Proposal


def get_application_or_404(application_id, step: str) -> FundingApplication:
    application = get_or_404(FundingApplication, application_id)
    get_event_or_404(application.proposal_id)
    if steps.STEPS[step].staff_only and not is_staff(current_user):
        abort(403)
    return application


def _event_funding(proposal: Proposal) -> list:
    """The event's applications with their stages, for the proposal page's funding section (loaded with the
    proposal: proposals/listing.py load_for_page)."""
    if not can_see_funding(current_user, proposal):
        return []
    today = clock.today()
    return [(a, steps.stage(a, today)) for a in proposal.funding_applications]


@bp.app_context_processor
def funding_helpers():
    """For the proposal page (its funding section), an organisation's page and the staff start page (deadlines)."""
    return {
        "can_see_funding": can_see_funding,
        "event_funding": _event_funding,
        "organisation_funding_deadlines": lambda organisation_id: steps.deadline_rows(
            organisation_ids={organisation_id}, today=clock.today()),
        "funding_deadlines_due": lambda: steps.deadline_rows(
            today=clock.today(), within_days=current_app.config["FUNDING_REMINDER_DAYS"]),
    }


def grant_warnings(proposal: Proposal, applications: list[FundingApplication]) -> dict[int, list[str]]:
    """What the grant forms warn of before staff record a grant: granting the amount applied for would go beyond
    the scheme's budget of the event's year (funding/budget.py). Only where a grant can be recorded, for staff;
    one query for all of them."""
    applied = [a for a in applications if a.state == GrantState.APPLIED]
    found = (budget.warnings_before_grants(applied, budget.event_year(proposal))
             if applied and is_staff(current_user) else {})
    return {a.id: [found[a.id]] if a.id in found else [] for a in applications}


@dataclass(frozen=True)
class SchemeFit:
    scheme: FundingScheme
    outcome: object
    application: FundingApplication | None


def _figures(form) -> dict:
    direction = form.direction.data or None
    return dict(direction=Direction(direction) if direction in Direction._value2member_map_ else None,
                expected_leaders=form.expected_leaders.data, travel_cost_cents=form.travel_cost.data,
                distance_km=form.distance_km.data, days_in_partner_city=form.days_in_partner_city.data)


def _fits(proposal, schemes, applications, figures: dict, today) -> list[SchemeFit]:
    """Each scheme with its estimate: an application's own figures where there is one, else the typed ones."""
    by_scheme = {a.scheme_id: a for a in applications if a.state != GrantState.WITHDRAWN}
    fixed = proposal.direction in (EventDirection.INCOMING, EventDirection.OUTGOING)
    direction = meetings.default_direction(proposal) if fixed or figures["direction"] is None else figures["direction"]
    fits = []
    for scheme in schemes:
        application = by_scheme.get(scheme.id)
        if application is None and not scheme.active:
            continue
        # Not added to the session: a stand-in the rules read, never stored.
        sample = application or FundingApplication(
            scheme=scheme, proposal=proposal, direction=direction, expected_leaders=figures["expected_leaders"],
            travel_cost_cents=figures["travel_cost_cents"], distance_km=figures["distance_km"],
            days_in_partner_city=figures["days_in_partner_city"])
        fits.append(SchemeFit(scheme, steps.estimate(sample, today=today), application))
    return fits


def page(proposal: Proposal, *, forms: dict | None = None, plan_form: PlanForm | None = None, status: int = 200,
         block: str | None = None, error: str | None = None):
    today = clock.today()
    schemes = steps.schemes_for_event(proposal.id)
    applications = steps.applications_of_event(proposal.id)
    wanted = {a.scheme_id for a in applications if a.state != GrantState.WITHDRAWN}   # withdrawn: plan it anew
    estimate_form = EstimateForm(request.args, meta={"csrf": False})
    estimate_form.validate()
    figures = _figures(estimate_form) if not estimate_form.errors else _figures(EstimateForm(formdata=None))
    fits = _fits(proposal, schemes, applications, figures, today)
    listed = db.session.scalar(sa.select(sa.func.count(EventParticipant.id))
                               .where(EventParticipant.proposal_id == proposal.id))
    forms = forms or {}
    step_forms = {}
    for application in applications:
        for name, step in steps.STEPS.items():
            if application.state in step.sources and (is_staff(current_user) or not step.staff_only):
                step_forms[(application.id, name)] = _ids_of(forms.get((application.id, name)) or STEP_FORMS[name](
                    formdata=None, data=_initial(application, name, today)), application, name)
        if application.state == GrantState.PLANNED:
            step_forms[(application.id, "plan")] = _ids_of(forms.get((application.id, "plan")) or PlanForm(
                formdata=None, data={
                    "version": application.version, "direction": application.direction.value,
                    "expected_leaders": application.expected_leaders, "travel_cost": application.travel_cost_cents,
                    "distance_km": application.distance_km,
                    "days_in_partner_city": application.days_in_partner_city}), application, "plan")
    open_schemes = [s for s in schemes if s.active and s.id not in wanted]
    if plan_form is None and open_schemes and proposal.state not in steps.CLOSED_EVENTS:
        plan_form = PlanForm(formdata=None, prefix="plan", data={
            "direction": figures["direction"].value if figures["direction"] else None,
            "expected_leaders": figures["expected_leaders"], "travel_cost": figures["travel_cost_cents"],
            "distance_km": figures["distance_km"], "days_in_partner_city": figures["days_in_partner_city"]})
    if plan_form is not None:
        plan_form.scheme_id.choices = select_choices((s.id, f"{s.name} ({s.funder})") for s in open_schemes)
    return render(
        "funding/event.html", block, status=status, proposal=proposal, applications=applications, fits=fits,
        stages={a.id: steps.stage(a, today) for a in applications}, step_forms=step_forms, today=today,
        estimate_form=estimate_form, plan_form=plan_form, figures=figures, listed=listed, error=error,
        choose_direction=proposal.direction not in (EventDirection.INCOMING, EventDirection.OUTGOING),
        direction_labels=DIRECTION_LABELS, kind_labels=KIND_LABELS,
        ended={a.id: steps.event_ended(a, today) for a in applications},
        event_days=meetings.event_days(proposal), warnings=grant_warnings(proposal, applications),
    )


def _ids_of(form, application: FundingApplication, name: str):
    """Each application has its forms on the page: their fields' ids (and labels) say whose, the names stay."""
    for f in form:
        f.id = f"a{application.id}-{name}-{f.name}"
        f.label.field_id = f.id
    return form


def _initial(application: FundingApplication, name: str, today) -> dict:
    """A step's form as it first shows: today's date, and the amount of the step before."""
    values = {"version": application.version}
    if name == "apply":
        values.update(applied_on=today, amount=application.estimate_cents)
    elif name in ("grant", "refuse"):
        values.update(decided_on=today, amount=application.amount_applied_cents)
    elif name == "pay":
        values.update(paid_on=today, amount=application.amount_final_cents)
    return values


@bp.get("/proposals/<id:proposal_id>")
@own_access
def event(proposal_id):
    return page(get_event_or_404(proposal_id))


def _plan(proposal, form: PlanForm, application: FundingApplication | None):
    figures = _figures(form)
    scheme = None
    if application is None:
        scheme_id = form.scheme_id.data
        scheme = db.session.get(FundingScheme, int(scheme_id)) if (scheme_id or "").isdigit() else None
    steps.plan(proposal, scheme, actor=current_user, today=clock.today(), application=application, **figures)


@bp.post("/proposals/<id:proposal_id>/plan")
@own_access
def plan(proposal_id):
    proposal = get_event_or_404(proposal_id)
    form = PlanForm(prefix="plan")
    if form.validate_on_submit():
        try:
            _plan(proposal, form, None)
        except FundingError as refused:
            show_at_field(form, refused)
        else:
            return done(_("The application is planned."), "funding.event", proposal_id=proposal.id)
    return page(proposal, plan_form=form, status=422, block="applications")


@bp.post("/applications/<id:application_id>/plan")
@own_access
def replan(application_id):
    application = get_or_404(FundingApplication, application_id)
    proposal = get_event_or_404(application.proposal_id)
    form = PlanForm()
    if form.validate_on_submit():
        try:
            with concurrency.unchanged(application, form.version.data):
                _plan(proposal, form, application)
                db.session.commit()
        except ChangedMeanwhile as refused:
            show_at_field(form, refused)
            form.version.data = application.version
            return page(proposal, forms={(application.id, "plan"): form}, status=409, block="applications")
        except FundingError as refused:
            show_at_field(form, refused)
        else:
            return done(_("The figures of the application are saved."), "funding.event", proposal_id=proposal.id)
    error = None if application.state == GrantState.PLANNED else (" ".join(map(str, form.form_errors)) or None)
    return page(proposal, forms={(application.id, "plan"): form}, status=422, block="applications", error=error)


DONE = {
    "apply": lambda: _("The application is recorded as sent."),
    "grant": lambda: _("The grant is recorded."),
    "refuse": lambda: _("The refusal is recorded."),
    "withdraw": lambda: _("The application is withdrawn."),
    "report": lambda: _("The report is submitted; the final amount is computed."),
    "pay": lambda: _("The payment is recorded."),
}


def _take(application: FundingApplication, name: str, form) -> None:
    today = clock.today()
    if name == "apply":
        steps.apply(application, applied_on=form.applied_on.data, amount_cents=form.amount.data, today=today)
    elif name == "grant":
        steps.grant(application, amount_cents=form.amount.data, reference=form.reference.data,
                    decided_on=form.decided_on.data, today=today)
    elif name == "refuse":
        steps.refuse(application, reason=form.reason.data, decided_on=form.decided_on.data, today=today)
    elif name == "withdraw":
        steps.withdraw(application)
    elif name == "report":
        steps.submit_report(application, meetings.load_participants(application.proposal_id), today=today)
    else:
        steps.pay(application, amount_cents=form.amount.data, paid_on=form.paid_on.data, today=today)


def _step(application_id, name: str):
    application = get_application_or_404(application_id, name)
    proposal = get_event_or_404(application.proposal_id)
    form = STEP_FORMS[name]()
    status = 422
    if form.validate_on_submit():
        try:
            with concurrency.unchanged(application, form.version.data):
                _take(application, name, form)
                db.session.commit()
        except ChangedMeanwhile as refused:
            show_at_field(form, refused)
            form.version.data = application.version
            status = 409
        except FundingError as refused:
            show_at_field(form, refused)
        else:
            if name == "grant":
                # Recorded all the same (the funder decided); staff see at once what it does to the budget.
                warning = budget.grant_warning(application.scheme_id, budget.event_year(proposal),
                                               application.amount_granted_cents or 0,
                                               exclude_application_id=application.id)
                if warning:
                    flash(warning, "warning")
            return done(DONE[name](), "funding.event", proposal_id=proposal.id)
    # A step that no longer applies has no form on the page: its message goes above the applications.
    shown = application.state in steps.STEPS[name].sources
    error = None if shown else (" ".join(str(e) for e in form.form_errors) or None)
    return page(proposal, forms={(application.id, name): form}, status=status, block="applications", error=error)


@bp.post("/applications/<id:application_id>/apply")
@own_access
def apply(application_id):
    return _step(application_id, "apply")


@bp.post("/applications/<id:application_id>/grant")
@own_access
def grant(application_id):
    return _step(application_id, "grant")


@bp.post("/applications/<id:application_id>/refuse")
@own_access
def refuse(application_id):
    return _step(application_id, "refuse")


@bp.post("/applications/<id:application_id>/withdraw")
@own_access
def withdraw(application_id):
    return _step(application_id, "withdraw")


@bp.post("/applications/<id:application_id>/report")
@own_access
def report(application_id):
    return _step(application_id, "report")


@bp.post("/applications/<id:application_id>/pay")
@own_access
def pay(application_id):
    return _step(application_id, "pay")
