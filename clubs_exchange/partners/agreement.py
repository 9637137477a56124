"""The partnership agreement: drafted from a plain-text template with {placeholders} staff can edit, one for each
language. A language staff have not written one for uses the built-in text, translated in the catalogue; the one
template there was before the languages (language NULL) is the home city's language's."""

import re
from datetime import date

import sqlalchemy as sa
from flask_babel import force_locale
from flask_babel import gettext as _

from clubs_exchange import languages
from clubs_exchange.extensions import db
from clubs_exchange.partners.errors import PartnerError
from clubs_exchange.partners.languages import home_language
from clubs_exchange.partners.models import AgreementTemplate


def N_(message: str) -> str:
    """Marks a message for the catalogue, translated where it is used."""
    return message


PLACEHOLDER = re.compile(r"\{([^{}\n]*)\}")
PLACEHOLDERS = ("home_city", "partner_city", "partner_country", "date", "signatories")

DEFAULT_TEMPLATE = N_("""Partnership agreement between {home_city} and {partner_city} ({partner_country})

The municipalities of {home_city} and {partner_city}, wishing to bring their citizens together across borders
in peace and friendship, agree to a lasting partnership.

1. Both cities encourage exchanges between their clubs, choirs, schools and citizens.
2. Both cities support visits of their citizens, hosted where possible by families.
3. The city administrations meet at least once a year to agree the programme of the partnership.
4. Both cities inform each other about the life of their municipality and share their experience.

Done on {date}.

Signed:
{signatories}
""")


def unknown_placeholders(text: str) -> list[str]:
    return sorted({name for name in PLACEHOLDER.findall(text or "") if name.strip() not in PLACEHOLDERS})


def _saved(language: str) -> AgreementTemplate | None:
    """The template staff wrote in this language (the home city's also takes the one from before the languages)."""
    condition = AgreementTemplate.language == language
    if language == home_language():
        condition = sa.or_(condition, AgreementTemplate.language.is_(None))
    query = sa.select(AgreementTemplate).where(condition)
    return db.session.scalars(query.order_by(AgreementTemplate.language.is_(None), AgreementTemplate.id)).first()


def default_template(language: str) -> str:
    with force_locale(languages.format_locale(language)):
        return _(DEFAULT_TEMPLATE)


def current_template(language: str | None = None) -> str:
    """The template in this language (default the home city's): staff's own, else the built-in one translated."""
    language = language or home_language()
    saved = _saved(language)
    return saved.text if saved is not None and saved.text else default_template(language)


def written_languages() -> set[str]:
    """The languages staff have written a template in."""
    home = home_language()
    return {language or home for language in db.session.scalars(sa.select(AgreementTemplate.language))}


def save_template(text: str, *, actor, language: str | None = None) -> AgreementTemplate:
    text = (text or "").replace("\r\n", "\n").strip()
    if not text:
        raise PartnerError(_("The template cannot be empty."), "text")
    unknown = unknown_placeholders(text)
    if unknown:
        raise PartnerError(
            _("Unknown placeholder(s): %(unknown)s. Known placeholders: %(known)s.",
              unknown=", ".join("{" + u + "}" for u in unknown),
              known=", ".join("{" + k + "}" for k in PLACEHOLDERS)),
            "text",
        )
    language = language or home_language()
    template = _saved(language)
    if template is None:
        template = AgreementTemplate(text=text, language=language)
        db.session.add(template)
    template.language = language
    template.text = text
    template.updated_by_id = getattr(actor, "id", None)
    return template


def draft(text: str, *, home_city: str, partner_city: str, partner_country: str, on: str | date,
          signatories: list[str]) -> str:
    """The template with its placeholders filled; unknown ones are left as written (saving refuses them)."""
    values = {
        "home_city": home_city, "partner_city": partner_city, "partner_country": partner_country,
        "date": str(on), "signatories": "\n".join(signatories),
    }
    return PLACEHOLDER.sub(lambda m: values.get(m.group(1).strip(), m.group(0)), text)
