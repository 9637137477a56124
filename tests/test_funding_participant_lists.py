"""The participant lists' rules without pages: the CSV rows, the sheet's layout, the amount the report computes from
the list and its attendance, and the purge after the schemes' retention that keeps the counts."""

from datetime import UTC, date, datetime, timedelta

import pytest
import sqlalchemy as sa

from clubs_exchange import retention
from clubs_exchange.funding import rules
from clubs_exchange.funding.meetings import all_days, listed_meeting, load_participants
from clubs_exchange.funding.models import (
    EventParticipant,
    FundingApplication,
    FundingScheme,
    GrantState,
    ParticipantAttendance,
    ParticipantListSummary,
    ParticipantRole,
)
from clubs_exchange.funding.participant_import import COLUMN_NAMES, parse_participant_csv, sample_csv
from clubs_exchange.funding.participants import purge_participant_lists, retention_months, save_attendance
from clubs_exchange.funding.presets import CERV_TOWN_TWINNING_2026, CITY_GUIDELINE
from clubs_exchange.funding.signatures import sheet_layout
from clubs_exchange.funding.terms import AmountKind, Direction
from clubs_exchange.proposals.models import ProposalState

DAYS3 = [date(2031, 6, 12), date(2031, 6, 13), date(2031, 6, 14)]


# --- the CSV rows --------------------------------------------------------------------------------------------------

def test_the_sample_file_is_valid_and_names_every_column(app):
    people, problems = parse_participant_csv(sample_csv(), partner_city_id=None, this_year=2031)
    assert problems == [] and len(people) == 3 and people[2].role == ParticipantRole.LEADER
    assert sample_csv().lstrip("\ufeff").split("\r\n")[0].split(";") == COLUMN_NAMES


@pytest.mark.parametrize("row, column, words", [
    ("Ana;1800;participant;", "birth_year", "1900"),
    ("Ana;2040;participant;", "birth_year", "1900"),
    ("Ana;'09;participant;", "birth_year", "four digits"),
    ("Ana;2009;chef;", "role", "participant, leader or other"),
    ("Ana;2009;;maybe", "invited", "yes or no"),
    (";2009;;", "name", "required"),
    ("Ana;2009;;;extra", "", "cells"),
])
def test_each_kind_of_bad_cell_names_its_row_and_column(app, row, column, words):
    people, problems = parse_participant_csv(f"name;birth_year;role;invited\n{row}\n", partner_city_id=None,
                                             this_year=2031)
    assert people == []
    assert [(p.row, p.column) for p in problems] == [(2, column)]
    assert words in problems[0].message


def test_roles_in_the_four_languages_and_invited_by_delegation(app):
    text = "name;role;invited\nA;Betreuungsperson;\nB;accompagnateur;\nC;însoțitor;no\nD;Dolmetscher;\nE;;\n"
    people, problems = parse_participant_csv(text, partner_city_id=7, this_year=2031)
    assert problems == []
    assert [p.role for p in people] == [ParticipantRole.LEADER] * 3 + [ParticipantRole.OTHER,
                                                                       ParticipantRole.PARTICIPANT]
    assert [p.invited for p in people] == [True, True, False, True, True]
    assert {p.partner_city_id for p in people} == {7}


# --- the sheet -----------------------------------------------------------------------------------------------------

def test_a_daily_rate_signs_per_day_a_lump_sum_once():
    assert sheet_layout(AmountKind.PER_PARTICIPANT_DAY, DAYS3).per_day
    assert sheet_layout(None, DAYS3).landscape
    assert not sheet_layout(AmountKind.LUMP_SUM_BY_BAND, DAYS3).per_day
    assert not sheet_layout(AmountKind.PER_PARTICIPANT_DAY, DAYS3[:1]).per_day
    long = [date(2031, 6, 1) + timedelta(days=i) for i in range(10)]
    assert not sheet_layout(AmountKind.PER_PARTICIPANT_DAY, long).per_day
    assert sheet_layout(None, DAYS3).empty_rows(3) == 6 and sheet_layout(None, DAYS3).empty_rows(60) == 15


# --- the report's amount from the list and its attendance ----------------------------------------------------------

def _scheme(db, terms) -> FundingScheme:
    scheme = FundingScheme.from_terms(terms)
    db.session.add(scheme)
    db.session.commit()
    return scheme


def _event(make_proposal, *, ends):
    return make_proposal(ProposalState.APPROVED, starts_at=ends.replace(hour=8) - timedelta(days=2), ends_at=ends)


def test_the_report_amount_counts_the_days_each_person_was_there(db, make_proposal):
    """Aachen-like €4.40 per participant-day at home: 10 on the list (9 participants aged 16, 1 leader), three
    days, two participants missed the last one. By hand: 7 × 3 + 2 × 2 = 25 participant-days, the leader 3
    (1 per 6 allowed: 9 // 6 = 1): 28 × €4.40 = €123.20."""
    event = _event(make_proposal, ends=datetime(2031, 6, 14, 15, tzinfo=UTC))
    scheme = _scheme(db, CITY_GUIDELINE)
    application = FundingApplication(proposal_id=event.id, scheme_id=scheme.id, direction=Direction.INCOMING,
                                     state=GrantState.GRANTED, applied_on=date(2031, 3, 1))
    people = [EventParticipant(proposal_id=event.id, name=f"Kind {i}", birth_year=2015) for i in range(9)]
    people.append(EventParticipant(proposal_id=event.id, name="Leiterin", birth_year=1980,
                                   role=ParticipantRole.LEADER))
    db.session.add_all([application, *people])
    db.session.commit()
    days = all_days(event)
    assert len(days) == 3
    present = {(p.id, d) for p in people for d in days} - {(people[0].id, days[-1]), (people[1].id, days[-1])}
    save_attendance(event, load_participants(event.id), present)
    db.session.commit()

    meeting = listed_meeting(application, load_participants(event.id))
    outcome = rules.assess(CITY_GUIDELINE, meeting, today=date(2031, 3, 1))
    assert outcome.eligible, outcome.verdicts
    assert outcome.amount_cents == 28 * 440 == 12_320
    # Not recorded: everyone for the whole event, 30 participant-days.
    save_attendance(event, load_participants(event.id), set())
    db.session.commit()
    unrecorded = rules.assess(CITY_GUIDELINE, listed_meeting(application, load_participants(event.id)),
                              today=date(2031, 3, 1))
    assert unrecorded.amount_cents == 10 * 3 * 440


# --- retention -----------------------------------------------------------------------------------------------------

def test_the_longest_retention_of_the_schemes_wins_else_the_setting():
    assert retention_months([24, 60, None], 24) == 60
    assert retention_months([None], 18) == 18
    assert retention_months([], 24) == 24


def _with_list(db, event, *, attendance: bool):
    people = [EventParticipant(proposal_id=event.id, name="Ana", birth_year=2010),
              EventParticipant(proposal_id=event.id, name="Ion", role=ParticipantRole.LEADER, invited=True),
              EventParticipant(proposal_id=event.id, name="Driver", role=ParticipantRole.OTHER)]
    db.session.add_all(people)
    db.session.commit()
    if attendance:
        save_attendance(event, load_participants(event.id), {(people[0].id, all_days(event)[0])})
        db.session.commit()


def test_the_purge_removes_lists_past_their_retention_and_keeps_the_counts(app, db, make_proposal):
    now = datetime(2034, 6, 30, 12, tzinfo=UTC)
    cerv = _scheme(db, CERV_TOWN_TWINNING_2026)  # keeps lists 60 months
    old_plain = _event(make_proposal, ends=datetime(2032, 5, 1, 15, tzinfo=UTC))   # 26 months: goes (24)
    old_cerv = _event(make_proposal, ends=datetime(2032, 5, 1, 15, tzinfo=UTC))    # stays for CERV's 60
    recent = _event(make_proposal, ends=datetime(2033, 1, 1, 15, tzinfo=UTC))      # 18 months: stays
    db.session.add(FundingApplication(proposal_id=old_cerv.id, scheme_id=cerv.id, direction=Direction.INCOMING))
    for event in (old_plain, old_cerv, recent):
        _with_list(db, event, attendance=event is old_plain)

    assert "participant-lists" in retention.purgers()
    assert purge_participant_lists(now, app.config["FUNDING_LIST_RETENTION_MONTHS"]) == {old_plain.id: 3}
    db.session.commit()
    left = db.session.scalars(sa.select(EventParticipant.proposal_id).distinct()).all()
    assert sorted(left) == sorted([old_cerv.id, recent.id])
    assert db.session.scalar(sa.select(sa.func.count(ParticipantAttendance.id))) == 0
    summary = db.session.scalar(sa.select(ParticipantListSummary))
    assert (summary.proposal_id, summary.participants, summary.leaders, summary.others, summary.invited,
            summary.participant_days) == (old_plain.id, 1, 1, 1, 1, 1)
    # A shorter setting reaches the recent list too; CERV's still keeps its own.
    assert set(purge_participant_lists(now, 12)) == {recent.id}


def test_flask_purge_runs_the_participant_lists(app, db, make_proposal):
    event = _event(make_proposal, ends=datetime(2020, 1, 1, 15, tzinfo=UTC))
    _with_list(db, event, attendance=False)
    result = app.test_cli_runner().invoke(args=["purge", "--only", "participant-lists"])
    assert result.exit_code == 0, result.output
    assert "participant-lists: 3 participants of 1 events" in result.output
    assert db.session.scalar(sa.select(sa.func.count(EventParticipant.id))) == 0
    summary = db.session.scalar(sa.select(ParticipantListSummary))
    assert summary.participant_days == 2 * 3  # not recorded: participant and leader, the whole three days
