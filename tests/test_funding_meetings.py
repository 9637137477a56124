"""An event as the funding rules see it: built from the proposal, the application and the participant list."""

from datetime import UTC, date, datetime

import pytest

from clubs_exchange.funding import meetings
from clubs_exchange.funding.countries import country_code, in_europe
from clubs_exchange.funding.models import (
    EventParticipant,
    FundingApplication,
    FundingScheme,
    GrantState,
    ParticipantAttendance,
    ParticipantRole,
)
from clubs_exchange.funding.terms import AmountKind, DayCounting, Direction


@pytest.mark.parametrize("typed, code", [
    ("France", "FR"), ("Frankreich", "FR"), ("România", "RO"), ("Romania", "RO"), ("fr", "FR"),
    ("Republic of Moldova", "MD"), ("Polen", "PL"), ("Royaume-Uni", "GB"), ("  united   kingdom ", "GB"),
    ("Atlantis", None), ("", None),
])
def test_a_country_as_staff_type_it_becomes_its_code(typed, code):
    assert country_code(typed) == code


def test_europe_and_beyond():
    assert in_europe("UA") and in_europe("FR") and not in_europe("US") and not in_europe(None)


@pytest.mark.parametrize("counting, days, counted", [
    (DayCounting.EACH_TRAVEL_DAY, {1, 2, 3, 4, 5}, 5),
    (DayCounting.TRAVEL_DAYS_AS_ONE, {1, 2, 3, 4, 5}, 4),
    (DayCounting.FULL_DAYS_ONLY, {1, 2, 3, 4, 5}, 3),
    (DayCounting.TRAVEL_DAYS_AS_ONE, {1, 2, 3}, 3),   # left before the last day: no second travel day
    (DayCounting.FULL_DAYS_ONLY, {2, 3}, 2),
    (DayCounting.EACH_TRAVEL_DAY, set(), 0),
])
def test_attendance_is_counted_as_the_scheme_counts_days(counting, days, counted):
    first, last = date(2031, 6, 1), date(2031, 6, 5)
    assert meetings.counted_attendance({date(2031, 6, d) for d in days}, first, last, counting) == counted


def _scheme(db, **fields):
    fields.setdefault("max_meetings_per_person_year", 2)
    scheme = FundingScheme(name="City", funder="City", kind=AmountKind.PER_PARTICIPANT_DAY, **fields)
    db.session.add(scheme)
    return scheme


def test_the_expected_meeting_comes_from_the_proposal(db, make_proposal, make_partner):
    proposal = make_proposal(partner_city=make_partner(country="Frankreich"),
                             starts_at=datetime(2031, 6, 11, 22, 30, tzinfo=UTC),  # 12 June, 00:30 in Berlin
                             ends_at=datetime(2031, 6, 15, 22, 0, tzinfo=UTC),     # 16 June, midnight: ends the 15th
                             participants_ours=20, participants_guests=18)
    application = FundingApplication(proposal=proposal, scheme=_scheme(db), direction=Direction.INCOMING,
                                     expected_leaders=3)
    meeting = meetings.expected_meeting(application)
    assert (meeting.starts_on, meeting.ends_on) == (date(2031, 6, 12), date(2031, 6, 15))
    assert (meeting.expected_participants, meeting.expected_leaders, meeting.expected_invited) == (35, 3, 18)
    assert meeting.countries == ("DE", "FR")
    assert not meeting.partner_outside_europe


def test_the_listed_meeting_reads_attendance_and_the_years_other_funded_meetings(db, make_proposal, make_partner):
    scheme = _scheme(db)
    town = make_partner(country="Romania")
    earlier = make_proposal(partner_city=town, starts_at=datetime(2031, 3, 1, 9, tzinfo=UTC))
    db.session.add(FundingApplication(proposal=earlier, scheme=scheme, direction=Direction.INCOMING,
                                      state=GrantState.GRANTED))
    db.session.add(EventParticipant(proposal=earlier, name="Ana Pop", birth_year=2012))
    db.session.add(EventParticipant(proposal=earlier, name="Ana Pop", birth_year=2001))  # another Ana
    proposal = make_proposal(partner_city=town, starts_at=datetime(2031, 6, 1, 8, tzinfo=UTC),
                             ends_at=datetime(2031, 6, 3, 16, tzinfo=UTC))
    application = FundingApplication(proposal=proposal, scheme=scheme, direction=Direction.INCOMING)
    ana = EventParticipant(proposal=proposal, name="Ana Pop", birth_year=2012, partner_city=town, invited=True)
    lea = EventParticipant(proposal=proposal, name="Lea Berg", birth_year=2013, role=ParticipantRole.LEADER)
    db.session.add_all([application, ana, lea])
    ana.attendance = [ParticipantAttendance(day=date(2031, 6, 1)), ParticipantAttendance(day=date(2031, 6, 2))]
    db.session.commit()

    listed = meetings.listed_meeting(application, meetings.load_participants(proposal.id))
    by_name = {p.name: p for p in listed.participants}
    assert by_name["Ana Pop"].days_present == 2 and by_name["Ana Pop"].country == "RO" and by_name["Ana Pop"].invited
    assert by_name["Lea Berg"].days_present == 0 and by_name["Lea Berg"].country == "DE"
    assert listed.meetings_this_year == {"Ana Pop": 1}
    assert listed.countries == ("DE", "RO")
