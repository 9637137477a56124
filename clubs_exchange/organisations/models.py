"""Organisations of the home city: sports clubs, choirs and music clubs, schools, other associations."""

from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from clubs_exchange.clock import utcnow
from clubs_exchange.db import LabelledEnum
from clubs_exchange.extensions import db


class OrganisationKind(LabelledEnum):
    SPORTS_CLUB = "sports_club"
    CHOIR_MUSIC = "choir_music"
    SCHOOL = "school"
    ASSOCIATION = "association"

    @classmethod
    def labels(cls):
        return {
            cls.SPORTS_CLUB: _l("Sports club"),
            cls.CHOIR_MUSIC: _l("Choir or music club"),
            cls.SCHOOL: _l("School"),
            cls.ASSOCIATION: _l("Other association"),
        }


class OrganisationStatus(LabelledEnum):
    PENDING = "pending"
    VERIFIED = "verified"

    @classmethod
    def labels(cls):
        return {cls.PENDING: _l("Awaiting verification"), cls.VERIFIED: _l("Verified")}


class AgeGroup(LabelledEnum):
    CHILDREN = "children"
    YOUTH = "youth"
    ADULTS = "adults"
    SENIORS = "seniors"
    MIXED = "mixed"

    @classmethod
    def labels(cls):
        return {
            cls.CHILDREN: _l("Children (under 12)"),
            cls.YOUTH: _l("Youth (12–17)"),
            cls.ADULTS: _l("Adults"),
            cls.SENIORS: _l("Seniors"),
            cls.MIXED: _l("All ages"),
        }


class Organisation(db.Model):
    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(160), unique=True)
    kind: Mapped[OrganisationKind]
    discipline: Mapped[str] = mapped_column(sa.String(120), default="")
    member_count: Mapped[int | None]
    # Comma-separated AgeGroup values; an organisation usually has several.
    age_groups: Mapped[str] = mapped_column(sa.String(120), default="")
    languages: Mapped[str] = mapped_column(sa.String(200), default="")
    contact_name: Mapped[str] = mapped_column(sa.String(120), default="")
    email: Mapped[str] = mapped_column(sa.String(254), default="")
    phone: Mapped[str] = mapped_column(sa.String(40), default="")
    description: Mapped[str] = mapped_column(sa.Text, default="")
    status: Mapped[OrganisationStatus] = mapped_column(default=OrganisationStatus.PENDING)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Any change (a rename above all): part of the calendar feed's ETag, which names the organisers.
    # Indexed: the newest change is part of the month grid's cache version (calendar/grid_cache.py).
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow, index=True)
    verified_at: Mapped[datetime | None]
    verified_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    memberships: Mapped[list["Membership"]] = relationship(  # noqa: F821
        back_populates="organisation", cascade="all, delete-orphan"
    )

    @property
    def is_verified(self) -> bool:
        return self.status == OrganisationStatus.VERIFIED

    @property
    def age_group_list(self) -> list[AgeGroup]:
        return [AgeGroup(v) for v in self.age_groups.split(",") if v in AgeGroup._value2member_map_]

    def __repr__(self) -> str:
        return f"<Organisation {self.name}>"


# The search and its suggestions list matches by name in any case: read in this index's order, the first few
# matches are found without sorting every match (organisations/directory.py).
sa.Index("ix_organisations_lower_name", sa.func.lower(Organisation.name), Organisation.id)
