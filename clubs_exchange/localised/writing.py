"""Writing a translation: who may, and the rule that stores one (a second one of a language replaces the first)."""

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import joinedload

from clubs_exchange.clock import utcnow
from clubs_exchange.errors import DomainError
from clubs_exchange.extensions import db
from clubs_exchange.localised.languages import language_name, original_language, supported_languages
from clubs_exchange.localised.models import TRANSLATED_FIELDS, TextTranslation, TranslatedField
from clubs_exchange.partners.models import PartnerCity
from clubs_exchange.permissions import is_staff


class TranslationError(DomainError):
    pass


def subject_kind(subject) -> str:
    return "partner_city" if isinstance(subject, PartnerCity) else "proposal"


def can_translate(user, subject) -> bool:
    """A proposal's organisers (its organisation and co-organisers) and staff; a partner city's: staff."""
    if is_staff(user):
        return True
    if subject_kind(subject) == "partner_city":
        return False
    return bool(user and user.is_authenticated and user.organisation_ids & subject.organiser_ids)


def translations_of(subject) -> list[TextTranslation]:
    """For the translations page: with who wrote them, in one query."""
    column = TextTranslation.partner_city_id if subject_kind(subject) == "partner_city" else TextTranslation.proposal_id
    return list(db.session.scalars(
        sa.select(TextTranslation).where(column == subject.id)
        .options(joinedload(TextTranslation.written_by))
        .order_by(TextTranslation.field.desc(), TextTranslation.language)
    ))


def save_translation(subject, *, field: str, language: str, text: str, author) -> TextTranslation:
    """Store `text` as the subject's `field` in `language`, replacing an earlier translation of the same."""
    fields = TRANSLATED_FIELDS[subject_kind(subject)]
    if field not in {f.value for f in fields}:
        raise TranslationError(_("Choose one of the texts offered."), "field")
    if language not in supported_languages():
        raise TranslationError(_("Choose one of the languages offered."), "language")
    if language == original_language(subject):
        raise TranslationError(
            _("The original is in %(language)s: choose another language.", language=language_name(language)),
            "language",
        )
    text = (text or "").strip()
    if not text:
        raise TranslationError(_("Write the translation."), "text")
    limit = fields[TranslatedField(field)]
    if len(text) > limit:
        raise TranslationError(_("At most %(max)s characters.", max=limit), "text")
    translation = next(
        (t for t in subject.translations if t.field == field and t.language == language), None
    )
    if translation is None:
        translation = TextTranslation(field=TranslatedField(field), language=language, text=text)
        subject.translations.append(translation)
    translation.text = text
    translation.written_by = author
    translation.written_at = utcnow()
    # The calendar's grid cache and the feeds' ETags follow the subject's updated_at: a new translation shows.
    subject.updated_at = utcnow()
    return translation
