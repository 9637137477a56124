"""Routes of an event's participant lists: the list per delegation, its import, the guests taken over, the
signature lists to print, and attendance per day after the event. Staff and the event's organisers only."""

from datetime import date

import sqlalchemy as sa
from flask import abort, flash, make_response, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext

from clubs_exchange import clock
from clubs_exchange.csv_import import keep_editable, read_import
from clubs_exchange.csv_io import csv_response
from clubs_exchange.errors import DomainError, show_at_field
from clubs_exchange.extensions import db
from clubs_exchange.forms import form_status, select_choices
from clubs_exchange.funding import bp
from clubs_exchange.funding.meetings import all_days, load_participants
from clubs_exchange.funding.models import ParticipantRole
from clubs_exchange.funding.participant_access import (
    can_keep_participant_list,
    get_event_or_404,
    get_participant_or_404,
)
from clubs_exchange.funding.participant_forms import (
    AUTO,
    ListImportForm,
    ParticipantForm,
    TakeOverForm,
    delegation_choices,
)
from clubs_exchange.funding.participant_import import (
    COLUMN_NAMES,
    COLUMNS,
    SAMPLE_ROWS,
    parse_participant_csv,
)
from clubs_exchange.funding.participants import (
    HOME,
    ParticipantDetails,
    age_at,
    applications_of,
    chosen_application,
    delegation_key,
    delegation_of,
    delegations,
    guests_to_take_over,
    is_recorded,
    list_counts,
    participant_days,
    remove_participant,
    role_counts,
    save_attendance,
    save_participant,
    take_over_guests,
    travels_in,
)
from clubs_exchange.funding.signatures import sheet_layout
from clubs_exchange.htmx import is_fragment_request, redirect_after_post, render, retarget
from clubs_exchange.ids import int_arg
from clubs_exchange.partners.models import PartnerCity
from clubs_exchange.permissions import own_access

LIST_BLOCK = "participant_list"


@bp.app_template_global()
def can_keep_participants(user, proposal) -> bool:
    """For the event's pages: whether to link its participant lists."""
    return can_keep_participant_list(user, proposal)


@bp.app_template_global()
def participant_list_counts(proposal) -> dict:
    """For the event's funding page (templates/funding/participants/_block.html): the list's counts by role, or
    those kept after the purge. Two queries at most."""
    return list_counts(proposal.id)


def _towns(proposal) -> list[PartnerCity]:
    """The partner towns a delegation may come from: every partner city (the event's own first in the choices)."""
    return list(db.session.scalars(sa.select(PartnerCity).order_by(PartnerCity.name)))


def _form(proposal, towns, *, participant=None, default_delegation: str | None = None,
          blank: bool = False) -> ParticipantForm:
    # The edit form's fields are named apart from the add form's, which stays on the page beside an edited row.
    prefix = "edit-" if participant is not None else ""
    if participant is not None and request.method == "GET":
        form = ParticipantForm(prefix=prefix, data=dict(
            name=participant.name, residence=participant.residence,
            organisation_name=participant.organisation_name, birth_year=participant.birth_year,
            role=participant.role.value, invited="yes" if participant.invited else "no",
            delegation=delegation_key(participant.partner_city_id)))
    elif blank:
        # After a person was added or changed: the add form empty again, not filled from the request.
        form = ParticipantForm(formdata=None)
    else:
        form = ParticipantForm(prefix=prefix)
    form.delegation.choices = delegation_choices(proposal, towns)
    if (request.method == "GET" or blank) and participant is None:
        form.delegation.data = default_delegation or HOME
    return form


def _details(proposal, form: ParticipantForm, town: PartnerCity | None) -> ParticipantDetails:
    town_id = town.id if town is not None else None
    invited = travels_in(proposal, town_id) if form.invited.data == AUTO else form.invited.data == "yes"
    return ParticipantDetails(
        name=form.name.data, residence=form.residence.data or "", organisation_name=form.organisation_name.data or "",
        birth_year=form.birth_year.data, role=ParticipantRole(form.role.data), invited=invited,
        partner_city_id=town_id)


def _list_context(proposal, *, form=None, towns=None) -> dict:
    people = load_participants(proposal.id)
    towns = towns if towns is not None else _towns(proposal)
    return dict(
        proposal=proposal, delegations=delegations(proposal, people), totals=role_counts(people),
        ages={p.id: age_at(proposal, p.birth_year) for p in people},
        form=form or _form(proposal, towns, blank=request.method == "POST"), recorded=is_recorded(people),
        participant_days=participant_days(proposal, people), roles=ParticipantRole, home=HOME,
    )


def _list_page(proposal, *, form=None, towns=None, status=200):
    return render("funding/participants/list.html", LIST_BLOCK, status=status,
                  **_list_context(proposal, form=form, towns=towns))


def _changed(proposal, message: str):
    """A plain form goes back to the list (303); htmx gets the refreshed list, counts and all, in place. The
    message names nobody: a flash waits in the session cookie, signed but readable (the list shows the names)."""
    if is_fragment_request():
        return retarget(make_response(*_list_page(proposal)), f"#{LIST_BLOCK}")
    flash(message, "success")
    return redirect_after_post(url_for("funding.participants", proposal_id=proposal.id) + f"#{LIST_BLOCK}")


@bp.get("/proposals/<id:proposal_id>/participants")
@own_access
def participants(proposal_id):
    return _list_page(get_event_or_404(proposal_id))


@bp.route("/proposals/<id:proposal_id>/participants/new", methods=["GET", "POST"])
@own_access
def participant_new(proposal_id):
    proposal = get_event_or_404(proposal_id)
    towns = _towns(proposal)
    form = _form(proposal, towns, default_delegation=request.args.get("delegation"))
    if form.validate_on_submit():
        town = delegation_of(proposal, form.delegation.data)
        save_participant(proposal, None, _details(proposal, form, town))
        db.session.commit()
        return _changed(proposal, _("The person is on the participant list."))
    if request.method == "POST" and is_fragment_request():
        return _list_page(proposal, form=form, towns=towns, status=422)
    return render("funding/participants/form.html", proposal=proposal, form=form, participant=None,
                  status=form_status(form))


@bp.route("/proposals/<id:proposal_id>/participants/<id:participant_id>/edit", methods=["GET", "POST"])
@own_access
def participant_edit(proposal_id, participant_id):
    proposal = get_event_or_404(proposal_id)
    participant = get_participant_or_404(proposal, participant_id)
    towns = _towns(proposal)
    form = _form(proposal, towns, participant=participant)
    if form.validate_on_submit():
        save_participant(proposal, participant, _details(proposal, form, delegation_of(proposal, form.delegation.data)))
        db.session.commit()
        return _changed(proposal, _("The participant's details are saved."))
    if is_fragment_request():
        # The form in the person's row, in place of the row (and again with its messages).
        return render("funding/participants/_edit_row.html", proposal=proposal, form=form, participant=participant,
                      status=form_status(form))
    return render("funding/participants/form.html", proposal=proposal, form=form, participant=participant,
                  status=form_status(form))


@bp.post("/proposals/<id:proposal_id>/participants/<id:participant_id>/remove")
@own_access
def participant_remove(proposal_id, participant_id):
    proposal = get_event_or_404(proposal_id)
    participant = get_participant_or_404(proposal, participant_id)
    remove_participant(participant)
    db.session.commit()
    return _changed(proposal, _("The person is no longer on the participant list."))


# --- import and take-over ------------------------------------------------------------------------------------------

@bp.route("/proposals/<id:proposal_id>/participants/import", methods=["GET", "POST"])
@own_access
def participant_import(proposal_id):
    proposal = get_event_or_404(proposal_id)
    form = ListImportForm()
    form.delegation.choices = delegation_choices(proposal, _towns(proposal))
    problems = []
    if request.method == "GET":
        form.delegation.data = request.args.get("delegation", HOME)
    if form.validate_on_submit():
        def parse(data):
            town = delegation_of(proposal, form.delegation.data)   # a DomainError for a town not of the event
            town_id = town.id if town else None
            return parse_participant_csv(data, partner_city_id=town_id, this_year=clock.today().year,
                                         invited=travels_in(proposal, town_id))

        people, problems = read_import(form, parse)
        if people is not None:
            for person in people:
                save_participant(proposal, None, person)
            db.session.commit()
            flash(ngettext("%(num)d participant imported.", "%(num)d participants imported.", len(people)),
                  "success")
            return redirect_after_post(url_for("funding.participants", proposal_id=proposal.id))
    too_long = keep_editable(form)
    return render("funding/participants/import.html", proposal=proposal, form=form, problems=problems,
                  columns=COLUMNS, too_long=too_long, status=form_status(form))


@bp.get("/participant-list-sample.csv")
@own_access
def participant_sample():
    return csv_response("participant-list-sample", COLUMN_NAMES, SAMPLE_ROWS, dated=False)


@bp.route("/proposals/<id:proposal_id>/participants/guests", methods=["GET", "POST"])
@own_access
def participant_guests(proposal_id):
    """The event's guests (hosting) onto the list without retyping: those chosen, into a partner town's
    delegation, invited; a guest taken over before is not offered again."""
    proposal = get_event_or_404(proposal_id)
    guests, taken = guests_to_take_over(proposal)
    offered = [g for g in guests if g.id not in taken]
    form = TakeOverForm()
    form.guests.choices = select_choices((g.id, g.name) for g in offered)
    towns = _towns(proposal)
    form.delegation.choices = [c for c in delegation_choices(proposal, towns) if c.value != HOME]
    if form.validate_on_submit():
        if not form.guests.data:
            show_at_field(form, DomainError(_("Choose at least one guest."), "guests"))
        else:
            town = db.session.get(PartnerCity, int(form.delegation.data))
            added = take_over_guests(proposal, set(form.guests.data), town)
            db.session.commit()
            flash(ngettext("%(num)d guest taken over into the delegation of %(town)s.",
                           "%(num)d guests taken over into the delegation of %(town)s.", len(added),
                           town=town.name), "success")
            return redirect_after_post(url_for("funding.participants", proposal_id=proposal.id))
    return render("funding/participants/guests.html", proposal=proposal, form=form, offered=offered,
                  already=len(taken), total=len(guests), status=form_status(form))


# --- the signature lists and attendance ------------------------------------------------------------------------------

@bp.get("/proposals/<id:proposal_id>/participants/signatures")
@own_access
def participant_signatures(proposal_id):
    """One sheet per delegation (or the one `?delegation=` names), headed by the funder and reference of the
    application `?scheme=` picks (else the event's first)."""
    proposal = get_event_or_404(proposal_id)
    people = load_participants(proposal.id)
    groups = delegations(proposal, people)
    wanted = request.args.get("delegation")
    if wanted:
        groups = [g for g in groups if g.key == wanted]
        if not groups:
            abort(404)
    applications = applications_of(proposal.id)
    application = chosen_application(applications, int_arg("scheme"))
    layout = sheet_layout(application.scheme.kind if application else None, all_days(proposal))
    return render("funding/participants/signatures.html", proposal=proposal, groups=groups,
                  applications=applications, application=application, layout=layout,
                  days=all_days(proposal), wanted=wanted)


def _ticked(proposal) -> set[tuple[int, date]]:
    present = set()
    for value in request.form.getlist("present"):
        pid, _sep, day = value.partition(":")
        try:
            present.add((int(pid), date.fromisoformat(day)))
        except ValueError:
            continue
    return present


@bp.route("/proposals/<id:proposal_id>/participants/attendance", methods=["GET", "POST"])
@own_access
def participant_attendance(proposal_id):
    """After the event: who was there on which day, the whole grid saved at once."""
    proposal = get_event_or_404(proposal_id)
    people = load_participants(proposal.id)
    days = all_days(proposal)
    if request.method == "POST":
        if request.form.get("everyone"):
            present = {(p.id, d) for p in people for d in days}
        elif request.form.get("clear"):
            present = set()
        else:
            present = _ticked(proposal)
        recorded = save_attendance(proposal, people, present)
        db.session.commit()
        if recorded:
            message = ngettext("Attendance saved: %(num)d participant-day.",
                               "Attendance saved: %(num)d participant-days.", recorded)
        else:
            message = _("Attendance is not recorded: everyone counts for the whole event.")
        flash(message, "success")
        return redirect_after_post(url_for("funding.participant_attendance", proposal_id=proposal.id))
    return render("funding/participants/attendance.html", proposal=proposal, groups=delegations(proposal, people),
                  days=days, recorded=is_recorded(people),
                  present={(p.id, a.day) for p in people for a in p.attendance},
                  participant_days=participant_days(proposal, people), started=days[0] <= clock.today())
