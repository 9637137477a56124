"""Funding schemes as staff keep them: the terms of a city guideline, an EU call or a youth office, with their
rates and bands. A stored scheme turns itself into the plain SchemeTerms that funding/rules.py reads."""

from dataclasses import fields
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from clubs_exchange.clock import utcnow
from clubs_exchange.extensions import db
from clubs_exchange.funding.terms import AmountKind, Band, DayCounting, Direction, Rate, Rounding, SchemeTerms

# The terms kept as columns of their own name; rates and bands are rows of their own tables.
TERM_COLUMNS = tuple(f.name for f in fields(SchemeTerms) if f.name not in ("rates", "bands"))


class FundingScheme(db.Model):
    __tablename__ = "funding_schemes"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    funder: Mapped[str] = mapped_column(sa.String(200))
    kind: Mapped[AmountKind]
    day_counting: Mapped[DayCounting] = mapped_column(default=DayCounting.EACH_TRAVEL_DAY)
    min_days: Mapped[int | None]
    max_days: Mapped[int | None]
    min_participants: Mapped[int | None]
    max_participants: Mapped[int | None]
    min_leaders: Mapped[int | None]
    leader_ratio: Mapped[int | None]
    min_age: Mapped[int | None]
    max_age: Mapped[int | None]
    cap_per_group_cents: Mapped[int | None]
    cap_per_participant_cents: Mapped[int | None]
    max_meetings_per_person_year: Mapped[int | None]
    min_share_in_partner_city_percent: Mapped[int | None]
    travel_share_percent: Mapped[int | None]
    full_group_size: Mapped[int | None]
    min_countries: Mapped[int | None]
    eu_member_required: Mapped[bool] = mapped_column(default=False)
    min_direct_participants: Mapped[int | None]
    min_invited_international: Mapped[int | None]
    apply_weeks_before: Mapped[int | None]
    apply_months_before: Mapped[int | None]
    invited_up_to_home: Mapped[bool] = mapped_column(default=False)
    report_weeks_after: Mapped[int | None]
    list_retention_months: Mapped[int | None]
    rounding: Mapped[Rounding] = mapped_column(default=Rounding.CENT)
    active: Mapped[bool] = mapped_column(default=True)
    # Where the terms come from (the guideline, the call document), and what staff note about them.
    source_url: Mapped[str] = mapped_column(sa.String(500), default="", server_default="")
    notes: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    # The shipped preset this scheme was loaded from (None: entered by staff); seeding again finds it by this key.
    preset_key: Mapped[str | None] = mapped_column(sa.String(40), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    rates: Mapped[list["FundingRate"]] = relationship(
        back_populates="scheme", cascade="all, delete-orphan", order_by="FundingRate.id"
    )
    bands: Mapped[list["FundingBand"]] = relationship(
        back_populates="scheme", cascade="all, delete-orphan", order_by="FundingBand.low"
    )

    def terms(self) -> SchemeTerms:
        return SchemeTerms(
            **{name: getattr(self, name) for name in TERM_COLUMNS},
            rates=tuple(Rate(cents=r.cents, direction=r.direction, min_age=r.min_age, max_age=r.max_age,
                             outside_europe=r.outside_europe) for r in self.rates),
            bands=tuple(Band(low=b.low, high=b.high, cents=b.cents) for b in self.bands),
        )

    def set_tables(self, rates, bands) -> None:
        """The rates and bands as given (terms.Rate, terms.Band): the rows before are replaced."""
        self.rates = [FundingRate(cents=r.cents, direction=r.direction, min_age=r.min_age, max_age=r.max_age,
                                  outside_europe=r.outside_europe) for r in rates]
        self.bands = [FundingBand(low=b.low, high=b.high, cents=b.cents) for b in bands]

    @classmethod
    def from_terms(cls, terms: SchemeTerms, **extra) -> "FundingScheme":
        scheme = cls(**{name: getattr(terms, name) for name in TERM_COLUMNS}, **extra)
        scheme.set_tables(terms.rates, terms.bands)
        return scheme


class FundingRate(db.Model):
    """A rate of a scheme in cents: for a direction (None: both) and an age band (None: any age)."""

    __tablename__ = "funding_rates"

    id: Mapped[int] = mapped_column(primary_key=True)
    scheme_id: Mapped[int] = mapped_column(sa.ForeignKey("funding_schemes.id", ondelete="CASCADE"), index=True)
    direction: Mapped[Direction | None]
    min_age: Mapped[int | None]
    max_age: Mapped[int | None]
    # A rate only for a partner city beyond Europe (True), only for one in Europe (False), or either (None):
    # Würzburg pays €50 a person to a European partner, €100 beyond.
    outside_europe: Mapped[bool | None]
    cents: Mapped[int]

    scheme: Mapped[FundingScheme] = relationship(back_populates="rates")


class FundingBand(db.Model):
    """A row of a lump-sum table (participants) or a distance table (kilometres): low to high inclusive, None
    open-ended."""

    __tablename__ = "funding_bands"

    id: Mapped[int] = mapped_column(primary_key=True)
    scheme_id: Mapped[int] = mapped_column(sa.ForeignKey("funding_schemes.id", ondelete="CASCADE"), index=True)
    low: Mapped[int]
    high: Mapped[int | None]
    cents: Mapped[int]

    scheme: Mapped[FundingScheme] = relationship(back_populates="bands")
