"""Partner candidates: municipalities willing to twin, and the private ties the home city already has with them."""

from datetime import date, datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from clubs_exchange.clock import utcnow
from clubs_exchange.db import LabelledEnum
from clubs_exchange.extensions import db
from clubs_exchange.partners.models import CityStructure, PartnerCity, split_list


class TieKind(LabelledEnum):
    CITIZENS = "citizens"
    POLITICIANS = "politicians"
    SCHOOLS = "schools"
    CLUBS = "clubs"

    @classmethod
    def labels(cls):
        return {
            cls.CITIZENS: _l("Between citizens"),
            cls.POLITICIANS: _l("Between local politicians"),
            cls.SCHOOLS: _l("Between schools"),
            cls.CLUBS: _l("Between clubs"),
        }


class TieStrength(LabelledEnum):
    LOOSE = "loose"
    REGULAR = "regular"
    CLOSE = "close"

    @classmethod
    def labels(cls):
        return {
            cls.LOOSE: _l("Loose (occasional contact)"),
            cls.REGULAR: _l("Regular (meet every year or so)"),
            cls.CLOSE: _l("Close (friends, joint projects)"),
        }


class Candidate(db.Model):
    __tablename__ = "partner_candidates"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(120))
    country: Mapped[str] = mapped_column(sa.String(80))
    region: Mapped[str] = mapped_column(sa.String(120), default="")
    population: Mapped[int | None]
    structure: Mapped[CityStructure | None]
    languages: Mapped[str] = mapped_column(sa.String(200), default="")
    activities: Mapped[str] = mapped_column(sa.String(400), default="")
    notes: Mapped[str] = mapped_column(sa.Text, default="")
    # Where it came from: typed in by staff, or a CSV of a supra-local body.
    source: Mapped[str] = mapped_column(sa.String(120), default="")
    # Set once staff promoted the candidate to a partner city.
    partner_city_id: Mapped[int | None] = mapped_column(sa.ForeignKey("partner_cities.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    ties: Mapped[list["Tie"]] = relationship(
        back_populates="candidate", cascade="all, delete-orphan", order_by="Tie.id"
    )
    partner_city: Mapped[PartnerCity | None] = relationship()

    __table_args__ = (sa.UniqueConstraint("name", "country"),)

    @property
    def language_list(self) -> list[str]:
        return split_list(self.languages)

    @property
    def activity_list(self) -> list[str]:
        return split_list(self.activities)


class Tie(db.Model):
    """A known private contact between people of the home city and of the candidate municipality."""

    __tablename__ = "candidate_ties"

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(sa.ForeignKey("partner_candidates.id", ondelete="CASCADE"), index=True)
    kind: Mapped[TieKind]
    ours: Mapped[str] = mapped_column(sa.String(200))
    theirs: Mapped[str] = mapped_column(sa.String(200))
    since: Mapped[date | None]
    strength: Mapped[TieStrength] = mapped_column(default=TieStrength.REGULAR)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    candidate: Mapped[Candidate] = relationship(back_populates="ties")
