"""The partnership agreement: drafted from a plain-text template with {placeholders} staff can edit."""

import re
from datetime import date

import sqlalchemy as sa
from flask_babel import gettext as _

from clubs_exchange.extensions import db
from clubs_exchange.partners.errors import PartnerError
from clubs_exchange.partners.models import AgreementTemplate

PLACEHOLDER = re.compile(r"\{([^{}\n]*)\}")
PLACEHOLDERS = ("home_city", "partner_city", "partner_country", "date", "signatories")


def default_template() -> str:
    """The template until staff save their own: in the reader's language (saving stores it in theirs)."""
    return _("""Partnership agreement between {home_city} and {partner_city} ({partner_country})

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


def current_template() -> str:
    saved = db.session.scalar(sa.select(AgreementTemplate.text).order_by(AgreementTemplate.id).limit(1))
    return saved or default_template()


def save_template(text: str, *, actor) -> AgreementTemplate:
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
    template = db.session.scalar(sa.select(AgreementTemplate).order_by(AgreementTemplate.id).limit(1))
    if template is None:
        template = AgreementTemplate(text=text)
        db.session.add(template)
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
