"""Showing a text in the reader's language: the translation where there is one, else the original, marked."""

from typing import NamedTuple

from flask_babel import gettext as _
from markupsafe import Markup

from clubs_exchange.localised import bp
from clubs_exchange.localised.languages import language_name, original_language, reader_language
from clubs_exchange.localised.writing import can_translate


class Shown(NamedTuple):
    text: str
    language: str
    is_translation: bool
    # Not in the reader's language: the element needs lang="..." and the reader a note (WCAG 3.1.2).
    foreign: bool

    @property
    def note(self) -> str:
        return _("(original in %(language)s)", language=language_name(self.language)) if self.foreign else ""

    def __str__(self) -> str:
        return self.text


def translation_of(subject, field: str, language: str):
    """The subject's translation of `field` into `language`, from its loaded translations (no query when the
    page loaded them with the subject)."""
    for translation in getattr(subject, "translations", ()):
        if translation.field == field and translation.language == language and translation.text:
            return translation
    return None


def localised(subject, field: str, *, language: str | None = None) -> Shown:
    """The text of `field` to show the reader (or a reader of `language`): theirs where someone translated it."""
    wanted = language or reader_language()
    original = original_language(subject)
    if wanted != original and (translation := translation_of(subject, field, wanted)) is not None:
        return Shown(translation.text, wanted, True, False)
    return Shown(getattr(subject, field) or "", original, False, original != wanted)


@bp.app_template_global("localised")
def localised_for_templates(subject, field: str) -> Shown:
    return localised(subject, field)


@bp.app_template_global("localised_inline")
def localised_inline(subject, field: str, *, note: bool = True) -> Markup:
    """A title in running text: in the reader's language, or the original in a span with its lang and a note."""
    shown = localised(subject, field)
    if not shown.foreign:
        return Markup.escape(shown.text)
    html = Markup('<span lang="{}">{}</span>').format(shown.language, shown.text)
    if note:
        html += Markup(' <small class="original-note">{}</small>').format(shown.note)
    return html


bp.add_app_template_global(can_translate, "can_translate")
