"""Funding schemes as staff keep them: the terms of a city guideline, an EU call or a youth office, with their
rates and bands. A stored scheme turns itself into the plain SchemeTerms that funding/rules.py reads."""

from dataclasses import fields
from datetime import date, datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from clubs_exchange.auth.models import User
from clubs_exchange.clock import utcnow
from clubs_exchange.db import LabelledEnum
from clubs_exchange.extensions import db
from clubs_exchange.funding.terms import AmountKind, Band, DayCounting, Direction, Rate, Rounding, SchemeTerms
from clubs_exchange.partners.models import PartnerCity
from clubs_exchange.proposals.models import Proposal

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


# ---- applications (issue 13 part 3) ---------------------------------------------------------------------------

class GrantState(LabelledEnum):
    """Where an application for a scheme's money stands. "Report due" is not stored: a granted application whose
    event has ended shows it (funding/applications.py: stage())."""

    PLANNED = "planned"
    APPLIED = "applied"
    GRANTED = "granted"
    REFUSED = "refused"
    WITHDRAWN = "withdrawn"
    REPORT_SUBMITTED = "report_submitted"
    PAID = "paid"

    @classmethod
    def labels(cls):
        return {
            cls.PLANNED: _l("Planned"),
            cls.APPLIED: _l("Applied"),
            cls.GRANTED: _l("Granted"),
            cls.REFUSED: _l("Refused"),
            cls.WITHDRAWN: _l("Withdrawn"),
            cls.REPORT_SUBMITTED: _l("Report submitted"),
            cls.PAID: _l("Paid"),
        }


class FundingApplication(db.Model):
    """An event's application to one scheme, from planned to paid. The figures the estimate needs beyond the
    proposal's own (leaders, travel cost, distance, days in the partner city) are entered here."""

    __tablename__ = "funding_applications"
    # One application per scheme and event that is not withdrawn: a withdrawn one stays as history, and the scheme
    # can be planned again (a partial unique index, on SQLite and PostgreSQL alike).
    __table_args__ = (
        sa.Index("uq_funding_applications_proposal_scheme", "proposal_id", "scheme_id", unique=True,
                 sqlite_where=sa.text("state != 'withdrawn'"), postgresql_where=sa.text("state != 'withdrawn'")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(sa.ForeignKey("proposals.id", ondelete="CASCADE"), index=True)
    scheme_id: Mapped[int] = mapped_column(sa.ForeignKey("funding_schemes.id", ondelete="RESTRICT"), index=True)
    state: Mapped[GrantState] = mapped_column(default=GrantState.PLANNED, index=True)
    # The rules' direction (guests come / we travel): from the proposal's, chosen where it is "both".
    direction: Mapped[Direction]
    expected_leaders: Mapped[int | None]
    travel_cost_cents: Mapped[int | None] = mapped_column(sa.BigInteger)
    distance_km: Mapped[int | None]
    days_in_partner_city: Mapped[int | None]
    estimate_cents: Mapped[int | None] = mapped_column(sa.BigInteger)
    # Deadlines from the scheme and the event's dates, kept so lists and reminders can query them; recomputed
    # when the event's dates or the scheme's terms change (funding/applications.py: refresh_deadlines()).
    apply_by: Mapped[date | None] = mapped_column(index=True)
    report_due_on: Mapped[date | None] = mapped_column(index=True)
    applied_on: Mapped[date | None]
    amount_applied_cents: Mapped[int | None] = mapped_column(sa.BigInteger)
    decided_on: Mapped[date | None]
    amount_granted_cents: Mapped[int | None] = mapped_column(sa.BigInteger)
    reference: Mapped[str] = mapped_column(sa.String(120), default="", server_default="")
    refusal_reason: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    report_submitted_on: Mapped[date | None]
    # The amount the report computes from the participant list and attendance (rules.assess).
    amount_final_cents: Mapped[int | None] = mapped_column(sa.BigInteger)
    # The report's arithmetic as it was shown when it was submitted, one line each, in the submitter's language:
    # the record of how the amount came about, kept after the participant list is purged.
    final_arithmetic: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    paid_on: Mapped[date | None]
    amount_paid_cents: Mapped[int | None] = mapped_column(sa.BigInteger)
    notes: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    # Two people, one record (concurrency.py): forms carry it, a stale one is refused.
    version: Mapped[int] = mapped_column(server_default="1")
    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012

    proposal: Mapped[Proposal] = relationship()
    scheme: Mapped[FundingScheme] = relationship()
    created_by: Mapped[User | None] = relationship()
    reminders: Mapped[list["FundingReminder"]] = relationship(
        back_populates="application", cascade="all, delete-orphan", passive_deletes=True
    )


# The event's applications, read with the proposal on its page (proposals/listing.py: load_for_page), in the
# proposal's own query: the page's short funding section costs no statement of its own.
Proposal.funding_applications = relationship(FundingApplication, viewonly=True, order_by=FundingApplication.id)


class ReminderKind(LabelledEnum):
    APPLY_SOON = "apply_soon"        # the apply-by date is near and the application is still planned
    APPLY_OVERDUE = "apply_overdue"  # ... and it has passed
    REPORT_SOON = "report_soon"      # the event has ended; the report is due soon
    REPORT_OVERDUE = "report_overdue"

    @classmethod
    def labels(cls):
        return {
            cls.APPLY_SOON: _l("Application due soon"),
            cls.APPLY_OVERDUE: _l("Application overdue"),
            cls.REPORT_SOON: _l("Report due soon"),
            cls.REPORT_OVERDUE: _l("Report overdue"),
        }


class FundingReminder(db.Model):
    """A reminder sent once for an application and a deadline (`flask send-reminders` runs daily): the unique
    key keeps two runs, or two hosts, from sending it twice. The deadline it was for is kept, so a moved date
    reminds again."""

    __tablename__ = "funding_reminders"
    __table_args__ = (
        sa.UniqueConstraint("application_id", "kind", "due_on", name="uq_funding_reminders_application_kind_due"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(sa.ForeignKey("funding_applications.id", ondelete="CASCADE"))
    kind: Mapped[ReminderKind]
    due_on: Mapped[date]
    sent_at: Mapped[datetime] = mapped_column(default=utcnow)

    application: Mapped[FundingApplication] = relationship(back_populates="reminders")


# ---- participant lists (issue 13 part 4) ----------------------------------------------------------------------

class ParticipantRole(LabelledEnum):
    PARTICIPANT = "participant"
    LEADER = "leader"
    OTHER = "other"  # interpreter, driver: listed, not funded

    @classmethod
    def labels(cls):
        return {
            cls.PARTICIPANT: _l("Participant"),
            cls.LEADER: _l("Leader"),
            cls.OTHER: _l("Other (interpreter, driver …)"),
        }


class EventParticipant(db.Model):
    """A person on an event's participant list, in a delegation: the home city's (partner_city_id None) or an
    invited partner town's. Personal data: only staff and the event's organisers see it; `flask purge` removes
    the rows after the longest retention of the event's schemes (ParticipantListSummary keeps the counts)."""

    __tablename__ = "event_participants"

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(sa.ForeignKey("proposals.id", ondelete="CASCADE"), index=True)
    partner_city_id: Mapped[int | None] = mapped_column(sa.ForeignKey("partner_cities.id", ondelete="RESTRICT"))
    name: Mapped[str] = mapped_column(sa.String(120))
    residence: Mapped[str] = mapped_column(sa.String(120), default="", server_default="")
    organisation_name: Mapped[str] = mapped_column(sa.String(200), default="", server_default="")
    birth_year: Mapped[int | None]
    role: Mapped[ParticipantRole] = mapped_column(default=ParticipantRole.PARTICIPANT)
    # Travels in from another country (CERV's "invited international participant"); by default a partner town's
    # delegation is invited, the home city's is not.
    invited: Mapped[bool] = mapped_column(default=False)
    # Taken over from the event's guests (hosting) without retyping.
    guest_id: Mapped[int | None] = mapped_column(sa.ForeignKey("hosting_guests.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    proposal: Mapped[Proposal] = relationship()
    partner_city: Mapped[PartnerCity | None] = relationship()
    attendance: Mapped[list["ParticipantAttendance"]] = relationship(
        back_populates="participant", cascade="all, delete-orphan", passive_deletes=True,
        order_by="ParticipantAttendance.day",
    )


class ParticipantAttendance(db.Model):
    """After the event: the participant was there on this day. No rows for an event: attendance not recorded
    (everyone counts for the whole event)."""

    __tablename__ = "participant_attendance"
    __table_args__ = (sa.UniqueConstraint("participant_id", "day", name="uq_participant_attendance_participant_day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(sa.ForeignKey("event_participants.id", ondelete="CASCADE"))
    day: Mapped[date]

    participant: Mapped[EventParticipant] = relationship(back_populates="attendance")


class ParticipantListSummary(db.Model):
    """What is kept of an event's participant list after `flask purge`: the counts the figures need."""

    __tablename__ = "participant_list_summaries"

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(sa.ForeignKey("proposals.id", ondelete="CASCADE"), unique=True)
    participants: Mapped[int] = mapped_column(default=0)
    leaders: Mapped[int] = mapped_column(default=0)
    others: Mapped[int] = mapped_column(default=0)
    invited: Mapped[int] = mapped_column(default=0)
    participant_days: Mapped[int] = mapped_column(default=0)
    purged_at: Mapped[datetime] = mapped_column(default=utcnow)


# ---- budgets (issue 13 part 5) --------------------------------------------------------------------------------

class FundingBudget(db.Model):
    """A scheme's money for a calendar year, as staff enter it."""

    __tablename__ = "funding_budgets"
    __table_args__ = (sa.UniqueConstraint("scheme_id", "year", name="uq_funding_budgets_scheme_year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    scheme_id: Mapped[int] = mapped_column(sa.ForeignKey("funding_schemes.id", ondelete="CASCADE"), index=True)
    year: Mapped[int]
    amount_cents: Mapped[int] = mapped_column(sa.BigInteger)
    notes: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(server_default="1")
    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012

    scheme: Mapped[FundingScheme] = relationship()

    def as_it_is_now(self) -> str:
        """The budget in words, for the message that someone changed it meanwhile (concurrency.py)."""
        from clubs_exchange.funding.rules import money

        return money(self.amount_cents)
