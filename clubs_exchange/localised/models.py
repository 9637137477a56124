"""A text of a proposal or a partner city in another language, written by a person: one per field and language."""

from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, backref, mapped_column, relationship

from clubs_exchange.auth.models import User
from clubs_exchange.clock import utcnow
from clubs_exchange.db import LabelledEnum
from clubs_exchange.extensions import db
from clubs_exchange.partners.models import PartnerCity
from clubs_exchange.proposals.models import Proposal


class TranslatedField(LabelledEnum):
    TITLE = "title"
    DESCRIPTION = "description"

    @classmethod
    def labels(cls):
        return {cls.TITLE: _l("Title"), cls.DESCRIPTION: _l("Description")}


# The fields each kind of subject has translated, and their longest text (the original's column allows as much).
TRANSLATED_FIELDS = {
    "proposal": {TranslatedField.TITLE: 200, TranslatedField.DESCRIPTION: 5000},
    "partner_city": {TranslatedField.DESCRIPTION: 5000},
}


def _one_subject_loader(name):
    # Deleted with the subject by the ORM too (SQLite does not enforce foreign keys here).
    return backref(name, cascade="all, delete-orphan", order_by="TextTranslation.id")


class TextTranslation(db.Model):
    """A proposal's or a partner city's text in `language`. The subject is one of two foreign keys rather than a
    (kind, id) pair: the database then keeps the reference whole and deletes the translations with the subject."""

    __tablename__ = "text_translations"
    __table_args__ = (
        sa.UniqueConstraint("proposal_id", "field", "language"),
        sa.UniqueConstraint("partner_city_id", "field", "language"),
        sa.CheckConstraint("(proposal_id IS NULL) <> (partner_city_id IS NULL)", name="one_subject"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int | None] = mapped_column(sa.ForeignKey("proposals.id", ondelete="CASCADE"), index=True)
    partner_city_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("partner_cities.id", ondelete="CASCADE"), index=True
    )
    field: Mapped[TranslatedField]
    # A language code of SUPPORTED_LANGUAGES: en, de, ro, fr.
    language: Mapped[str] = mapped_column(sa.String(8))
    text: Mapped[str] = mapped_column(sa.Text)
    written_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    written_at: Mapped[datetime] = mapped_column(default=utcnow)

    proposal: Mapped[Proposal | None] = relationship(backref=_one_subject_loader("translations"))
    partner_city: Mapped[PartnerCity | None] = relationship(backref=_one_subject_loader("translations"))
    written_by: Mapped[User | None] = relationship()

    @property
    def subject(self):
        return self.proposal if self.proposal_id is not None else self.partner_city

    def __repr__(self) -> str:
        return f"<TextTranslation {self.field} {self.language}>"
