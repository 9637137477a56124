"""Routes for milestones, the printable twinning certificate and the partnership agreement."""


from flask import abort, current_app
from flask_babel import format_date
from flask_babel import gettext as _
from flask_login import current_user

from clubs_exchange import clock
from clubs_exchange.errors import done, show_at_field
from clubs_exchange.forms import form_status
from clubs_exchange.htmx import render
from clubs_exchange.partners import bp
from clubs_exchange.partners.agreement import current_template, draft, save_template
from clubs_exchange.partners.errors import PartnerError
from clubs_exchange.partners.forms import AgreementTemplateForm, MilestoneForm
from clubs_exchange.partners.images import city_image, image_path
from clubs_exchange.partners.milestones import record_milestone, signed_certificate
from clubs_exchange.partners.models import MilestoneKind, PartnerCity
from clubs_exchange.permissions import get_or_404, require_staff


@bp.route("/<id:partner_id>/milestones/new", methods=["GET", "POST"])
def new_milestone(partner_id):
    require_staff()
    partner = get_or_404(PartnerCity, partner_id)
    form = MilestoneForm()
    if form.validate_on_submit():
        try:
            milestone = record_milestone(
                partner,
                kind=MilestoneKind(form.kind.data),
                happened_on=form.happened_on.data,
                actor=current_user,
                title=form.title.data,
                place=form.place.data,
                people=form.people.data,
                signatories=form.signatories.data,
                notes=form.notes.data,
            )
        except PartnerError as error:
            show_at_field(form, error)
        else:
            return done(_("%(milestone)s is recorded.", milestone=milestone.heading), "partners.show",
                        partner_id=partner.id, _anchor="timeline-heading")
    return render("partners/milestone.html", form=form, partner=partner, status=form_status(form))


@bp.get("/<id:partner_id>/certificate")
def certificate(partner_id):
    """The printable twinning certificate; there is none before it was signed."""
    partner = get_or_404(PartnerCity, partner_id)
    signed = signed_certificate(partner)
    if signed is None:
        abort(404)
    return render("partners/certificate.html", partner=partner, signed=signed,
                  partner_image=image_path(partner) is not None, city_image=city_image() is not None)


@bp.get("/<id:partner_id>/agreement")
def agreement(partner_id):
    """The printable partnership agreement, drafted from the template with this partner's data."""
    require_staff()
    partner = get_or_404(PartnerCity, partner_id)
    signed = signed_certificate(partner)
    on = signed.happened_on if signed else clock.today()
    text = draft(
        current_template(),
        home_city=current_app.config["CITY_NAME"],
        partner_city=partner.name,
        partner_country=partner.country,
        on=format_date(on, "long"),
        signatories=signed.signatory_list if signed else [],
    )
    return render("partners/agreement.html", partner=partner, text=text, signed=signed)


@bp.route("/agreement-template", methods=["GET", "POST"])
def agreement_template():
    require_staff()
    form = AgreementTemplateForm()
    if not form.is_submitted():
        form.text.data = current_template()
    if form.validate_on_submit():
        try:
            save_template(form.text.data, actor=current_user)
        except PartnerError as error:
            show_at_field(form, error)
        else:
            return done(_("The agreement template is saved."), "partners.agreement_template")
    return render("partners/agreement_template.html", form=form, status=form_status(form))
