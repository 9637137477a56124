"""Routes for the partner cities: everyone logged in reads them, city staff keep them and their contacts."""

from flask import abort, current_app, flash, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from clubs_exchange.errors import done, show_at_field
from clubs_exchange.extensions import db
from clubs_exchange.forms import form_status
from clubs_exchange.htmx import redirect_after_post, render
from clubs_exchange.partners import bp
from clubs_exchange.partners.access import can_see_contact_details
from clubs_exchange.partners.directory import partners_with_upcoming_counts, save_partner, upcoming_events
from clubs_exchange.partners.errors import PartnerError
from clubs_exchange.partners.figures import events_chart, figures_by_year
from clubs_exchange.partners.forms import ContactForm, ImageForm, PartnerCityForm
from clubs_exchange.partners.health import empty_health, partnership_health
from clubs_exchange.partners.images import city_image, image_path, save_city_image, save_image
from clubs_exchange.partners.levels import level_history
from clubs_exchange.partners.milestones import latest_certificate, milestones_of
from clubs_exchange.partners.models import PartnerCity, PartnerContact, RelationshipLevel
from clubs_exchange.partners.timeline import timeline
from clubs_exchange.permissions import get_or_404, require_staff


@bp.before_request
@login_required
def members_of_the_intranet_only():
    """Every page of the area needs a login."""


@bp.get("/")
def index():
    health = partnership_health()
    return render("partners/index.html", rows=partners_with_upcoming_counts(), health=health,
                  no_health=empty_health())


@bp.get("/<id:partner_id>")
def show(partner_id):
    """The partnership page: facts, contacts, timeline, events and figures per year."""
    partner = get_or_404(PartnerCity, partner_id)
    figures = figures_by_year(partner.id)
    milestones = milestones_of(partner)
    return render(
        "partners/show.html",
        partner=partner,
        contacts=list(partner.contacts),
        show_contact_details=can_see_contact_details(current_user),
        timeline=timeline(milestones, level_history(partner)),
        certificate=latest_certificate(milestones),
        events=upcoming_events(partner),
        figures=figures,
        chart=events_chart(figures),
    )


def edit_page(partner: PartnerCity | None):
    form = PartnerCityForm(obj=partner)
    if form.validate_on_submit():
        try:
            saved = save_partner(
                partner,
                name=form.name.data,
                country=form.country.data,
                relationship_level=RelationshipLevel(form.relationship_level.data),
                languages=form.languages.data or "",
                # Left empty on a new partner city: its country's language; on a change: another language.
                language=form.language.data if partner is not None or form.language.data else None,
                actor=current_user,
                level_note=form.level_note.data or "",
                level_changed_on=form.level_changed_on.data,
                friendship_until=form.friendship_until.data,
                friendship_project=form.friendship_project.data or "",
                region=form.region.data,
                population=form.population.data,
                structure=form.structure.data,
                state=form.state.data,
                activities=form.activities.data,
                website=form.website.data,
                description=form.description.data,
                description_language=form.text_language.data,
            )
        except PartnerError as error:
            show_at_field(form, error)
        else:
            return done(_("%(name)s is saved.", name=saved.name), "partners.show", partner_id=saved.id)
    return render("partners/edit.html", form=form, partner=partner, status=form_status(form))


@bp.route("/new", methods=["GET", "POST"])
def new():
    require_staff()
    return edit_page(None)


@bp.route("/<id:partner_id>/edit", methods=["GET", "POST"])
def edit(partner_id):
    require_staff()
    return edit_page(get_or_404(PartnerCity, partner_id))


@bp.route("/<id:partner_id>/contacts/new", methods=["GET", "POST"])
def new_contact(partner_id):
    require_staff()
    partner = get_or_404(PartnerCity, partner_id)
    form = ContactForm()
    if form.validate_on_submit():
        contact = PartnerContact(partner_city=partner)
        form.populate_obj(contact)
        db.session.add(contact)
        db.session.commit()
        flash(_("%(name)s is added to the contacts.", name=contact.name), "success")
        return redirect_after_post(url_for("partners.show", partner_id=partner.id) + "#contacts-heading")
    return render("partners/contact.html", form=form, partner=partner, status=form_status(form))


@bp.post("/<id:partner_id>/contacts/<id:contact_id>/remove")
def remove_contact(partner_id, contact_id):
    require_staff()
    contact = get_or_404(PartnerContact, contact_id)
    if str(contact.partner_city_id) != str(partner_id):
        abort(404)
    db.session.delete(contact)
    db.session.commit()
    flash(_("%(name)s is removed from the contacts.", name=contact.name), "success")
    return redirect_after_post(url_for("partners.show", partner_id=contact.partner_city_id) + "#contacts-heading")


@bp.route("/<id:partner_id>/image/upload", methods=["GET", "POST"])
def upload_image(partner_id):
    require_staff()
    partner = get_or_404(PartnerCity, partner_id)
    form = ImageForm()
    if form.validate_on_submit():
        try:
            save_image(partner, form.image.data, max_bytes=current_app.config["PARTNER_IMAGE_MAX_BYTES"])
        except PartnerError as error:
            show_at_field(form, error)
        else:
            return done(_("The picture of %(name)s is saved.", name=partner.name), "partners.show",
                        partner_id=partner.id)
    return render("partners/image.html", form=form, partner=partner, status=form_status(form))


@bp.get("/<id:partner_id>/image")
def image(partner_id):
    """The picture, to logged-in users only (the before_request above), never from static/."""
    partner = get_or_404(PartnerCity, partner_id)
    path = image_path(partner)
    if path is None:
        abort(404)
    response = send_file(path, mimetype=partner.image_type, max_age=300)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'"
    return response


@bp.route("/city-image/upload", methods=["GET", "POST"])
def upload_city_image():
    """The home city's coat of arms, printed on the certificates beside the partner's."""
    require_staff()
    form = ImageForm()
    if form.validate_on_submit():
        try:
            save_city_image(form.image.data, max_bytes=current_app.config["PARTNER_IMAGE_MAX_BYTES"])
        except PartnerError as error:
            show_at_field(form, error)
        else:
            return done(_("The coat of arms of %(city)s is saved.", city=current_app.config["CITY_NAME"]),
                        "partners.index")
    return render("partners/city_image.html", form=form, status=form_status(form), has_image=city_image() is not None)


@bp.get("/city-image")
def city_image_file():
    found = city_image()
    if found is None:
        abort(404)
    path, content_type = found
    response = send_file(path, mimetype=content_type, max_age=300)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'"
    return response
