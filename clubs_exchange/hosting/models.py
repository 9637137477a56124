"""Host households, the guests of incoming events, their placements, what remains after a purge, and who looked."""

from datetime import date, datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from clubs_exchange.auth.models import User
from clubs_exchange.clock import utcnow
from clubs_exchange.data_version import unversioned
from clubs_exchange.db import LabelledEnum
from clubs_exchange.extensions import db
from clubs_exchange.organisations.models import Organisation
from clubs_exchange.proposals.models import Proposal


class HostStatus(LabelledEnum):
    PROPOSED = "proposed"
    CONFIRMED = "confirmed"
    # Erased on request (privacy/erasure.py) while past placements still count: no personal data left, never placed.
    ERASED = "erased"

    @classmethod
    def labels(cls):
        return {cls.PROPOSED: _l("Proposed, awaiting confirmation"), cls.CONFIRMED: _l("Confirmed"),
                cls.ERASED: _l("Erased on request")}


def split_list(text: str | None) -> list[str]:
    """Languages and companions are kept as text separated by commas or semicolons."""
    return [part.strip() for part in (text or "").replace(";", ",").split(",") if part.strip()]


class HostHousehold(db.Model):
    """A private household that offers beds to visitors; kept only with the consent it gave."""

    __tablename__ = "host_households"

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_name: Mapped[str] = mapped_column(sa.String(120))
    address: Mapped[str] = mapped_column(sa.String(300))
    phone: Mapped[str] = mapped_column(sa.String(40), default="")
    email: Mapped[str] = mapped_column(sa.String(254), default="")
    beds: Mapped[int] = mapped_column(default=1)
    languages: Mapped[str] = mapped_column(sa.String(200), default="")
    children: Mapped[int] = mapped_column(default=0)
    # Pets are a hard rule for guests with a pet allergy; the text says which.
    has_pets: Mapped[bool] = mapped_column(default=False)
    pets: Mapped[str] = mapped_column(sa.String(200), default="")
    smoke_free: Mapped[bool] = mapped_column(default=True)
    takes_minors: Mapped[bool] = mapped_column(default=False)
    caters_dietary: Mapped[bool] = mapped_column(default=False)
    # Ground floor or no stairs to the guest room and bathroom.
    accessible: Mapped[bool] = mapped_column(default=False)
    notes: Mapped[str] = mapped_column(sa.Text, default="")
    consent_on: Mapped[date]
    consent_wording: Mapped[str] = mapped_column(sa.Text)
    status: Mapped[HostStatus] = mapped_column(default=HostStatus.PROPOSED, index=True)
    proposed_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("organisations.id", ondelete="SET NULL"), index=True
    )
    confirmed_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    confirmed_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    # Optimistic locking: every UPDATE checks and bumps it (clubs_exchange/concurrency.py).
    version: Mapped[int] = mapped_column(server_default="1")
    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012

    proposed_by: Mapped[Organisation | None] = relationship()
    unavailable_periods: Mapped[list["HostUnavailability"]] = relationship(
        back_populates="household", cascade="all, delete-orphan", order_by="HostUnavailability.starts_on"
    )

    @property
    def language_list(self) -> list[str]:
        return split_list(self.languages)

    def __repr__(self) -> str:
        return f"<HostHousehold {self.id} {self.contact_name!r}>"


class HostUnavailability(db.Model):
    """A period (both days included) when a household cannot take guests."""

    __tablename__ = "host_unavailable_periods"

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(sa.ForeignKey("host_households.id", ondelete="CASCADE"), index=True)
    starts_on: Mapped[date]
    ends_on: Mapped[date]

    household: Mapped[HostHousehold] = relationship(back_populates="unavailable_periods")


class Guest(db.Model):
    """A visitor of an incoming event: personal data, kept until erased on request or purged after the event."""

    __tablename__ = "hosting_guests"

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(sa.ForeignKey("proposals.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(sa.String(120))
    date_of_birth: Mapped[date | None]
    age: Mapped[int | None]
    # Worked out from the date of birth or the age at the start of the event, when the guest is saved.
    is_minor: Mapped[bool] = mapped_column(default=False)
    gender: Mapped[str] = mapped_column(sa.String(40), default="")
    languages: Mapped[str] = mapped_column(sa.String(200), default="")
    dietary_needs: Mapped[str] = mapped_column(sa.String(200), default="")
    allergies: Mapped[str] = mapped_column(sa.String(200), default="")
    pet_allergy: Mapped[bool] = mapped_column(default=False)
    accessibility_needs: Mapped[str] = mapped_column(sa.String(200), default="")
    # Names of other guests of the group this guest wishes to be placed with.
    wishes_with: Mapped[str] = mapped_column(sa.String(300), default="")
    parental_consent: Mapped[bool] = mapped_column(default=False)
    notes: Mapped[str] = mapped_column(sa.Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    proposal: Mapped[Proposal] = relationship()
    placement: Mapped["Placement | None"] = relationship(
        back_populates="guest", cascade="all, delete-orphan", uselist=False
    )

    @property
    def language_list(self) -> list[str]:
        return split_list(self.languages)

    @property
    def companion_names(self) -> list[str]:
        return split_list(self.wishes_with)

    def __repr__(self) -> str:
        return f"<Guest {self.id} {self.name!r}>"


class Placement(db.Model):
    """A guest staying with a household for the event's dates."""

    __tablename__ = "hosting_placements"
    __table_args__ = (sa.Index("ix_hosting_placements_household_id_proposal_id", "household_id", "proposal_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    guest_id: Mapped[int] = mapped_column(sa.ForeignKey("hosting_guests.id", ondelete="CASCADE"), unique=True)
    household_id: Mapped[int] = mapped_column(sa.ForeignKey("host_households.id", ondelete="RESTRICT"))
    # The guest's event, kept here too so a household's other stays are found without the guests.
    proposal_id: Mapped[int] = mapped_column(sa.ForeignKey("proposals.id", ondelete="CASCADE"), index=True)
    placed_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    placed_at: Mapped[datetime] = mapped_column(default=utcnow)

    # Optimistic locking: every UPDATE checks and bumps it (clubs_exchange/concurrency.py).
    version: Mapped[int] = mapped_column(server_default="1")
    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012

    guest: Mapped[Guest] = relationship(back_populates="placement")
    household: Mapped[HostHousehold] = relationship()


class HostingSummary(db.Model):
    """What stays of an event's guest list once personal data are erased or purged: counts only."""

    __tablename__ = "hosting_summaries"

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(sa.ForeignKey("proposals.id", ondelete="CASCADE"), unique=True)
    guests_removed: Mapped[int] = mapped_column(default=0)
    guests_hosted: Mapped[int] = mapped_column(default=0)
    purged_at: Mapped[datetime | None]


class ViewKind(LabelledEnum):
    HOSTING_PAGE = "hosting_page"
    ROOMING_LIST = "rooming_list"
    CSV_EXPORT = "csv_export"
    HOST = "host"
    GUEST = "guest"
    GUEST_EXPORT = "guest_export"
    HOST_EXPORT = "host_export"

    @classmethod
    def labels(cls):
        return {
            cls.HOSTING_PAGE: _l("Guest list and placements"),
            cls.ROOMING_LIST: _l("Rooming list"),
            cls.CSV_EXPORT: _l("Placement export (CSV)"),
            cls.HOST: _l("Host household"),
            cls.GUEST: _l("Guest"),
            cls.GUEST_EXPORT: _l("Guest data export"),
            cls.HOST_EXPORT: _l("Host household data export"),
        }


@unversioned  # a view changes no page: it must not empty the page cache
class HostingViewLog(db.Model):
    """Who viewed hosting personal data in full, when, and what."""

    __tablename__ = "hosting_view_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"), index=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    what: Mapped[ViewKind]
    proposal_id: Mapped[int | None] = mapped_column(sa.ForeignKey("proposals.id", ondelete="SET NULL"))
    household_id: Mapped[int | None] = mapped_column(sa.ForeignKey("host_households.id", ondelete="SET NULL"))
    guest_id: Mapped[int | None] = mapped_column(sa.ForeignKey("hosting_guests.id", ondelete="SET NULL"))

    user: Mapped[User | None] = relationship()
    proposal: Mapped[Proposal | None] = relationship()
