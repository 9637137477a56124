"""The EU check of a partnership: the planned town-twinning meetings with a partner city against the stored CERV
Town Twinning scheme, each criterion passed or not with its reason, and the lump-sum band (funding/rules.py on
the meeting funding/meetings.py builds, from the proposal's expected people, before any application exists).

Which events are "planned town-twinning meetings": the partner's delegation visits and festivals (the citizens'
meetings the EU's town-twinning grants are for) that are submitted, sent back for changes or approved, have not
started yet and are not held online; the soonest first, at most MAX_SHOWN of them.
"""

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import joinedload

from clubs_exchange import clock
from clubs_exchange.extensions import db
from clubs_exchange.funding.meetings import default_direction, expected_meeting
from clubs_exchange.funding.models import FundingApplication, FundingScheme
from clubs_exchange.funding.rules import estimate
from clubs_exchange.funding.terms import Outcome
from clubs_exchange.localised.loading import titles_in_reader_language
from clubs_exchange.proposals.models import Direction, EventKind, Proposal, ProposalState

# The shipped CERV preset (funding/presets.py) is the scheme the check reads, as staff have kept it.
CERV_PRESET_KEY = "cerv_town_twinning_2026"
TOWN_TWINNING_KINDS = (EventKind.DELEGATION_VISIT, EventKind.FESTIVAL)
PLANNED_STATES = (ProposalState.SUBMITTED, ProposalState.CHANGES_REQUESTED, ProposalState.APPROVED)
MAX_SHOWN = 5

# Each criterion by the name funding/rules.py gives its verdict, in the order the check lists them.
CRITERIA = {
    "countries": _l("Countries"),
    "eu_member": _l("An EU member state"),
    "direct_participants": _l("Direct participants"),
    "invited_international": _l("Invited international participants"),
    "lead_time": _l("Lead time"),
    "days": _l("Days"),
    "amount": _l("Participant band"),
}
OTHER_CRITERION = _l("Other condition")


@dataclass(frozen=True)
class Criterion:
    label: str
    passed: bool
    reason: str


@dataclass(frozen=True)
class MeetingCheck:
    proposal: Proposal
    outcome: Outcome
    criteria: tuple[Criterion, ...]
    lead_time_set: bool

    @property
    def eligible(self) -> bool:
        return self.outcome.eligible


@dataclass(frozen=True)
class EuCheck:
    scheme: FundingScheme | None  # None: no CERV scheme is stored
    meetings: tuple[MeetingCheck, ...]
    more: bool  # more planned meetings than shown


def cerv_scheme() -> FundingScheme | None:
    """The stored CERV Town Twinning scheme with its bands and rates: one query."""
    return db.session.scalars(
        sa.select(FundingScheme).where(FundingScheme.preset_key == CERV_PRESET_KEY)
        .options(joinedload(FundingScheme.bands), joinedload(FundingScheme.rates))
    ).unique().one_or_none()


def planned_meetings(partner_id: int, *, now: datetime | None = None, limit: int = MAX_SHOWN) -> list[Proposal]:
    """The partner's planned town-twinning meetings (see the module's docstring), soonest first: one query."""
    return list(db.session.scalars(
        sa.select(Proposal)
        .options(joinedload(Proposal.organisation), titles_in_reader_language())
        .where(Proposal.partner_city_id == partner_id, Proposal.state.in_(PLANNED_STATES),
               Proposal.kind.in_(TOWN_TWINNING_KINDS), Proposal.direction != Direction.ONLINE,
               Proposal.starts_at >= (now or clock.utcnow()))
        .order_by(Proposal.starts_at, Proposal.id)
        .limit(limit)
    ).unique())


def _criteria(outcome: Outcome) -> tuple[Criterion, ...]:
    order = list(CRITERIA)
    verdicts = sorted(outcome.verdicts, key=lambda v: order.index(v.rule) if v.rule in CRITERIA else len(order))
    return tuple(Criterion(str(CRITERIA.get(v.rule, OTHER_CRITERION)), v.passed, v.reason) for v in verdicts)


def check_meeting(proposal: Proposal, scheme: FundingScheme, *, today=None) -> MeetingCheck:
    """The estimate for one meeting, on an application that is never saved: the expected people of the proposal,
    our own and the guests, the guests (or we, travelling) invited from abroad."""
    application = FundingApplication(proposal=proposal, scheme=scheme, direction=default_direction(proposal))
    terms = scheme.terms()
    outcome = estimate(terms, expected_meeting(application), today=today or clock.today())
    lead_time_set = terms.apply_weeks_before is not None or terms.apply_months_before is not None
    return MeetingCheck(proposal, outcome, _criteria(outcome), lead_time_set)


def eu_check(partner_id: int) -> EuCheck:
    """The check of the partner's planned meetings: three queries, however many there are."""
    scheme = cerv_scheme()
    if scheme is None:
        return EuCheck(None, (), False)
    found = planned_meetings(partner_id, limit=MAX_SHOWN + 1)
    today = clock.today()
    return EuCheck(scheme, tuple(check_meeting(p, scheme, today=today) for p in found[:MAX_SHOWN]),
                   len(found) > MAX_SHOWN)
