"""Demo data of the funding budget and the EU check (issue 13 parts 5 and 6): budgets for this year and the next,
applications that take one scheme over its budget, and a planned town-twinning festival with a partner abroad."""

from datetime import date, datetime, time, timedelta

import sqlalchemy as sa

from clubs_exchange import clock
from clubs_exchange.extensions import db
from clubs_exchange.funding.budget import event_year
from clubs_exchange.funding.meetings import default_direction
from clubs_exchange.funding.models import FundingApplication, FundingBudget, FundingScheme, GrantState
from clubs_exchange.proposals import workflow
from clubs_exchange.proposals.models import Direction, EventKind, Proposal, ProposalAction, ProposalState

# Per scheme (by preset key): the budget of this year and of the next, in cents.
BUDGETS = {
    "city_guideline": (2_500_00, 3_000_00),
    "youth_office": (4_000_00, 4_500_00),
    "cerv_town_twinning_2026": (20_000_00, 30_000_00),
}
# The city guideline's applications this year, soonest event first: (state, applied, granted, paid). Granted or
# paid, they hold €2,700 of its €2,500: over budget.
CITY_THIS_YEAR = [
    (GrantState.PAID, 950_00, 900_00, 860_00),
    (GrantState.GRANTED, 1_200_00, 1_100_00, None),
    (GrantState.REPORT_SUBMITTED, 700_00, 700_00, None),
    (GrantState.APPLIED, 450_00, None, None),
    (GrantState.REFUSED, 300_00, None, None),
]
CITY_NEXT_YEAR = [(GrantState.APPLIED, 600_00, None, None), (GrantState.PLANNED, None, None, None)]
YOUTH_THIS_YEAR = [(GrantState.GRANTED, 1_400_00, 1_200_00, None)]


def _application(proposal: Proposal, scheme: FundingScheme, figures, staff, today: date) -> FundingApplication:
    state, applied, granted, paid = figures
    starts = clock.local(proposal.starts_at).date()
    applied_on = min(starts - timedelta(weeks=8), today) if applied is not None else None
    decided_on = min(applied_on + timedelta(weeks=3), today) if granted is not None or state == GrantState.REFUSED \
        else None
    reported = state in (GrantState.REPORT_SUBMITTED, GrantState.PAID)
    ends = clock.local(proposal.ends_at).date()
    return FundingApplication(
        # A report submitted (or paid after one): its date, amount and arithmetic as the report step stores them.
        report_submitted_on=min(ends + timedelta(weeks=2), today) if reported else None,
        amount_final_cents=(paid or granted) if reported else None,
        final_arithmetic=(f"{(paid or granted) // 100} × €1.00 = €{(paid or granted) / 100:,.2f}" if reported else ""),
        proposal=proposal, scheme=scheme, state=state, direction=default_direction(proposal),
        applied_on=applied_on, amount_applied_cents=applied, decided_on=decided_on, amount_granted_cents=granted,
        reference=f"FB-{starts.year}-{proposal.id:04d}" if granted is not None else "",
        refusal_reason="The budget of this year is spent." if state == GrantState.REFUSED else "",
        paid_on=min(starts + timedelta(weeks=4), today) if paid is not None else None, amount_paid_cents=paid,
        created_by=staff,
    )


def seed_budget_demo(today: date, staff, organisations, partners, members) -> None:
    """After the presets (and after any other demo applications): events that already apply to a scheme are
    left alone."""
    schemes = {s.preset_key: s for s in db.session.scalars(sa.select(FundingScheme).where(
        FundingScheme.preset_key.in_(BUDGETS)))}
    for key, (this_year, next_year) in BUDGETS.items():
        if key in schemes:
            db.session.add(FundingBudget(scheme=schemes[key], year=today.year, amount_cents=this_year,
                                         notes="Council decision of 14 November"))
            db.session.add(FundingBudget(scheme=schemes[key], year=today.year + 1, amount_cents=next_year))
    db.session.flush()
    events = list(db.session.scalars(
        sa.select(Proposal).where(Proposal.state.in_((ProposalState.APPROVED, ProposalState.SUBMITTED)))
        .order_by(Proposal.starts_at, Proposal.id)
    ))
    taken = set(db.session.execute(sa.select(FundingApplication.proposal_id, FundingApplication.scheme_id)).all())
    used: set[int] = set()

    def apply(key: str, year: int, figures_list, state=ProposalState.APPROVED) -> None:
        scheme = schemes.get(key)
        if scheme is None:
            return
        free = [p for p in events if event_year(p) == year and p.state == state and p.id not in used
                and (p.id, scheme.id) not in taken]
        for proposal, figures in zip(free, figures_list, strict=False):
            used.add(proposal.id)
            db.session.add(_application(proposal, scheme, figures, staff, today))

    apply("city_guideline", today.year, CITY_THIS_YEAR)
    apply("youth_office", today.year, YOUTH_THIS_YEAR)
    apply("city_guideline", today.year + 1, CITY_NEXT_YEAR, state=ProposalState.SUBMITTED)
    _seed_festival(today, organisations, partners, members)
    db.session.flush()


def _seed_festival(today: date, organisations, partners, members) -> None:
    """The friendship society's festival with Annecy in five months, submitted: Germany and France, an EU member,
    65 direct participants, but only 20 invited from abroad (CERV asks for 25)."""
    society = next((o for o in organisations if o.name == "Freundeskreis Annecy"), None)
    annecy = next((p for p in partners if p.name == "Annecy"), None)
    if society is None or annecy is None:
        return
    author = members.get(society.name)
    tz = clock.city_tz()
    first_day = today + timedelta(days=150)
    starts = datetime.combine(first_day, time(10), tzinfo=tz)
    festival = Proposal(
        title="Europafest with Annecy", kind=EventKind.FESTIVAL, partner_city=annecy, organisation=society,
        direction=Direction.INCOMING, starts_at=starts, ends_at=starts + timedelta(days=3, hours=8),
        venue="Rathaus, Ratssaal", participants_ours=45, participants_guests=20, guests_needing_host=20,
        budget_cents=18_000_00,
        description="Three days of music, food and debates on Europe with our friends from Annecy.",
    )
    db.session.add(festival)
    created = clock.utcnow() - timedelta(days=12)
    festival.created_at = created
    workflow.record_creation(festival, actor=author, now=created)
    workflow.perform(festival, ProposalAction.SUBMIT, actor=author, is_proposer=True, is_staff=False,
                     now=created + timedelta(days=2))
