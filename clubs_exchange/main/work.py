"""The work waiting for the twinning office, counted for the staff start page in one SQL statement.

Each kind of work is a count and the list where it is done: proposals to review, organisations to verify,
host households to confirm, requests to erase an account, guests of the coming weeks' events still without a
host, and the deadlines the models hold (submitted proposals whose start is near, town friendships running out,
award applications still in draft for the next deadline).
"""

from dataclasses import dataclass
from datetime import date, timedelta

import sqlalchemy as sa
from flask import url_for
from flask_babel import format_date, ngettext

from clubs_exchange import clock
from clubs_exchange.awards.ladder import due_date, next_due_date
from clubs_exchange.awards.models import ApplicationState, AwardApplication
from clubs_exchange.extensions import db
from clubs_exchange.hosting.access import INCOMING
from clubs_exchange.hosting.models import Guest, HostHousehold, HostStatus, Placement
from clubs_exchange.organisations.models import Organisation, OrganisationStatus
from clubs_exchange.partners.models import PartnerCity, PartnershipState, RelationshipLevel
from clubs_exchange.privacy.models import ErasureRequest, ErasureState
from clubs_exchange.proposals.models import Proposal, ProposalState

# Guests must be placed, and proposals decided, before these events: the ones that start within this span.
COMING = timedelta(weeks=6)
# A town friendship that ends within this span needs a decision: renew it, raise it to a twinning, or let it end.
FRIENDSHIP_NOTICE = timedelta(days=92)


@dataclass(frozen=True)
class Work:
    """One kind of work: how much is waiting, the sentence that says so, where it is done."""

    key: str
    count: int
    text: str
    url: str

    @property
    def waiting(self) -> bool:
        return self.count > 0


def _count(model, *where) -> sa.ScalarSelect:
    return sa.select(sa.func.count()).select_from(model).where(*where).scalar_subquery()


def counts(today: date) -> dict[str, int | date]:
    """Every count in one statement: the start page keeps a fixed number of queries, however much waits."""
    now = clock.utcnow()
    coming = now + COMING
    unplaced = (
        sa.select(Guest.id)
        .join(Proposal, Proposal.id == Guest.proposal_id)
        .outerjoin(Placement, Placement.guest_id == Guest.id)
        .where(
            Placement.id.is_(None),
            Proposal.state == ProposalState.APPROVED,
            Proposal.direction.in_(INCOMING),
            Proposal.ends_at >= now,
            Proposal.starts_at <= coming,
        )
        .subquery()
    )
    friendships = (
        PartnerCity.relationship_level == RelationshipLevel.FRIENDSHIP,
        PartnerCity.state != PartnershipState.ENDED,
        PartnerCity.friendship_until.is_not(None),
        PartnerCity.friendship_until <= today + FRIENDSHIP_NOTICE,
    )
    award_year = next_due_date(today).year
    row = db.session.execute(sa.select(
        _count(Proposal, Proposal.state == ProposalState.SUBMITTED).label("to_review"),
        _count(Organisation, Organisation.status == OrganisationStatus.PENDING).label("to_verify"),
        _count(HostHousehold, HostHousehold.status == HostStatus.PROPOSED).label("to_confirm"),
        _count(ErasureRequest, ErasureRequest.state == ErasureState.PENDING).label("erasure_requests"),
        sa.select(sa.func.count()).select_from(unplaced).scalar_subquery().label("unplaced_guests"),
        _count(
            Proposal, Proposal.state == ProposalState.SUBMITTED, Proposal.starts_at <= coming,
            Proposal.ends_at >= now,
        ).label("starting_soon"),
        _count(PartnerCity, *friendships).label("friendships_ending"),
        _count(
            AwardApplication, AwardApplication.state == ApplicationState.DRAFT, AwardApplication.year == award_year
        ).label("award_drafts"),
    )).one()
    return {**row._mapping, "award_due": due_date(award_year)}


def work_waiting(today: date | None = None) -> list[Work]:
    """The office's work in the order it is done: decide, verify, confirm, place; then the deadlines."""
    today = today or clock.today()
    n = counts(today)
    weeks = COMING.days // 7
    # Literal ngettext calls, each with its own count: pybabel finds them for the catalogues.
    return [
        Work("to_review", n["to_review"], ngettext(
            "%(num)d proposal waiting for review", "%(num)d proposals waiting for review", n["to_review"],
        ), url_for("review.queue")),
        Work("to_verify", n["to_verify"], ngettext(
            "%(num)d organisation to verify", "%(num)d organisations to verify", n["to_verify"],
        ), url_for("organisations.index", status=OrganisationStatus.PENDING.value)),
        Work("to_confirm", n["to_confirm"], ngettext(
            "%(num)d host household to confirm", "%(num)d host households to confirm", n["to_confirm"],
        ), url_for("hosting.hosts")),
        # A request to erase an account is answered within a month (GDPR Art. 12(3)).
        Work("erasure_requests", n["erasure_requests"], ngettext(
            "%(num)d request to erase an account", "%(num)d requests to erase an account", n["erasure_requests"],
        ), url_for("privacy.erasure_requests")),
        Work("unplaced_guests", n["unplaced_guests"], ngettext(
            "%(num)d guest without a host in events of the next %(weeks)d weeks",
            "%(num)d guests without a host in events of the next %(weeks)d weeks", n["unplaced_guests"], weeks=weeks,
        ), url_for("hosting.events")),
        Work("starting_soon", n["starting_soon"], ngettext(
            "%(num)d submitted proposal starting within %(weeks)d weeks",
            "%(num)d submitted proposals starting within %(weeks)d weeks", n["starting_soon"], weeks=weeks,
        ), url_for("review.queue")),
        Work("friendships_ending", n["friendships_ending"], ngettext(
            "%(num)d town friendship running out within three months",
            "%(num)d town friendships running out within three months", n["friendships_ending"],
        ), url_for("partners.index")),
        Work("award_drafts", n["award_drafts"], ngettext(
            "%(num)d award application in draft, due on %(date)s",
            "%(num)d award applications in draft, due on %(date)s", n["award_drafts"],
            date=format_date(n["award_due"], "medium"),
        ), url_for("awards.index")),
    ]
