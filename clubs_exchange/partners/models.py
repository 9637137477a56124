"""Partner cities: the municipalities abroad the home city has a contact, friendship or twinning with,
their contact people, the history of their relationship level and the milestones of the partnership."""

from datetime import date, datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from clubs_exchange import clock
from clubs_exchange.auth.models import User
from clubs_exchange.clock import utcnow
from clubs_exchange.db import LabelledEnum
from clubs_exchange.extensions import db


class RelationshipLevel(LabelledEnum):
    CONTACT = "contact"
    FRIENDSHIP = "friendship"
    TWINNING = "twinning"

    @classmethod
    def labels(cls):
        return {cls.CONTACT: _l("Town contact"), cls.FRIENDSHIP: _l("Town friendship"), cls.TWINNING: _l("Twinning")}


class PartnershipState(LabelledEnum):
    EXPLORING = "exploring"
    NEGOTIATING = "negotiating"
    ACTIVE = "active"
    DORMANT = "dormant"
    ENDED = "ended"

    @classmethod
    def labels(cls):
        return {
            cls.EXPLORING: _l("Exploring"),
            cls.NEGOTIATING: _l("Negotiating"),
            cls.ACTIVE: _l("Active"),
            cls.DORMANT: _l("Dormant"),
            cls.ENDED: _l("Ended"),
        }


class CityStructure(LabelledEnum):
    """In this order: neighbours in the list are neighbouring structures for the fit score."""

    RURAL = "rural"
    MIXED = "mixed"
    URBAN = "urban"
    INDUSTRIAL = "industrial"

    @classmethod
    def labels(cls):
        return {
            cls.RURAL: _l("Rural"), cls.MIXED: _l("Mixed"), cls.URBAN: _l("Urban"), cls.INDUSTRIAL: _l("Industrial")
        }


class MilestoneKind(LabelledEnum):
    MAYORS_VISIT = "mayors_visit"
    RETURN_VISIT = "return_visit"
    COUNCIL_RESOLUTION = "council_resolution"
    CERTIFICATE_SIGNED = "certificate_signed"
    OTHER = "other"

    @classmethod
    def labels(cls):
        return {
            cls.MAYORS_VISIT: _l("Mayor's visit"),
            cls.RETURN_VISIT: _l("Return visit"),
            cls.COUNCIL_RESOLUTION: _l("Council resolution"),
            cls.CERTIFICATE_SIGNED: _l("Twinning certificate signed"),
            cls.OTHER: _l("Other milestone"),
        }


def split_list(text: str | None) -> list[str]:
    """Languages and activities are kept as comma-separated text; this is how they are read back."""
    return [part.strip() for part in (text or "").replace(";", ",").split(",") if part.strip()]


class PartnerCity(db.Model):
    __tablename__ = "partner_cities"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(120))
    country: Mapped[str] = mapped_column(sa.String(80))
    region: Mapped[str] = mapped_column(sa.String(120), default="", server_default="")
    population: Mapped[int | None]
    structure: Mapped[CityStructure | None]
    relationship_level: Mapped[RelationshipLevel] = mapped_column(default=RelationshipLevel.CONTACT)
    state: Mapped[PartnershipState] = mapped_column(
        default=PartnershipState.ACTIVE, server_default=PartnershipState.ACTIVE.value
    )
    # A town friendship is time-limited or bound to a project: one of the two is required for that level.
    friendship_until: Mapped[date | None]
    friendship_project: Mapped[str] = mapped_column(sa.String(200), default="", server_default="")
    languages: Mapped[str] = mapped_column(sa.String(200), default="")
    # Which of the app's languages the partner city reads ("" for another one): its printed certificate and
    # agreement carry a column in it beside the home city's. Staff set it; it starts from the country.
    language: Mapped[str] = mapped_column(sa.String(8), default="", server_default="")
    # Comma-separated tags: football, choir, schools ...
    activities: Mapped[str] = mapped_column(sa.String(400), default="", server_default="")
    website: Mapped[str] = mapped_column(sa.String(300), default="", server_default="")
    # What the office tells members about the city, in `description_language` (None: the city's,
    # BABEL_DEFAULT_LOCALE); its translations: TextTranslation (clubs_exchange/localised), as `translations`.
    description: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    description_language: Mapped[str | None] = mapped_column(sa.String(8))

    @property
    def text_language(self) -> str | None:
        """The language its own texts (the description) are written in: what clubs_exchange/localised reads."""
        return self.description_language
    # A file under instance/partner_images/, served to logged-in users only.
    image_filename: Mapped[str] = mapped_column(sa.String(120), default="", server_default="")
    image_type: Mapped[str] = mapped_column(sa.String(40), default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Any change (a rename above all): part of the calendar feed's ETag, which shows name and country.
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    contacts: Mapped[list["PartnerContact"]] = relationship(
        back_populates="partner_city", cascade="all, delete-orphan", order_by="PartnerContact.name"
    )

    __table_args__ = (sa.UniqueConstraint("name", "country"),)

    @property
    def language_list(self) -> list[str]:
        return split_list(self.languages)

    @property
    def activity_list(self) -> list[str]:
        return split_list(self.activities)

    def __repr__(self) -> str:
        return f"<PartnerCity {self.name}>"


class PartnerContact(db.Model):
    """A contact person at the partner city; e-mail and phone are for city staff only."""

    __tablename__ = "partner_contacts"

    id: Mapped[int] = mapped_column(primary_key=True)
    partner_city_id: Mapped[int] = mapped_column(sa.ForeignKey("partner_cities.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(sa.String(120))
    role: Mapped[str] = mapped_column(sa.String(120), default="")
    email: Mapped[str] = mapped_column(sa.String(254), default="")
    phone: Mapped[str] = mapped_column(sa.String(40), default="")
    language: Mapped[str] = mapped_column(sa.String(60), default="")

    partner_city: Mapped[PartnerCity] = relationship(back_populates="contacts")


class LevelChange(db.Model):
    """One change of a partner city's relationship level: who, when, from which level to which, and why."""

    __tablename__ = "partner_level_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    partner_city_id: Mapped[int] = mapped_column(sa.ForeignKey("partner_cities.id", ondelete="CASCADE"), index=True)
    from_level: Mapped[RelationshipLevel | None]
    to_level: Mapped[RelationshipLevel]
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    # The day the level changed (a council's decision, the signing), which the history is dated and sorted by;
    # `at` is when it was typed in.
    changed_on: Mapped[date] = mapped_column(default=lambda: clock.today())
    at: Mapped[datetime] = mapped_column(default=utcnow)
    note: Mapped[str] = mapped_column(sa.Text, default="")

    partner_city: Mapped[PartnerCity] = relationship()
    actor: Mapped[User | None] = relationship()


class Milestone(db.Model):
    """A step on the way to and in a partnership: visits, resolutions, the signed certificate, others."""

    __tablename__ = "partner_milestones"

    id: Mapped[int] = mapped_column(primary_key=True)
    partner_city_id: Mapped[int] = mapped_column(sa.ForeignKey("partner_cities.id", ondelete="CASCADE"), index=True)
    kind: Mapped[MilestoneKind]
    # The name of a free milestone; the others are named by their kind.
    title: Mapped[str] = mapped_column(sa.String(200), default="")
    happened_on: Mapped[date]
    place: Mapped[str] = mapped_column(sa.String(200), default="")
    people: Mapped[str] = mapped_column(sa.Text, default="")
    # Who signed, one per line: only for the certificate.
    signatories: Mapped[str] = mapped_column(sa.Text, default="")
    notes: Mapped[str] = mapped_column(sa.Text, default="")
    recorded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)

    partner_city: Mapped[PartnerCity] = relationship()

    @property
    def heading(self) -> str:
        return self.title if self.kind == MilestoneKind.OTHER and self.title else self.kind.label

    @property
    def signatory_list(self) -> list[str]:
        return [line.strip() for line in self.signatories.splitlines() if line.strip()]


class AgreementTemplate(db.Model):
    """The text partnership agreements are drafted from, one per language, edited by staff; language NULL is the
    one template there was before the languages: the city's language."""

    __tablename__ = "agreement_templates"
    __table_args__ = (sa.UniqueConstraint("language"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    language: Mapped[str | None] = mapped_column(sa.String(8))
    text: Mapped[str] = mapped_column(sa.Text)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
