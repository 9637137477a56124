"""Proposals for joint events and the history of every step they went through."""

from datetime import datetime, timedelta

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from clubs_exchange.auth.models import User
from clubs_exchange.clock import utcnow
from clubs_exchange.db import LabelledEnum
from clubs_exchange.extensions import db
from clubs_exchange.organisations.models import Organisation
from clubs_exchange.partners.models import PartnerCity

# The longest event the calendar takes (a term-long pupil exchange fits). Longer stays are entered as several
# events. The bound also lets the conflict check read an index range closed on both sides.
MAX_EVENT_LENGTH = timedelta(days=92)


class EventKind(LabelledEnum):
    MATCH = "match"
    CONCERT = "concert"
    PUPIL_EXCHANGE = "pupil_exchange"
    DELEGATION_VISIT = "delegation_visit"
    FESTIVAL = "festival"
    WORKSHOP = "workshop"
    OTHER = "other"

    @classmethod
    def labels(cls):
        return {
            cls.MATCH: _l("Match or tournament"),
            cls.CONCERT: _l("Concert"),
            cls.PUPIL_EXCHANGE: _l("Pupil exchange"),
            cls.DELEGATION_VISIT: _l("Delegation visit"),
            cls.FESTIVAL: _l("Festival"),
            cls.WORKSHOP: _l("Workshop"),
            cls.OTHER: _l("Other"),
        }


class Direction(LabelledEnum):
    INCOMING = "incoming"
    OUTGOING = "outgoing"
    BOTH = "both"
    ONLINE = "online"

    @classmethod
    def labels(cls):
        return {
            cls.INCOMING: _l("Guests come to us"),
            cls.OUTGOING: _l("We travel"),
            cls.BOTH: _l("Both"),
            cls.ONLINE: _l("Online"),
        }


class ProposalState(LabelledEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    CHANGES_REQUESTED = "changes_requested"
    APPROVED = "approved"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    CANCELLED = "cancelled"

    @classmethod
    def labels(cls):
        return {
            cls.DRAFT: _l("Draft"),
            cls.SUBMITTED: _l("Submitted"),
            cls.CHANGES_REQUESTED: _l("Changes requested"),
            cls.APPROVED: _l("Approved"),
            cls.REJECTED: _l("Rejected"),
            cls.WITHDRAWN: _l("Withdrawn"),
            cls.CANCELLED: _l("Cancelled"),
        }


class ProposalAction(LabelledEnum):
    CREATE = "create"
    SUBMIT = "submit"
    REQUEST_CHANGES = "request_changes"
    RESUBMIT = "resubmit"
    APPROVE = "approve"
    REJECT = "reject"
    WITHDRAW = "withdraw"
    CANCEL = "cancel"

    @classmethod
    def labels(cls):
        return {
            cls.CREATE: _l("Created"),
            cls.SUBMIT: _l("Submit"),
            cls.REQUEST_CHANGES: _l("Request changes"),
            cls.RESUBMIT: _l("Resubmit"),
            cls.APPROVE: _l("Approve"),
            cls.REJECT: _l("Reject"),
            cls.WITHDRAW: _l("Withdraw"),
            cls.CANCEL: _l("Cancel event"),
        }


proposal_co_organisers = sa.Table(
    "proposal_co_organisers",
    db.metadata,
    sa.Column("proposal_id", sa.ForeignKey("proposals.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("organisation_id", sa.ForeignKey("organisations.id", ondelete="CASCADE"), primary_key=True, index=True),
)


def venue_key_of(venue: str | None) -> str:
    """How venues are compared: trimmed and case-insensitively; an empty venue never conflicts."""
    return (venue or "").strip().lower()


class Proposal(db.Model):
    __tablename__ = "proposals"
    __table_args__ = (
        # The calendar, its list and the feeds: events of the calendar that end after a given moment; the list
        # sorts the page's ids by start from the index alone (paging.IdsFirstPagination).
        sa.Index("ix_proposals_state_ends_at_starts_at", "state", "ends_at", "starts_at", "id"),
        # The review queue: waiting proposals oldest first, decided ones newest first.
        sa.Index("ix_proposals_state_submitted_at", "state", "submitted_at"),
        sa.Index("ix_proposals_state_updated_at", "state", "updated_at"),
        # An organisation's page: its proposals by date.
        sa.Index("ix_proposals_organisation_id_starts_at", "organisation_id", "starts_at"),
        # The review queue's conflict check: approved events of a partner city, or at a venue, by date.
        sa.Index("ix_proposals_partner_city_id_state_starts_at", "partner_city_id", "state", "starts_at", "ends_at"),
        sa.Index("ix_proposals_venue_key_state_starts_at", "venue_key", "state", "starts_at", "ends_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    kind: Mapped[EventKind]
    partner_city_id: Mapped[int] = mapped_column(sa.ForeignKey("partner_cities.id", ondelete="RESTRICT"), index=True)
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    direction: Mapped[Direction]
    # Stored in UTC; entered and shown in the home city's time zone.
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    venue: Mapped[str] = mapped_column(sa.String(200), default="")
    # The venue trimmed and lower-cased, kept by venue_key_of() so the conflict check has an index to use.
    venue_key: Mapped[str] = mapped_column(sa.String(200), default="", server_default="")
    participants_ours: Mapped[int] = mapped_column(default=0)
    participants_guests: Mapped[int] = mapped_column(default=0)
    guests_needing_host: Mapped[int] = mapped_column(default=0)
    budget_cents: Mapped[int] = mapped_column(sa.BigInteger, default=0)
    description: Mapped[str] = mapped_column(sa.Text, default="")
    # The language title and description are written in (en, de, ro, fr); None: the city's, BABEL_DEFAULT_LOCALE.
    # Their translations: TextTranslation (clubs_exchange/localised), as `translations`.
    language: Mapped[str | None] = mapped_column(sa.String(8))

    @property
    def text_language(self) -> str | None:
        """The language its own texts are written in: what clubs_exchange/localised reads."""
        return self.language

    state: Mapped[ProposalState] = mapped_column(default=ProposalState.DRAFT, index=True)
    # Shown in the public calendar (clubs_exchange/public) while approved: set on approval from
    # PUBLIC_EVENTS_DEFAULT, then by staff on the event's page.
    public: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    # When it last entered the review queue: the queue is served oldest first.
    submitted_at: Mapped[datetime | None]

    # Optimistic locking: every UPDATE checks and bumps it, so a change made meanwhile by someone else is
    # refused, not overwritten (clubs_exchange/concurrency.py).
    version: Mapped[int] = mapped_column(server_default="1")
    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012

    partner_city: Mapped[PartnerCity] = relationship()
    organisation: Mapped[Organisation] = relationship()
    co_organisers: Mapped[list[Organisation]] = relationship(secondary=proposal_co_organisers)
    created_by: Mapped[User | None] = relationship()
    steps: Mapped[list["ProposalStep"]] = relationship(
        back_populates="proposal", cascade="all, delete-orphan", order_by="ProposalStep.id"
    )

    def __init__(self, **fields):
        # The state is needed before the first flush (the workflow reads it), not only on insert.
        fields.setdefault("state", ProposalState.DRAFT)
        super().__init__(**fields)

    @validates("venue")
    def _keep_venue_key(self, _key, venue):
        self.venue_key = venue_key_of(venue)
        return venue

    @property
    def organiser_ids(self) -> set[int]:
        return {self.organisation_id, *(o.id for o in self.co_organisers)}

    def __repr__(self) -> str:
        return f"<Proposal {self.id} {self.title!r} {self.state}>"


class ProposalStep(db.Model):
    """One step in a proposal's history: who did what, when, and what they said."""

    __tablename__ = "proposal_steps"

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(sa.ForeignKey("proposals.id", ondelete="CASCADE"), index=True)
    action: Mapped[ProposalAction]
    from_state: Mapped[ProposalState | None]
    to_state: Mapped[ProposalState]
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    at: Mapped[datetime] = mapped_column(default=utcnow)
    comment: Mapped[str] = mapped_column(sa.Text, default="")

    proposal: Mapped[Proposal] = relationship(back_populates="steps")
    actor: Mapped[User | None] = relationship()
