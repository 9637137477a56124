"""Writing a proposal: amounts and city times as people type them, the rules between fields, saving."""

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo

import sqlalchemy as sa
from babel.numbers import get_decimal_symbol
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from clubs_exchange.errors import DomainError
from clubs_exchange.extensions import db
from clubs_exchange.localised.languages import reader_language
from clubs_exchange.organisations.models import Organisation
from clubs_exchange.proposals.models import MAX_EVENT_LENGTH, Direction, EventKind, Proposal, ProposalState
from clubs_exchange.proposals.workflow import WorkflowError, is_editable, record_creation

# A budget is a request to the twinning office, not a state budget: 10 million is far beyond any real one.
MAX_BUDGET_CENTS = 10_000_000_00
EARLIEST_YEAR, LATEST_YEAR = 2000, 2100

# Plain digits only (re.ASCII): "٣٠" is a number to Python, but not an amount anyone types here.
_AMOUNT = re.compile(r"(\d{1,3}(?:([ .,'])\d{3})*|\d+)(?:([.,])(\d{1,2}))?", re.ASCII)


class AmountError(DomainError, ValueError):
    """Text that is not an amount of money; the message says what is expected."""


def parse_amount(text: str | None) -> int:
    """An amount typed in the city currency, as integer cents: "1250.50", "1250,50", "1.250,50", "" (none)."""
    text = (text or "").strip().replace("\u00a0", " ")
    if not text:
        return 0
    example = _l("Enter an amount such as 1250.50 or 1250,50.")
    if len(text) > 20:
        raise AmountError(example)
    match = _AMOUNT.fullmatch(text)
    if not match:
        raise AmountError(example)
    whole, separator, decimal_mark, fraction = match.groups()
    # One mark groups the thousands, another starts the cents: "1,250,50" and "1.250,000.5" are typing errors.
    # "1,250" reads as twelve hundred and fifty, as people write it; "12,5" and "12,50" are cents.
    if separator and (separator == decimal_mark or len(set(re.sub(r"[0-9]", "", whole))) > 1):
        raise AmountError(example)
    cents = int(re.sub(r"[^0-9]", "", whole)) * 100 + int((fraction or "0").ljust(2, "0"))
    if cents > MAX_BUDGET_CENTS:
        raise AmountError(_l("That is more than any exchange can request; please check the amount."))
    return cents


def format_amount(cents: int | None) -> str:
    """Cents as the form shows them back, with the reader's decimal mark: 125050 → "1250.50", "1250,50" in German
    (parse_amount reads both; no grouping, which a person would have to type around)."""
    if cents is None:
        return ""
    locale = get_locale()
    mark = get_decimal_symbol(locale) if locale is not None else "."
    return f"{cents // 100}{mark}{cents % 100:02d}"


def to_utc(local: datetime, zone: tzinfo) -> datetime:
    """A wall-clock time in the city (naive, or already carrying the city zone) as an aware UTC time."""
    return local.replace(tzinfo=zone).astimezone(UTC)


def city_time_problem(local: datetime, zone: tzinfo) -> str | None:
    """Why a wall-clock time cannot be stored, or None: out of range, or skipped as the clocks go forward."""
    if not EARLIEST_YEAR <= local.year <= LATEST_YEAR:
        return _l("Choose a date between %(first)s and %(last)s.", first=EARLIEST_YEAR, last=LATEST_YEAR)
    naive = local.replace(tzinfo=None)
    if to_utc(naive, zone).astimezone(zone).replace(tzinfo=None) != naive:
        return _l("This time does not exist here: the clocks go forward at that hour. Choose another time.")
    return None


def proposal_problems(
    *,
    starts_at: datetime | None,
    ends_at: datetime | None,
    participants_guests: int | None,
    guests_needing_host: int | None,
    organisation_id: int | None,
    co_organiser_ids: list[int] | None,
) -> dict[str, str]:
    """The rules between fields, as {field name: message}; a value that is None was not valid on its own."""
    problems = {}
    if starts_at is not None and ends_at is not None and ends_at <= starts_at:
        problems["ends_at"] = _l("The end must be after the start.")
    elif starts_at is not None and ends_at is not None and ends_at - starts_at > MAX_EVENT_LENGTH:
        problems["ends_at"] = _l(
            "An event lasts at most %(days)d days: enter a longer stay as several events.",
            days=MAX_EVENT_LENGTH.days,
        )
    guests, hosted = participants_guests, guests_needing_host
    if guests is not None and hosted is not None and hosted > guests:
        problems["guests_needing_host"] = _l(
            "At most as many as the guests (%(guests)s).", guests=participants_guests
        )
    if organisation_id is not None and organisation_id in (co_organiser_ids or []):
        problems["co_organiser_ids"] = _l("The proposing organisation cannot also be its own co-organiser.")
    return problems


@dataclass
class ProposalDetails:
    """What the proposal form holds, as plain values: times aware in UTC, the budget in cents."""

    title: str
    kind: EventKind
    partner_city_id: int
    organisation_id: int
    direction: Direction
    starts_at: datetime
    ends_at: datetime
    venue: str = ""
    participants_ours: int = 0
    participants_guests: int = 0
    guests_needing_host: int = 0
    budget_cents: int = 0
    description: str = ""
    co_organiser_ids: list[int] = field(default_factory=list)
    # The language title and description are written in; None keeps it (a new proposal: the author's).
    language: str | None = None


def _apply(proposal: Proposal, details: ProposalDetails) -> None:
    proposal.title = details.title.strip()
    proposal.kind = details.kind
    proposal.partner_city_id = details.partner_city_id
    proposal.organisation_id = details.organisation_id
    proposal.direction = details.direction
    proposal.starts_at = details.starts_at.astimezone(UTC)
    proposal.ends_at = details.ends_at.astimezone(UTC)
    proposal.venue = details.venue.strip()
    proposal.participants_ours = details.participants_ours
    proposal.participants_guests = details.participants_guests
    proposal.guests_needing_host = details.guests_needing_host
    proposal.budget_cents = details.budget_cents
    proposal.description = details.description.strip()
    if details.language:
        proposal.language = details.language
    wanted = set(details.co_organiser_ids) - {details.organisation_id}
    proposal.co_organisers = (
        list(
            db.session.scalars(
                sa.select(Organisation).where(Organisation.id.in_(wanted)).order_by(Organisation.name)
            )
        )
        if wanted
        else []
    )


def create_draft(details: ProposalDetails, *, author) -> Proposal:
    """A new proposal in draft, its history starting with who wrote it."""
    proposal = Proposal(state=ProposalState.DRAFT, created_by=author, language=reader_language())
    _apply(proposal, details)
    record_creation(proposal, actor=author)
    db.session.add(proposal)
    return proposal


def update_draft(proposal: Proposal, details: ProposalDetails) -> Proposal:
    """Change a proposal that is still being written, or was sent back for changes."""
    if not is_editable(proposal.state):
        raise WorkflowError(
            _l("A proposal that is “%(state)s” can no longer be changed.", state=proposal.state.label)
        )
    _apply(proposal, details)
    return proposal
