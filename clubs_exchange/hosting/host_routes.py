"""Routes of the host register: staff keep it, organisations propose households of their members."""

from flask import flash, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from clubs_exchange import concurrency
from clubs_exchange.concurrency import ChangedMeanwhile
from clubs_exchange.errors import show_at_field
from clubs_exchange.extensions import db
from clubs_exchange.forms import form_status, select_choices
from clubs_exchange.hosting import bp
from clubs_exchange.hosting.access import get_household_or_404, log_view
from clubs_exchange.hosting.forms import CONSENT_WORDING, HostForm, format_periods
from clubs_exchange.hosting.listing import households
from clubs_exchange.hosting.models import HostingViewLog, ViewKind
from clubs_exchange.hosting.register import HouseholdDetails, confirm_household, save_household
from clubs_exchange.htmx import redirect_after_post, render
from clubs_exchange.permissions import is_staff, require_staff
from clubs_exchange.privacy import personal_data
from clubs_exchange.privacy.erasure import erase_household


@bp.get("/hosts/")
def hosts():
    return render("hosting/hosts.html", rows=households(current_user), staff=is_staff(current_user))


def own_organisations():
    return sorted(((m.organisation_id, m.organisation.name) for m in current_user.memberships), key=lambda p: p[1])


def details_from(form: HostForm) -> HouseholdDetails:
    return HouseholdDetails(
        contact_name=form.contact_name.data, address=form.address.data, phone=form.phone.data or "",
        email=form.email.data or "", beds=form.beds.data, languages=form.languages.data or "",
        children=form.children.data or 0, has_pets=form.has_pets.data, pets=form.pets.data or "",
        smoke_free=form.smoke_free.data, takes_minors=form.takes_minors.data,
        caters_dietary=form.caters_dietary.data, accessible=form.accessible.data, notes=form.notes.data or "",
        consent_on=form.consent_on.data, consent_wording=form.consent_wording.data,
    )


@bp.route("/hosts/new", methods=["GET", "POST"])
def new_host():
    staff = is_staff(current_user)
    organisations = own_organisations()
    if not staff and not organisations:
        return render_template(
            "errors/error.html", title=_("Only organisations propose host families"),
            message=_("Host households are proposed by organisations or entered by the twinning office."),
        ), 403
    form = HostForm()
    choices = ([("", _("The twinning office"))] if staff else []) + organisations
    form.organisation_id.choices = select_choices(choices)
    if not form.consent_wording.data:
        form.consent_wording.data = str(CONSENT_WORDING)
    if form.validate_on_submit():
        chosen = dict(organisations).keys() if not staff else None
        org_id = int(form.organisation_id.data) if (form.organisation_id.data or "").isdigit() else None
        if chosen is not None and org_id not in chosen:
            org_id = organisations[0][0]
        household = save_household(None, details_from(form), form.unavailable_periods(), proposed_by_id=org_id)
        if staff:
            db.session.flush()
            confirm_household(household, current_user)
        db.session.commit()
        # No name in a flash: it waits in the session cookie, signed but readable (the page names the household).
        message = (_("The household is in the register.") if staff else
                   _("The household is proposed; the twinning office will confirm it."))
        flash(message, "success")
        return redirect_after_post(url_for("hosting.host", household_id=household.id))
    return render("hosting/host_form.html", form=form, household=None, status=form_status(form))


@bp.get("/hosts/<id:household_id>")
def host(household_id):
    household = get_household_or_404(household_id)
    log_view(ViewKind.HOST, household_id=household.id)
    db.session.commit()
    return render("hosting/host.html", household=household, staff=is_staff(current_user))


@bp.route("/hosts/<id:household_id>/edit", methods=["GET", "POST"])
def edit_host(household_id):
    # Loaded first: another organisation's household does not exist for you (404), as on its page.
    household = get_household_or_404(household_id)
    require_staff()
    form = HostForm(obj=household)
    form.organisation_id.choices = select_choices([(household.proposed_by_id or "", "")])
    if not form.is_submitted():
        form.unavailable.data = format_periods(household.unavailable_periods)
        # The form shows the address, phone and e-mail in full: a view like the household's page.
        log_view(ViewKind.HOST, household_id=household.id)
        db.session.commit()
    if form.validate_on_submit():
        try:
            with concurrency.unchanged(household, form.version.data):
                save_household(household, details_from(form), form.unavailable_periods())
                db.session.commit()
        except ChangedMeanwhile as error:
            # The entries stay in the form; sent again, they apply to the household as it is now.
            show_at_field(form, error)
            form.version.data = household.version
            return render("hosting/host_form.html", form=form, household=household, status=409)
        flash(_("The household is saved."), "success")
        return redirect_after_post(url_for("hosting.host", household_id=household.id))
    return render("hosting/host_form.html", form=form, household=household, status=form_status(form))


@bp.post("/hosts/<id:household_id>/confirm")
def confirm_host(household_id):
    household = get_household_or_404(household_id)
    require_staff()
    try:
        with concurrency.unchanged(household, request.form.get("version")):
            confirm_household(household, current_user)
            db.session.commit()
    except ChangedMeanwhile as error:
        db.session.rollback()
        flash(error.message, "error")
        return redirect_after_post(url_for("hosting.host", household_id=household.id))
    flash(_("The household is confirmed and can be placed with guests."), "success")
    return redirect_after_post(url_for("hosting.host", household_id=household.id))


@bp.get("/hosts/<id:household_id>/export.json")
def export_host(household_id):
    # Loaded first: another organisation's household does not exist for you (404), as on its page.
    household = get_household_or_404(household_id)
    require_staff()
    log_view(ViewKind.HOST_EXPORT, household_id=household.id)
    response = personal_data.download("host_household", personal_data.household_data(household),
                                      f"host-household-{household.id}")
    db.session.commit()
    return response


@bp.post("/hosts/<id:household_id>/erase")
def erase_host(household_id):
    household = get_household_or_404(household_id)
    require_staff()
    deleted = erase_household(household)
    db.session.commit()
    # No name: a flash message waits in the session cookie, which is signed but readable by whoever holds it.
    flash(_("The household's personal data are erased; the events it hosted keep their count."), "success")
    if deleted:
        return redirect_after_post(url_for("hosting.hosts"))
    return redirect_after_post(url_for("hosting.host", household_id=household.id))


@bp.get("/log")
def view_log():
    require_staff()
    import sqlalchemy as sa
    from sqlalchemy.orm import joinedload

    rows = db.session.scalars(
        sa.select(HostingViewLog)
        .options(joinedload(HostingViewLog.user), joinedload(HostingViewLog.proposal))
        .order_by(HostingViewLog.at.desc(), HostingViewLog.id.desc())
        .limit(500)
    )
    return render("hosting/log.html", rows=list(rows))

