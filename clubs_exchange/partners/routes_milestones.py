"""Routes for milestones, the printable twinning certificate and the partnership agreement."""


from flask import abort, current_app, render_template, request
from flask_babel import force_locale, format_date
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup

from clubs_exchange import clock, languages
from clubs_exchange.errors import done, show_at_field
from clubs_exchange.forms import form_status
from clubs_exchange.htmx import render
from clubs_exchange.partners import bp
from clubs_exchange.partners.agreement import current_template, draft, save_template, written_languages
from clubs_exchange.partners.errors import PartnerError
from clubs_exchange.partners.forms import AgreementTemplateForm, MilestoneForm
from clubs_exchange.partners.images import city_image, image_path
from clubs_exchange.partners.languages import document_languages, home_language
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


def in_each_language(partner, render_one) -> list[tuple[str, Markup]]:
    """A document's text in each of its languages (the home city's, the partner city's), each written in its own
    language and formats whatever the reader's: [(language, html)], the home city's first."""
    columns = []
    for language in document_languages(partner):
        with force_locale(languages.format_locale(language)):
            columns.append((language, Markup(render_one(language, first=not columns))))
    return columns


@bp.get("/<id:partner_id>/certificate")
def certificate(partner_id):
    """The printable twinning certificate, side by side in the home city's and the partner city's languages;
    there is none before it was signed."""
    partner = get_or_404(PartnerCity, partner_id)
    signed = signed_certificate(partner)
    if signed is None:
        abort(404)
    columns = in_each_language(partner, lambda language, first: render_template(
        "partners/_certificate_text.html", partner=partner, signed=signed, first=first))
    return render("partners/certificate.html", partner=partner, signed=signed, columns=columns,
                  partner_image=image_path(partner) is not None, city_image=city_image() is not None)


@bp.get("/<id:partner_id>/agreement")
def agreement(partner_id):
    """The printable partnership agreement, drafted from the template of each of its languages with this
    partner's data, side by side."""
    require_staff()
    partner = get_or_404(PartnerCity, partner_id)
    signed = signed_certificate(partner)
    on = signed.happened_on if signed else clock.today()

    def text_in(language, first):
        return render_template("partners/_agreement_text.html", text=draft(
            current_template(language),
            home_city=current_app.config["CITY_NAME"],
            partner_city=partner.name,
            partner_country=partner.country,
            on=format_date(on, "long"),
            signatories=signed.signatory_list if signed else [],
        ))

    columns = in_each_language(partner, text_in)
    written = written_languages()
    unwritten = [language for language, _html in columns if language not in written]
    return render("partners/agreement.html", partner=partner, columns=columns, signed=signed, unwritten=unwritten)


@bp.route("/agreement-template", methods=["GET", "POST"])
def agreement_template():
    """The template of one language (?language=, default the home city's); each is saved on its own."""
    require_staff()
    language = request.args.get("language") or home_language()
    if language not in languages.offered():
        abort(404)
    form = AgreementTemplateForm()
    if not form.is_submitted():
        form.text.data = current_template(language)
    if form.validate_on_submit():
        try:
            save_template(form.text.data, actor=current_user, language=language)
        except PartnerError as error:
            show_at_field(form, error)
        else:
            return done(_("The agreement template is saved."), "partners.agreement_template", language=language)
    return render("partners/agreement_template.html", form=form, status=form_status(form), language=language,
                  home=home_language(), written=written_languages())
