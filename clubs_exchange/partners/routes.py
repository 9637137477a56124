"""Routes for the partner cities: everyone logged in reads them, city staff keep them."""

from flask import flash, url_for
from flask_babel import gettext as _
from flask_login import login_required

from clubs_exchange.extensions import db
from clubs_exchange.forms import add_error, form_status
from clubs_exchange.htmx import redirect_after_post, render
from clubs_exchange.partners import bp
from clubs_exchange.partners.directory import (
    PartnerError,
    partners_with_upcoming_counts,
    save_partner,
    upcoming_events,
)
from clubs_exchange.partners.forms import PartnerCityForm
from clubs_exchange.partners.models import PartnerCity, RelationshipLevel
from clubs_exchange.permissions import get_or_404, require_staff


@bp.before_request
@login_required
def members_of_the_intranet_only():
    """Every page of the area needs a login."""


@bp.get("/")
def index():
    return render("partners/index.html", rows=partners_with_upcoming_counts())


@bp.get("/<partner_id>")
def show(partner_id):
    partner = get_or_404(PartnerCity, partner_id)
    return render("partners/show.html", partner=partner, events=upcoming_events(partner))


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
            )
        except PartnerError as error:
            db.session.rollback()
            add_error(getattr(form, error.field), error.message)
        else:
            db.session.commit()
            flash(_("%(name)s is saved.", name=saved.name), "success")
            return redirect_after_post(url_for("partners.show", partner_id=saved.id))
    return render("partners/edit.html", form=form, partner=partner, status=form_status(form))


@bp.route("/new", methods=["GET", "POST"])
def new():
    require_staff()
    return edit_page(None)


@bp.route("/<partner_id>/edit", methods=["GET", "POST"])
def edit(partner_id):
    require_staff()
    return edit_page(get_or_404(PartnerCity, partner_id))
