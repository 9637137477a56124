"""Applications for the Council of Europe's distinctions, the criteria events support, memberships of associations."""

from datetime import date, datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from clubs_exchange.clock import utcnow
from clubs_exchange.db import LabelledEnum
from clubs_exchange.extensions import db
from clubs_exchange.partners.models import PartnerCity


class AwardStage(LabelledEnum):
    """The ladder of the Parliamentary Assembly of the Council of Europe, lowest first."""

    EUROPEAN_DIPLOMA = "european_diploma"
    FLAG_OF_HONOUR = "flag_of_honour"
    PLAQUE_OF_HONOUR = "plaque_of_honour"
    EUROPE_PRIZE = "europe_prize"

    @classmethod
    def labels(cls):
        return {
            cls.EUROPEAN_DIPLOMA: _l("European Diploma"),
            cls.FLAG_OF_HONOUR: _l("Flag of Honour"),
            cls.PLAQUE_OF_HONOUR: _l("Plaque of Honour"),
            cls.EUROPE_PRIZE: _l("Europe Prize"),
        }


class ApplicationState(LabelledEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    AWARDED = "awarded"
    NOT_AWARDED = "not_awarded"

    @classmethod
    def labels(cls):
        return {
            cls.DRAFT: _l("Draft"),
            cls.SUBMITTED: _l("Submitted"),
            cls.AWARDED: _l("Awarded"),
            cls.NOT_AWARDED: _l("Not awarded"),
        }


class Criterion(LabelledEnum):
    """The four criteria an application's dossier must address."""

    TWINNING = "twinning"
    EUROPEAN_EVENTS = "european_events"
    SOLIDARITY = "solidarity"
    ASSOCIATIONS = "associations"

    @classmethod
    def labels(cls):
        return {
            cls.TWINNING: _l("Twinning, contacts and partnerships (personal exchanges, youth, culture)"),
            cls.EUROPEAN_EVENTS: _l("European events (e.g. Europe Day, 5 May)"),
            cls.SOLIDARITY: _l("European and international solidarity"),
            cls.ASSOCIATIONS: _l("Membership of associations of local authorities"),
        }


award_application_twin_towns = sa.Table(
    "award_application_twin_towns",
    db.metadata,
    sa.Column("application_id", sa.ForeignKey("award_applications.id", ondelete="CASCADE"), primary_key=True),
    sa.Column(
        "partner_city_id", sa.ForeignKey("partner_cities.id", ondelete="CASCADE"), primary_key=True, index=True
    ),
)


class AwardApplication(db.Model):
    """The home city's application for one stage in one year; its texts keep their {placeholders}."""

    __tablename__ = "award_applications"
    __table_args__ = (sa.UniqueConstraint("stage", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    stage: Mapped[AwardStage]
    # The year the distinction is applied for; the application is due on 15 January of that year.
    year: Mapped[int]
    state: Mapped[ApplicationState] = mapped_column(default=ApplicationState.DRAFT, index=True)
    previous_award_year: Mapped[int | None]
    # The period of the calendar the activity report covers.
    period_start: Mapped[date]
    period_end: Mapped[date]
    mayor_letter: Mapped[str] = mapped_column(sa.Text, default="")
    dossier: Mapped[str] = mapped_column(sa.Text, default="")
    summary: Mapped[str] = mapped_column(sa.Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    submitted_at: Mapped[datetime | None]
    decided_at: Mapped[datetime | None]

    # Optimistic locking: every UPDATE checks and bumps it (clubs_exchange/concurrency.py).
    version: Mapped[int] = mapped_column(server_default="1")
    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012

    twin_towns: Mapped[list[PartnerCity]] = relationship(
        secondary=award_application_twin_towns, order_by=PartnerCity.name
    )

    def __repr__(self) -> str:
        return f"<AwardApplication {self.stage} {self.year} {self.state}>"


class EventCriterion(db.Model):
    """The criterion an approved event of the calendar supports, as tagged by city staff."""

    __tablename__ = "award_event_criteria"

    proposal_id: Mapped[int] = mapped_column(sa.ForeignKey("proposals.id", ondelete="CASCADE"), primary_key=True)
    criterion: Mapped[Criterion]
    tagged_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    tagged_at: Mapped[datetime] = mapped_column(default=utcnow)


class AssociationMembership(db.Model):
    """The home city's membership of an association of local authorities (e.g. CEMR)."""

    __tablename__ = "award_association_memberships"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    since: Mapped[date]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
