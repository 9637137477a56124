"""The translations pages: a proposal's (its organisers and staff) and a partner city's (staff)."""

from flask import abort, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from clubs_exchange.errors import done, show_at_field
from clubs_exchange.forms import form_status
from clubs_exchange.htmx import render
from clubs_exchange.localised import bp
from clubs_exchange.localised.forms import TranslationForm
from clubs_exchange.localised.languages import language_choices, language_name, original_language
from clubs_exchange.localised.models import TRANSLATED_FIELDS
from clubs_exchange.localised.reading import translation_of
from clubs_exchange.localised.suggestions import suggest_translation
from clubs_exchange.localised.writing import (
    TranslationError,
    can_translate,
    save_translation,
    subject_kind,
    translations_of,
)
from clubs_exchange.partners.models import PartnerCity
from clubs_exchange.permissions import get_or_404
from clubs_exchange.proposals.access import get_proposal_or_404


def _start_form(form: TranslationForm, subject) -> str | None:
    """Fill a fresh form from ?field=&language=: the translation there is, else a machine's suggestion (if the
    city has a service). Says which, for the note above the form."""
    field = request.args.get("field")
    language = request.args.get("language")
    if field in {c.value for c in form.field.choices}:
        form.field.data = field
    if language in {c.value for c in form.language.choices}:
        form.language.data = language
    if not (form.field.data and form.language.data):
        return None
    existing = translation_of(subject, form.field.data, form.language.data)
    if existing is not None:
        form.text.data = existing.text
        return None
    suggestion = suggest_translation(
        getattr(subject, form.field.data) or "", original_language(subject), form.language.data
    )
    if suggestion:
        form.text.data = suggestion
        return _("The text below is a machine’s suggestion: check and correct it before you save it.")
    return None


def translations_page(subject, *, title: str, back_url: str, endpoint: str, **ids):
    if not can_translate(current_user, subject):
        abort(403)
    original = original_language(subject)
    form = TranslationForm()
    form.set_choices(
        fields=[(f.value, f.label) for f in TRANSLATED_FIELDS[subject_kind(subject)]],
        languages=language_choices(leave_out=original),
    )
    suggested = None
    if request.method == "GET":
        suggested = _start_form(form, subject)
    elif form.validate_on_submit():
        try:
            translation = save_translation(
                subject, field=form.field.data, language=form.language.data, text=form.text.data,
                author=current_user,
            )
        except TranslationError as error:
            show_at_field(form, error)
        else:
            return done(
                _("The translation into %(language)s is saved.", language=language_name(translation.language)),
                endpoint, **ids,
            )
    return render(
        "localised/translations.html",
        form=form, subject=subject, title=title, back_url=back_url, original=original,
        original_name=language_name(original), translations=translations_of(subject), suggested=suggested,
        edit_url=lambda t: url_for(endpoint, field=t.field.value, language=t.language, **ids) + "#translation-form",
        language_name=language_name, status=form_status(form),
    )


@bp.route("/proposals/<id:proposal_id>/translations", methods=["GET", "POST"])
@login_required
def proposal_translations(proposal_id):
    proposal = get_proposal_or_404(proposal_id)
    return translations_page(
        proposal, title=proposal.title, back_url=url_for("proposals.show", proposal_id=proposal.id),
        endpoint="localised.proposal_translations", proposal_id=proposal.id,
    )


@bp.route("/partners/<id:partner_id>/translations", methods=["GET", "POST"])
@login_required
def partner_translations(partner_id):
    partner = get_or_404(PartnerCity, partner_id)
    return translations_page(
        partner, title=partner.name, back_url=url_for("partners.show", partner_id=partner.id),
        endpoint="localised.partner_translations", partner_id=partner.id,
    )
