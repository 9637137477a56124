"""Partner cities: the municipalities abroad the home city has a contact, friendship or twinning with."""

from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column

from clubs_exchange.db import LabelledEnum, utcnow
from clubs_exchange.extensions import db


class RelationshipLevel(LabelledEnum):
    CONTACT = "contact"
    FRIENDSHIP = "friendship"
    TWINNING = "twinning"

    @classmethod
    def labels(cls):
        return {cls.CONTACT: _l("Town contact"), cls.FRIENDSHIP: _l("Town friendship"), cls.TWINNING: _l("Twinning")}


class PartnerCity(db.Model):
    __tablename__ = "partner_cities"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(120))
    country: Mapped[str] = mapped_column(sa.String(80))
    relationship_level: Mapped[RelationshipLevel] = mapped_column(default=RelationshipLevel.CONTACT)
    languages: Mapped[str] = mapped_column(sa.String(200), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (sa.UniqueConstraint("name", "country"),)

    def __repr__(self) -> str:
        return f"<PartnerCity {self.name}>"
