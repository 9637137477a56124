"""Demo applications for funding, in every stage: planned (one due soon, one overdue), applied, refused, granted
with its report due (overdue), report submitted, paid; taken through the same steps people take."""

from datetime import timedelta

import sqlalchemy as sa

from clubs_exchange.extensions import db
from clubs_exchange.funding import applications as steps
from clubs_exchange.funding import meetings
from clubs_exchange.funding.models import EventParticipant, FundingScheme, ParticipantAttendance, ParticipantRole
from clubs_exchange.proposals.models import Proposal, ProposalState

FIRST_NAMES = ["Lena", "Paul", "Mia", "Noah", "Emma", "Ben", "Hanna", "Luis", "Clara", "Felix"]


def _people(proposal: Proposal, count: int, year: int) -> list[EventParticipant]:
    first, last = meetings.event_days(proposal)
    people = []
    for i in range(count):
        person = EventParticipant(proposal=proposal, name=f"{FIRST_NAMES[i % len(FIRST_NAMES)]} Demo{i + 1}",
                                  residence="Musterstadt", birth_year=year - 14 - i % 5, invited=False,
                                  role=ParticipantRole.LEADER if i == 0 else ParticipantRole.PARTICIPANT)
        days = (last - first).days + 1
        person.attendance = [ParticipantAttendance(day=first + timedelta(days=d)) for d in range(days)
                             if not (i == count - 1 and d == days - 1)]  # one left a day early
        people.append(person)
    db.session.add_all(people)
    return people


def _three_days(proposal: Proposal) -> None:
    """A visit of three days: the city's guideline funds meetings of three days or more."""
    first, last = meetings.event_days(proposal)
    if (last - first).days < 2:
        proposal.ends_at = proposal.starts_at + timedelta(days=2, hours=3)


def seed_funding_applications(today, staff) -> None:
    schemes = {s.preset_key: s for s in db.session.scalars(sa.select(FundingScheme))}
    city, youth = schemes.get("city_guideline"), schemes.get("youth_office")
    if city is None or youth is None:
        return
    events = list(db.session.scalars(sa.select(Proposal).where(Proposal.state == ProposalState.APPROVED)
                                      .order_by(Proposal.starts_at, Proposal.id)))
    past = [p for p in events if meetings.event_days(p)[1] < today - timedelta(days=4)]
    coming = [p for p in events if meetings.event_days(p)[0] > today + timedelta(days=14)]
    if len(past) < 3 or len(coming) < 4:
        return
    soon = next((p for p in coming if today + timedelta(weeks=6) <= meetings.event_days(p)[0]
                 <= today + timedelta(weeks=6, days=14)), coming[-1])
    coming = [p for p in coming if p is not soon]
    for proposal in (soon, coming[1], *past[:3]):
        _three_days(proposal)

    def plan(proposal, scheme, leaders=2):
        return steps.plan(proposal, scheme, direction=None, expected_leaders=leaders, travel_cost_cents=120_000,
                          distance_km=650, days_in_partner_city=2, actor=staff, today=today)

    # Coming events: one planned with its apply-by date near, one whose date has passed (overdue), one sent to
    # the funder, one refused.
    plan(soon, city)
    plan(coming[0], city)
    plan(coming[0], youth)
    applied = plan(coming[1], city)
    steps.apply(applied, applied_on=today - timedelta(days=3), amount_cents=45_000, today=today)
    refused = plan(coming[2], youth)
    steps.apply(refused, applied_on=today - timedelta(days=20), amount_cents=80_000, today=today)
    steps.refuse(refused, reason="Die Begegnung dauert kürzer als vier Programmtage.",
                 decided_on=today - timedelta(days=5), today=today)
    # Past events: granted with the report overdue, the report submitted, paid. Their deadlines lie in the past
    # by now, so the steps are dated back to before the event.
    granted = plan(past[0], city)
    start = meetings.event_days(past[0])[0]
    steps.apply(granted, applied_on=start - timedelta(days=50), amount_cents=40_000, today=today)
    steps.grant(granted, amount_cents=35_000, reference="SP-2026-014", decided_on=start - timedelta(days=30),
                today=today)
    granted.report_due_on = today - timedelta(days=2)  # shown overdue, whatever the event's length
    for proposal, paid in ((past[1], False), (past[2], True)):
        application = plan(proposal, city)
        start = meetings.event_days(proposal)[0]
        steps.apply(application, applied_on=start - timedelta(days=50), amount_cents=60_000, today=today)
        steps.grant(application, amount_cents=50_000, reference=f"SP-2026-0{proposal.id % 90 + 10}",
                    decided_on=start - timedelta(days=30), today=today)
        db.session.flush()
        steps.submit_report(application, _people(proposal, 8, start.year), today=today)
        if paid:
            steps.pay(application, amount_cents=application.amount_final_cents or application.amount_granted_cents,
                      paid_on=today, today=today)
    db.session.flush()
