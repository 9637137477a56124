"""Routes of an incoming event's hosting: the guest list, its import, placements, the rooming list and exports."""

import sqlalchemy as sa
from flask import abort, flash, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required

from clubs_exchange import clock
from clubs_exchange.concurrency import ChangedMeanwhile, placements_changed, stale_as
from clubs_exchange.csv_import import keep_editable, read_import
from clubs_exchange.csv_io import csv_response
from clubs_exchange.extensions import db
from clubs_exchange.forms import form_status
from clubs_exchange.hosting import bp
from clubs_exchange.hosting.access import (
    can_place,
    get_guest_or_404,
    get_incoming_event_or_404,
    households_shown,
    log_view,
)
from clubs_exchange.hosting.forms import GuestForm, ImportForm, MoveForm, SwapForm
from clubs_exchange.hosting.guests import GuestDetails, erase_guest, save_guest
from clubs_exchange.hosting.importing import (
    COLUMN_NAMES,
    COLUMNS,
    SAMPLE_ROWS,
    parse_guest_csv,
)
from clubs_exchange.hosting.listing import incoming_events
from clubs_exchange.hosting.models import ViewKind
from clubs_exchange.hosting.placing import EventPlacement, PlacementError, households_of, lock_households
from clubs_exchange.hosting.wording import preference_text, unplaced_text
from clubs_exchange.htmx import is_fragment_request, redirect_after_post, render
from clubs_exchange.ids import parse_int
from clubs_exchange.permissions import require_staff
from clubs_exchange.privacy import personal_data


@bp.before_request
@login_required
def members_of_the_intranet_only():
    """Every page of the area needs a login."""


@bp.get("/")
def events():
    return render("hosting/events.html", rows=incoming_events(current_user, clock.utcnow()))


# --- the event's hosting page and the placement actions ------------------------------------------------------


def event_page(proposal, *, status=200, error=None, message=None):
    placing = EventPlacement.load(proposal)
    shown = households_shown(current_user, placing)
    log_view(ViewKind.HOSTING_PAGE, proposal_id=proposal.id)
    answer = render(
        "hosting/event.html",
        "placements",
        status=status,
        proposal=proposal,
        placing=placing,
        free=placing.free_beds(),
        occupants=placing.occupants(),
        unplaced={g: unplaced_text(u) for g, u in placing.unplaced_reasons().items()},
        unmet={g: [preference_text(p) for p in prefs] for g, prefs in placing.unmet().items()},
        shown=shown,
        households={h.id: h for h in shown},
        ages=placing.ages(),
        may_place=can_place(current_user),
        error=error,
        message=message,
    )
    # Committed once the page is rendered: a commit expires the loaded guests, and the page would load each again.
    db.session.commit()
    return answer


@bp.get("/events/<id:proposal_id>")
def event(proposal_id):
    return event_page(get_incoming_event_or_404(proposal_id))


def after_change(proposal, message: str, flashed: str | None = None):
    """A plain form goes back to the page (303); htmx gets the refreshed placements in place, with the message.
    A flash waits in the session cookie, signed but readable by whoever holds it: `flashed` says it without the
    names (the page shows them), where the message names a guest or a household."""
    if is_fragment_request():
        return event_page(proposal, message=message)
    flash(flashed or message, "success")
    return redirect_after_post(url_for("hosting.event", proposal_id=proposal.id) + "#placements")


def refused(proposal, messages: list[str]):
    db.session.rollback()
    return event_page(proposal, status=422, error=" ".join(messages))


@bp.post("/events/<id:proposal_id>/propose")
def propose(proposal_id):
    proposal = get_incoming_event_or_404(proposal_id, for_placing=True)
    lock_households()
    placing = EventPlacement.load(proposal)
    before = len(placing.assignment)
    result = placing.propose(current_user)
    db.session.commit()
    placed = len(result.assignment) - before
    message = ngettext("%(num)d guest placed by the proposal.", "%(num)d guests placed by the proposal.", placed)
    if result.unplaced:
        message += " " + _("%(n)s could not be placed: see why beside each of them.", n=len(result.unplaced))
    return after_change(proposal, message)


def guest_of(proposal, guest_id):
    guest = get_guest_or_404(guest_id)
    if guest.proposal_id != proposal.id:
        abort(404)
    return guest


# A guest has one placement (a unique guest_id): of two people placing an unplaced guest at the same moment, the
# second one's INSERT meets the first one's row.
PLACED_MEANWHILE = (sa.exc.IntegrityError,)


@bp.post("/events/<id:proposal_id>/move")
def move(proposal_id):
    proposal = get_incoming_event_or_404(proposal_id, for_placing=True)
    form = MoveForm()
    if not form.validate():
        return refused(proposal, [_("Choose a guest and a household.")])
    guest = guest_of(proposal, form.guest_id.data)
    household_id = int(form.household_id.data) if (form.household_id.data or "").isdigit() else None
    lock_households([household_id])  # before loading: the beds counted are the ones left after other placers
    placing = EventPlacement.load(proposal)
    guest = next(g for g in placing.guests if g.id == guest.id)
    try:
        with stale_as(lambda: placements_changed(proposal), also=PLACED_MEANWHILE):
            placing.move(guest, household_id, current_user)
            db.session.commit()
    except ChangedMeanwhile as error:
        return refused(proposal, [error.message])
    except PlacementError as error:
        return refused(proposal, error.messages)
    if household_id is None:
        return after_change(proposal, _("%(guest)s is no longer placed.", guest=guest.name),
                            _("The guest is no longer placed."))
    host = placing.hosts[household_id].name
    return after_change(proposal, _("%(guest)s now stays with %(host)s.", guest=guest.name, host=host),
                        _("The guest now stays with the household chosen."))


@bp.post("/events/<id:proposal_id>/swap")
def swap(proposal_id):
    proposal = get_incoming_event_or_404(proposal_id, for_placing=True)
    form = SwapForm()
    if not form.validate() or not (form.other_guest_id.data or "").isdigit():
        return refused(proposal, [_("Choose the guest to swap with.")])
    first, second = guest_of(proposal, form.guest_id.data), guest_of(proposal, parse_int(form.other_guest_id.data))
    if first.id == second.id:
        return refused(proposal, [_("Choose another guest to swap with.")])
    lock_households(households_of([first.id, second.id]))
    placing = EventPlacement.load(proposal)
    by_id = {g.id: g for g in placing.guests}
    first, second = by_id[first.id], by_id[second.id]
    try:
        with stale_as(lambda: placements_changed(proposal), also=PLACED_MEANWHILE):
            placing.swap(first, second, current_user)
            db.session.commit()
    except ChangedMeanwhile as error:
        return refused(proposal, [error.message])
    except PlacementError as error:
        return refused(proposal, error.messages)
    return after_change(proposal, _("%(first)s and %(second)s swapped households.", first=first.name,
                                     second=second.name), _("The two guests swapped households."))


@bp.get("/events/<id:proposal_id>/guests/<id:guest_id>/change")
def change_guest(proposal_id, guest_id):
    """The move and swap choices of one guest: a page of its own, or loaded into the guest's row by htmx."""
    proposal = get_incoming_event_or_404(proposal_id, for_placing=True)
    placing = EventPlacement.load(proposal)
    guest = next((g for g in placing.guests if g.id == guest_id), None)
    if guest is None:
        abort(404)
    log_view(ViewKind.HOSTING_PAGE, proposal_id=proposal.id)
    answer = render("hosting/change.html", "change", proposal=proposal, placing=placing, guest=guest,
                    free=placing.free_beds(), in_row=is_fragment_request())
    db.session.commit()
    return answer


@bp.get("/events/<id:proposal_id>/rooming")
def rooming(proposal_id):
    proposal = get_incoming_event_or_404(proposal_id)
    placing = EventPlacement.load(proposal)
    log_view(ViewKind.ROOMING_LIST, proposal_id=proposal.id)
    households = {h.id: h for h in placing.households}
    occupants = placing.occupants()
    guests = {g.id: g for g in placing.guests}
    per_host = [(households[h], [guests[g] for g in ids]) for h, ids in occupants.items() if ids and h in households]
    page = render_template("hosting/rooming.html", proposal=proposal, per_host=per_host, guests=placing.guests,
                           households=households, ages=placing.ages())
    db.session.commit()
    return page


EXPORT_HEADER = ["guest", "age", "minor", "gender", "languages", "dietary_needs", "allergies", "pet_allergy",
                 "accessibility_needs", "household", "address", "phone", "email"]


@bp.get("/events/<id:proposal_id>/placements.csv")
def export_csv(proposal_id):
    proposal = get_incoming_event_or_404(proposal_id)
    placing = EventPlacement.load(proposal)
    log_view(ViewKind.CSV_EXPORT, proposal_id=proposal.id)
    households = {h.id: h for h in placing.households}
    ages = placing.ages()
    rows = []
    for g in placing.guests:
        host = households.get(g.placement.household_id) if g.placement else None
        rows.append([
            g.name, ages[g.id], g.is_minor, g.gender, g.languages, g.dietary_needs, g.allergies, g.pet_allergy,
            g.accessibility_needs, host.contact_name if host else "", host.address if host else "",
            host.phone if host else "", host.email if host else "",
        ])
    response = csv_response(f"placements-{proposal.id}", EXPORT_HEADER, rows)
    db.session.commit()
    return response


# --- guests: one by one, by import, export and erasure on request ---------------------------------------------


def details_from(form: GuestForm) -> GuestDetails:
    return GuestDetails(
        name=form.name.data, date_of_birth=form.date_of_birth.data, age=form.age.data,
        gender=form.gender.data or "", languages=form.languages.data or "",
        dietary_needs=form.dietary_needs.data or "", allergies=form.allergies.data or "",
        pet_allergy=form.pet_allergy.data, accessibility_needs=form.accessibility_needs.data or "",
        wishes_with=form.wishes_with.data or "", parental_consent=form.parental_consent.data,
        notes=form.notes.data or "",
    )


def guest_form_page(proposal, guest, form):
    return render("hosting/guest_form.html", proposal=proposal, guest=guest, form=form, status=form_status(form))


@bp.route("/events/<id:proposal_id>/guests/new", methods=["GET", "POST"])
def new_guest(proposal_id):
    proposal = get_incoming_event_or_404(proposal_id)
    form = GuestForm()
    if form.validate_on_submit():
        save_guest(proposal, None, details_from(form))
        db.session.commit()
        # No name in a flash: it waits in the session cookie, signed but readable (the page lists the guest).
        flash(_("The guest is on the guest list."), "success")
        return redirect_after_post(url_for("hosting.event", proposal_id=proposal.id))
    return guest_form_page(proposal, None, form)


@bp.route("/guests/<id:guest_id>/edit", methods=["GET", "POST"])
def edit_guest(guest_id):
    guest = get_guest_or_404(guest_id)
    proposal = guest.proposal
    form = GuestForm(obj=guest)
    if request.method == "GET":
        log_view(ViewKind.GUEST, proposal_id=proposal.id, guest_id=guest.id)
        db.session.commit()
    if form.validate_on_submit():
        save_guest(proposal, guest, details_from(form))
        db.session.commit()
        flash(_("The guest's details are saved."), "success")
        return redirect_after_post(url_for("hosting.event", proposal_id=proposal.id))
    return guest_form_page(proposal, guest, form)


@bp.get("/guests/<id:guest_id>/export.json")
def export_guest(guest_id):
    # Loaded first: another organisation's guest does not exist for you (404), as on every guest page.
    guest = get_guest_or_404(guest_id)
    require_staff()
    log_view(ViewKind.GUEST_EXPORT, proposal_id=guest.proposal_id, guest_id=guest.id)
    response = personal_data.download("guest", personal_data.guest_data(guest), f"guest-{guest.id}")
    db.session.commit()
    return response


@bp.post("/guests/<id:guest_id>/erase")
def erase(guest_id):
    guest = get_guest_or_404(guest_id)
    require_staff()
    proposal_id = guest.proposal_id
    erase_guest(guest)
    db.session.commit()
    # No name: a flash message waits in the session cookie, which is signed but readable by whoever holds it.
    flash(_("The guest's personal data are erased; the event keeps the count."), "success")
    return redirect_after_post(url_for("hosting.event", proposal_id=proposal_id))


@bp.route("/events/<id:proposal_id>/import", methods=["GET", "POST"])
def import_guests(proposal_id):
    proposal = get_incoming_event_or_404(proposal_id)
    form = ImportForm()
    problems = []
    if form.validate_on_submit():
        existing = {g.name.strip().casefold() for g in EventPlacement.load(proposal).guests}
        details, problems = read_import(form, lambda data: parse_guest_csv(data, today=clock.today(),
                                                                           existing_names=existing))
        if details is not None:
            for guest in details:
                save_guest(proposal, None, guest)
            db.session.commit()
            flash(ngettext("%(num)d guest imported.", "%(num)d guests imported.", len(details)), "success")
            return redirect_after_post(url_for("hosting.event", proposal_id=proposal.id))
    too_long = keep_editable(form)
    return render("hosting/import.html", proposal=proposal, form=form, problems=problems, columns=COLUMNS,
                  too_long=too_long, status=form_status(form))


@bp.get("/guest-list-sample.csv")
def sample():
    return csv_response("guest-list-sample", COLUMN_NAMES, SAMPLE_ROWS, dated=False)


from clubs_exchange.hosting import host_routes  # noqa: E402, F401  (the register's routes on the same blueprint)
