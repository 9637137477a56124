"""Routes of the awards area: city staff only. Thin: load, authorise, call a rule, render."""

from contextlib import nullcontext
from datetime import date

import sqlalchemy as sa
from flask import Response, flash, g, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from clubs_exchange import clock, concurrency
from clubs_exchange.awards import bp, ladder
from clubs_exchange.awards.applications import (
    add_membership,
    all_applications,
    all_memberships,
    awards_on_record,
    criterion_of,
    existing_application,
    filled_texts,
    save_application,
    tag_event,
    take_step,
    twin_town_choices,
)
from clubs_exchange.awards.forms import ApplicationForm, ApplicationTextsForm, MembershipForm, PeriodForm
from clubs_exchange.awards.ladder import LadderError
from clubs_exchange.awards.models import (
    ApplicationState,
    AssociationMembership,
    AwardApplication,
    AwardStage,
    Criterion,
)
from clubs_exchange.awards.placeholders import PLACEHOLDERS
from clubs_exchange.awards.report import activity_report, event_day, period_text, report_table
from clubs_exchange.concurrency import ChangedMeanwhile
from clubs_exchange.csv_io import csv_response
from clubs_exchange.errors import done, show_at_field
from clubs_exchange.extensions import db
from clubs_exchange.forms import form_status
from clubs_exchange.htmx import is_fragment_request, redirect_after_post, render
from clubs_exchange.permissions import get_or_404, is_staff, staff_only
from clubs_exchange.proposals.models import Proposal


@bp.app_context_processor
def award_helpers():
    """For the staff's start page (the deadline reminder) and the calendar's event page (the tag control)."""
    return {
        "award_reminder": lambda: ladder.reminder_due_date(clock.today()) if is_staff(current_user) else None,
        "award_criterion": criterion_of,
        "award_tag_texts": tag_texts,
        "award_day": event_day,
        "period_text": period_text,
    }


def tag_texts() -> dict:
    """The tag control's words and options, translated once a request: the report repeats the control per row."""
    if "award_tag_texts" not in g:
        g.award_tag_texts = {
            "label": _("Criterion for the Europe Prize"),
            "none": _("Not tagged"),
            "save": _("Save tag"),
            "options": [(c, str(c.label)) for c in Criterion],
        }
    return g.award_tag_texts


# Applications are prepared by the twinning office: drafts are not for organisations' eyes.
staff_only(bp)


def ladder_rows(awards, year: int, applications):
    """Each stage with its award, or the application prepared for `year` (to continue, not to start again), or
    why it cannot be applied for in `year`."""
    prepared = {(a.stage, a.year): a for a in applications
                if a.state in (ApplicationState.DRAFT, ApplicationState.SUBMITTED)}
    rows = []
    for stage in ladder.STAGES:
        award = next((a for a in awards if a.stage == stage), None)
        existing = prepared.get((stage, year)) if award is None else None
        reason = None
        if award is None and existing is None:
            try:
                ladder.check_stage(stage, year, awards)
            except LadderError as error:
                reason = error.message
        rows.append((stage, award, existing, reason))
    return rows


@bp.get("/")
def index():
    today = clock.today()
    awards = awards_on_record()
    due = ladder.next_due_date(today)
    last_award = awards[-1] if awards else None
    report_years = list(range(max(today.year, last_award.year), last_award.year - 1, -1)) if last_award else []
    applications = all_applications()
    return render(
        "awards/index.html", awards=awards, rows=ladder_rows(awards, due.year, applications), due=due, today=today,
        applications=applications, last_award=last_award, report_years=report_years,
        reminder=ladder.reminder_due_date(today), next_stage=ladder.next_stage(awards),
    )


def _texts(form) -> dict:
    if not isinstance(form, ApplicationTextsForm):
        return {}
    return {name: getattr(form, name).data or "" for name in ("mayor_letter", "dossier", "summary")}


def _save(form, application, partners, today):
    """Validate the form, apply the ladder, commit; None when the form must be shown again."""
    if not form.validate_on_submit():
        return None
    chosen = [p for p in partners if p.id in set(form.twin_towns.data or [])]
    # A new application has no version yet: nobody else can have changed it.
    guard = concurrency.unchanged(application, form.version.data) if application is not None else nullcontext()
    try:
        with guard:
            saved = save_application(
                application, stage=AwardStage(form.stage.data), year=form.year.data, twin_towns=chosen,
                previous_award_year=form.previous_award_year.data, period_start=form.period_start.data,
                period_end=form.period_end.data, today=today, texts=_texts(form),
            )
            db.session.commit()
    except ChangedMeanwhile as error:
        # The entries stay in the form; sent again, they apply to the application as it is now.
        show_at_field(form, error)
        form.version.data = application.version
        return None
    except LadderError as error:
        show_at_field(form, error)
        return None
    except sa.exc.IntegrityError as error:
        # Two people prepared the same stage and year at the same moment: both checks found none, the unique
        # key (stage, year) let one INSERT through. The other is told as if the check had seen it.
        db.session.rollback()
        if "stage" not in str(error.orig):  # another constraint: not this case
            raise
        stage = AwardStage(form.stage.data)
        show_at_field(form, LadderError(_("There is an application for the %(stage)s in %(year)s already.",
                                          stage=stage.label, year=form.year.data), "stage"))
        return None
    return saved


@bp.route("/applications/new", methods=["GET", "POST"])
def new_application():
    today = clock.today()
    form = ApplicationForm()
    partners = twin_town_choices()
    form.offer_twin_towns(partners)
    if request.method == "GET":
        awards = awards_on_record()
        stage = request.args.get("stage") or (ladder.next_stage(awards) or AwardStage.EUROPEAN_DIPLOMA).value
        form.stage.data = stage if stage in AwardStage._value2member_map_ else AwardStage.EUROPEAN_DIPLOMA.value
        form.year.data = ladder.next_due_date(today).year
        before = ladder.previous_stage(AwardStage(form.stage.data))
        form.previous_award_year.data = next((a.year for a in awards if a.stage == before), None)
        form.twin_towns.data = [p.id for p in partners]
    saved = _save(form, None, partners, today)
    if saved is not None:
        flash(_("The application for the %(stage)s %(year)s is prepared as a draft.",
                stage=saved.stage.label, year=saved.year), "success")
        return redirect_after_post(url_for("awards.show", application_id=saved.id))
    existing = None
    if form.stage.errors and form.stage.data in AwardStage._value2member_map_ and form.year.data:
        existing = existing_application(AwardStage(form.stage.data), form.year.data)
    return render("awards/new.html", form=form, has_twin_towns=bool(partners), status=form_status(form),
                  existing=existing)


@bp.route("/applications/<id:application_id>/edit", methods=["GET", "POST"])
def edit(application_id):
    application = get_or_404(AwardApplication, application_id)
    today = clock.today()
    form = ApplicationTextsForm(obj=application)
    partners = twin_town_choices()
    form.offer_twin_towns(sorted({*partners, *application.twin_towns}, key=lambda p: p.name))
    if request.method == "GET":
        form.stage.data = application.stage.value
        form.twin_towns.data = [p.id for p in application.twin_towns]
    saved = _save(form, application, {*partners, *application.twin_towns}, today)
    if saved is not None:
        flash(_("The application is saved."), "success")
        return redirect_after_post(url_for("awards.show", application_id=saved.id))
    return render("awards/edit.html", form=form, application=application, placeholders=PLACEHOLDERS,
                  status=form_status(form))


def show_page(application: AwardApplication, *, step_error: str | None = None, step_error_field: str | None = None,
              status: int = 200):
    report = activity_report(application.period_start, application.period_end)
    return render(
        "awards/show.html", status=status, application=application, report=report,
        texts=filled_texts(application, report), steps=ladder.steps_from(application.state),
        due=ladder.due_date(application.year), step_error=step_error, step_error_field=step_error_field,
    )


@bp.get("/applications/<id:application_id>")
def show(application_id):
    return show_page(get_or_404(AwardApplication, application_id))


@bp.post("/applications/<id:application_id>/step")
def step(application_id):
    application = get_or_404(AwardApplication, application_id)
    try:
        with concurrency.unchanged(application, request.form.get("version")):
            take_step(application, request.form.get("step", ""), today=clock.today())
            db.session.commit()
    except ChangedMeanwhile as error:
        db.session.rollback()
        return show_page(application, step_error=str(error.message), status=409)
    except LadderError as error:
        db.session.rollback()
        return show_page(application, step_error=str(error.message), step_error_field=error.field, status=422)
    flash(_("The application is now: %(state)s.", state=application.state.label), "success")
    return redirect_after_post(url_for("awards.show", application_id=application.id))


def _csv(report, name: str) -> Response:
    return csv_response(name, *report_table(report), dated=False)


@bp.get("/applications/<id:application_id>/report.csv")
def application_csv(application_id):
    application = get_or_404(AwardApplication, application_id)
    report = activity_report(application.period_start, application.period_end)
    return _csv(report, f"activity-report-{application.stage.value}-{application.year}")


def _period(form: PeriodForm, today: date) -> tuple[date, date]:
    form.validate()
    start = form.from_.data if not form.from_.errors else None
    end = form.to.data if not form.to.errors else None
    start = start or date(today.year, 1, 1)
    end = end or date(start.year, 12, 31)
    return (start, end) if end >= start else (start, date(start.year, 12, 31))


@bp.get("/report")
def report():
    form = PeriodForm(request.args)
    start, end = _period(form, clock.today())
    return render("awards/report.html", "award_report", status=form_status(form), form=form,
                  report=activity_report(start, end))


@bp.get("/report.csv")
def report_download():
    start, end = _period(PeriodForm(request.args), clock.today())
    return _csv(activity_report(start, end), f"activity-report-{start.isoformat()}-{end.isoformat()}")


def _safe_next(url: str | None, fallback: str) -> str:
    """Back to where the form was, on this site only."""
    if url and url.startswith("/") and not url.startswith("//") and "\\" not in url:
        return url
    return fallback


@bp.post("/events/<id:proposal_id>/criterion")
def tag(proposal_id):
    proposal = get_or_404(Proposal, proposal_id)
    value = request.form.get("criterion", "")
    error = None
    try:
        if value and value not in Criterion._value2member_map_:
            raise LadderError(_("Please choose one of the four criteria, or “Not tagged”."), "criterion")
        tag_event(proposal, Criterion(value) if value else None, actor=current_user)
    except LadderError as refused:
        db.session.rollback()
        error = str(refused.message)
    else:
        db.session.commit()
    if is_fragment_request():
        return render("awards/_event_tag.html", status=422 if error else 200, event_id=proposal.id,
                      criterion=criterion_of(proposal.id), tag_error=error, saved=error is None,
                      next_url=request.form.get("next", ""))
    if error:
        flash(error, "error")
    else:
        flash(_("The tag of “%(title)s” is saved.", title=proposal.title), "success")
    return redirect_after_post(_safe_next(request.form.get("next"), url_for("calendar.event", proposal_id=proposal.id)))


@bp.route("/memberships", methods=["GET", "POST"])
def memberships():
    form = MembershipForm()
    if form.validate_on_submit():
        try:
            add_membership(form.name.data, form.since.data)
        except LadderError as error:
            show_at_field(form, error)
        else:
            return done(_("The membership of %(name)s is recorded.", name=form.name.data.strip()), "awards.memberships")
    return render("awards/memberships.html", form=form, memberships=all_memberships(), status=form_status(form))


@bp.post("/memberships/<id:membership_id>/delete")
def delete_membership(membership_id):
    membership = get_or_404(AssociationMembership, membership_id)
    db.session.delete(membership)
    db.session.commit()
    flash(_("The membership of %(name)s is removed.", name=membership.name), "success")
    return redirect_after_post(url_for("awards.memberships"))
