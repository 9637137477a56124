"""An event's applications for funding, from planned to paid: the steps as plain functions, the yearly cap across
events through the report, and the deadlines and their reminders."""

from datetime import UTC, date, datetime, timedelta

import pytest
import sqlalchemy as sa

from clubs_exchange import clock
from clubs_exchange.funding import applications as steps
from clubs_exchange.funding import meetings
from clubs_exchange.funding.applications import FundingError
from clubs_exchange.funding.models import (
    EventParticipant,
    FundingApplication,
    FundingReminder,
    FundingScheme,
    GrantState,
    ParticipantRole,
    ReminderKind,
)
from clubs_exchange.funding.presets import CITY_GUIDELINE
from clubs_exchange.funding.reminders import send_reminders
from clubs_exchange.proposals.models import ProposalState

# The city's guideline (Aachen's rates): €4.40 per participant-day at home, 3–21 days, one leader per 6, apply
# 6 weeks before the start, report 6 weeks after the end, at most 2 funded meetings per person and year.
START = datetime(2031, 6, 12, 8, tzinfo=UTC)   # 12 June 2031, 10:00 in the city
END = datetime(2031, 6, 14, 16, tzinfo=UTC)    # 14 June: three days


def at(day: date):
    return clock.frozen(datetime(day.year, day.month, day.day, 10, tzinfo=UTC))


@pytest.fixture
def city(db):
    scheme = FundingScheme.from_terms(CITY_GUIDELINE, active=True)
    db.session.add(scheme)
    db.session.commit()
    return scheme


@pytest.fixture
def event(make_proposal, make_org):
    return make_proposal(ProposalState.APPROVED, organisation=make_org(name="Kammerchor Nord"), starts_at=START,
                         ends_at=END, participants_ours=10, participants_guests=8)


def planned(event, scheme, today=date(2031, 4, 1), **figures):
    figures = {"direction": None, "expected_leaders": 2, "travel_cost_cents": None, "distance_km": None,
               "days_in_partner_city": None, **figures}
    return steps.plan(event, scheme, actor=None, today=today, **figures)


def granted(db, event, scheme, amount=50_000):
    application = planned(event, scheme)
    steps.apply(application, applied_on=date(2031, 4, 1), amount_cents=amount, today=date(2031, 4, 1))
    steps.grant(application, amount_cents=amount, reference="SP-1", decided_on=date(2031, 4, 20),
                today=date(2031, 4, 20))
    db.session.commit()
    return application


# ---- the steps, without HTTP ----------------------------------------------------------------------------------

def test_a_plan_stores_the_estimate_and_the_deadlines(db, city, event):
    application = planned(event, city, travel_cost_cents=50_000)
    # 16 participants and 2 leaders (one per 6 funded: both) × 3 days × €4.40 = €237.60; + 10% of €500.00.
    assert application.estimate_cents == 18 * 3 * 440 + 5_000 == 28_760
    assert application.apply_by == date(2031, 5, 1)         # 6 weeks before 12 June
    assert application.report_due_on == date(2031, 7, 26)   # 6 weeks after 14 June
    assert application.state == GrantState.PLANNED


def test_from_planned_to_paid_with_the_stage_on_each_day(db, city, event):
    application = planned(event, city)
    assert steps.stage(application, date(2031, 4, 30)).overdue is False
    late = steps.stage(application, date(2031, 5, 2))
    assert (late.key, late.due_on, late.overdue) == ("planned", date(2031, 5, 1), True)
    steps.apply(application, applied_on=date(2031, 4, 28), amount_cents=23_760, today=date(2031, 4, 28))
    steps.grant(application, amount_cents=20_000, reference="SP-2031-7", decided_on=date(2031, 5, 20),
                today=date(2031, 5, 20))
    assert steps.stage(application, date(2031, 6, 13)).key == "granted"   # the event is still on
    due = steps.stage(application, date(2031, 6, 15))
    assert (due.key, due.due_on, due.overdue) == ("report_due", date(2031, 7, 26), False)
    assert steps.stage(application, date(2031, 7, 27)).overdue is True
    people = [EventParticipant(proposal=event, name=f"P{i}", birth_year=2015, invited=False) for i in range(5)]
    people.append(EventParticipant(proposal=event, name="Lea", birth_year=1990, role=ParticipantRole.LEADER,
                                   invited=False))
    db.session.add_all(people)
    db.session.flush()
    outcome = steps.submit_report(application, meetings.load_participants(event.id), today=date(2031, 6, 20))
    # 5 participants and 1 leader × 3 days × €4.40 = €79.20, below the €200.00 granted.
    assert application.amount_final_cents == outcome.amount_cents == 6 * 3 * 440
    assert "5 participants × 3 days × €4.40 = €66.00" in application.final_arithmetic
    assert application.state == GrantState.REPORT_SUBMITTED
    steps.pay(application, amount_cents=7_920, paid_on=date(2031, 7, 1), today=date(2031, 7, 1))
    assert (application.state, application.amount_paid_cents, application.paid_on) == (
        GrantState.PAID, 7_920, date(2031, 7, 1))


def test_the_final_amount_is_at_most_the_grant(db, city, event):
    application = granted(db, event, city, amount=5_000)
    db.session.add_all(EventParticipant(proposal=event, name=f"P{i}", birth_year=2015, invited=False)
                       for i in range(6))
    db.session.add(EventParticipant(proposal=event, name="Lea", birth_year=1990, role=ParticipantRole.LEADER,
                                    invited=False))
    db.session.flush()
    steps.submit_report(application, meetings.load_participants(event.id), today=date(2031, 6, 20))
    assert application.amount_final_cents == 5_000
    assert "at most the €50.00 granted: €50.00" in application.final_arithmetic


@pytest.mark.parametrize("step, kwargs, field", [
    ("apply", {"applied_on": date(2031, 4, 2), "amount_cents": 100}, "applied_on"),   # tomorrow
    ("apply", {"applied_on": date(2031, 4, 1), "amount_cents": 0}, "amount"),
])
def test_an_application_is_refused_with_the_field_it_concerns(db, city, event, step, kwargs, field):
    application = planned(event, city)
    with pytest.raises(FundingError) as refused:
        getattr(steps, step)(application, today=date(2031, 4, 1), **kwargs)
    assert refused.value.field == field
    assert application.state == GrantState.PLANNED


def test_a_grant_needs_its_reference_a_refusal_its_reason_and_both_a_sent_application(db, city, event):
    application = planned(event, city)
    with pytest.raises(FundingError, match="not possible now: the application is Planned"):
        steps.grant(application, amount_cents=100, reference="X", decided_on=None, today=date(2031, 4, 1))
    steps.apply(application, applied_on=date(2031, 4, 1), amount_cents=100, today=date(2031, 4, 1))
    with pytest.raises(FundingError) as refused:
        steps.grant(application, amount_cents=100, reference="  ", decided_on=None, today=date(2031, 4, 1))
    assert refused.value.field == "reference"
    with pytest.raises(FundingError) as refused:
        steps.refuse(application, reason="", decided_on=None, today=date(2031, 4, 1))
    assert refused.value.field == "reason"
    with pytest.raises(FundingError) as refused:
        steps.refuse(application, reason="No money", decided_on=date(2031, 3, 1), today=date(2031, 4, 1))
    assert refused.value.field == "decided_on"  # before it was sent
    steps.refuse(application, reason="No money left this year.", decided_on=date(2031, 4, 1), today=date(2031, 4, 1))
    assert application.state == GrantState.REFUSED
    with pytest.raises(FundingError):
        steps.withdraw(application)


def test_the_report_waits_for_the_end_of_the_event_and_a_list(db, city, event):
    application = granted(db, event, city)
    with pytest.raises(FundingError, match="once the event has ended"):
        steps.submit_report(application, [], today=date(2031, 6, 14))
    with pytest.raises(FundingError, match="participant list of this event is empty"):
        steps.submit_report(application, [], today=date(2031, 6, 15))


def test_one_application_per_scheme_and_none_for_a_cancelled_event(db, city, event, make_proposal):
    planned(event, city)
    with pytest.raises(FundingError) as refused:
        planned(event, city)
    assert refused.value.field == "scheme_id"
    cancelled = make_proposal(ProposalState.CANCELLED, starts_at=START, ends_at=END)
    with pytest.raises(FundingError, match="cancelled"):
        planned(cancelled, city)


def test_the_event_says_who_travels_unless_it_says_both(db, city, event, make_proposal):
    from clubs_exchange.funding.terms import Direction
    from clubs_exchange.proposals.models import Direction as EventDirection

    with pytest.raises(FundingError) as refused:
        planned(event, city, direction=Direction.OUTGOING)
    assert refused.value.field == "direction"
    both = make_proposal(ProposalState.APPROVED, starts_at=START, ends_at=END, direction=EventDirection.BOTH)
    assert planned(both, city, direction=Direction.OUTGOING).direction == Direction.OUTGOING


def test_the_yearly_cap_counts_the_persons_funded_meetings_of_other_events(db, city, make_proposal, make_org):
    """Ana was on two granted events of 2031 already; the scheme funds 2 meetings a person and year: at the third
    she is listed but not funded, the others are."""
    organisation = make_org()
    events = [make_proposal(ProposalState.APPROVED, organisation=organisation, starts_at=START.replace(month=m),
                            ends_at=END.replace(month=m), participants_ours=6, participants_guests=0)
              for m in (3, 4, 6)]
    for proposal in events:
        db.session.add(EventParticipant(proposal=proposal, name="Ana Pop", birth_year=2015, invited=False))
    third = events[2]
    db.session.add_all(EventParticipant(proposal=third, name=name, birth_year=2015, invited=False)
                       for name in ("Ben", "Cleo", "Dan", "Eva"))
    db.session.add(EventParticipant(proposal=third, name="Lea", birth_year=1990, role=ParticipantRole.LEADER,
                                    invited=False))
    db.session.commit()
    first = granted(db, events[0], city)
    application = granted(db, third, city)
    listed = meetings.load_participants(third.id)
    # With one other funded meeting, Ana has room: 5 participants and 1 leader × 3 days × €4.40.
    assert steps.final_outcome(application, listed, today=date(2031, 6, 20)).amount_cents == 6 * 3 * 440
    granted(db, events[1], city)
    steps.submit_report(application, meetings.load_participants(third.id), today=date(2031, 6, 20))
    assert application.amount_final_cents == 5 * 3 * 440
    assert "1 person has had the funded meetings of this year already" in application.final_arithmetic
    # A withdrawn one does not count.
    steps.withdraw(first)
    assert steps.final_outcome(application, meetings.load_participants(third.id),
                               today=date(2031, 6, 20)).amount_cents == 6 * 3 * 440


# ---- reminders -------------------------------------------------------------------------------------------------

def _mails(db):
    from clubs_exchange.mail.models import OutboxMail

    return list(db.session.scalars(sa.select(OutboxMail).order_by(OutboxMail.id)))


def _reminders(db):
    from clubs_exchange.notifications.models import Notification, NotificationKind

    return list(db.session.scalars(sa.select(Notification).where(Notification.kind ==
                                                                 NotificationKind.FUNDING_REMINDER)))


def test_reminders_go_once_per_deadline_in_each_readers_language(db, app, city, event, make_user):
    german = make_user(event.organisation, language="de")
    english = make_user(event.organisation, language="en")
    application = planned(event, city)
    db.session.commit()
    with app.test_request_context():
        assert send_reminders(today=date(2031, 4, 10), days=14) == 0     # 1 May is 21 days away
        assert send_reminders(today=date(2031, 4, 20), days=14) == 1
        assert send_reminders(today=date(2031, 4, 21), days=14) == 0     # the same deadline: sent already
    notes = _reminders(db)
    assert sorted(n.user_id for n in notes) == sorted([german.id, english.id])
    mails = {m.recipient: m for m in _mails(db)}
    assert mails[german.email].subject == "Antrag bald fällig"
    assert "1 May 2031" in mails[english.email].text_body and "01.05.2031" in mails[german.email].text_body
    # Overdue is a reminder of its own, once.
    with app.test_request_context():
        assert send_reminders(today=date(2031, 5, 2), days=14) == 1
        assert send_reminders(today=date(2031, 5, 3), days=14) == 0
    kinds = db.session.scalars(sa.select(FundingReminder.kind).where(
        FundingReminder.application_id == application.id)).all()
    assert sorted(kinds) == [ReminderKind.APPLY_OVERDUE, ReminderKind.APPLY_SOON]


def test_a_reminder_another_run_sent_meanwhile_is_not_sent_again(db, app, city, event, make_user):
    make_user(event.organisation)
    application = planned(event, city)
    db.session.commit()
    # Another run (another host) committed the reminder while this one was on its way.
    with db.engine.begin() as other:
        other.execute(sa.insert(FundingReminder.__table__).values(
            application_id=application.id, kind=ReminderKind.APPLY_SOON.value, due_on=date(2031, 5, 1),
            sent_at=datetime(2031, 4, 20, 6, tzinfo=UTC)))
    with app.test_request_context():
        assert send_reminders(today=date(2031, 4, 20), days=14) == 0
    assert _reminders(db) == [] and _mails(db) == []


def test_the_report_is_reminded_once_the_event_has_ended(db, app, city, event, make_user):
    make_user(event.organisation)
    application = granted(db, event, city)
    with app.test_request_context():
        assert send_reminders(today=date(2031, 6, 14), days=60) == 0   # still on
        assert send_reminders(today=date(2031, 7, 20), days=14) == 1
        assert send_reminders(today=date(2031, 7, 27), days=14) == 1   # now overdue
    assert {r.kind for r in application.reminders} == {ReminderKind.REPORT_SOON, ReminderKind.REPORT_OVERDUE}


def test_send_reminders_is_a_flask_command(app, db, city, event, make_user):
    make_user(event.organisation)
    planned(event, city)
    db.session.commit()
    runner = app.test_cli_runner()
    with at(date(2031, 4, 25)):
        first = runner.invoke(args=["send-reminders"])
        second = runner.invoke(args=["send-reminders"])
    assert first.exit_code == 0 and "Funding reminders sent: 1." in first.output
    assert "Funding reminders sent: 0." in second.output


# ---- deadlines follow the event and the scheme -----------------------------------------------------------------

def test_a_moved_event_moves_its_deadlines(db, client, login_as, city, make_proposal, make_org, make_user,
                                          make_partner):
    organisation = make_org()
    secretary = make_user(organisation)
    partner = make_partner()
    draft = make_proposal(organisation=organisation, partner_city=partner, starts_at=START, ends_at=END)
    application = planned(draft, city)
    db.session.commit()
    login_as(secretary)
    with at(date(2031, 4, 1)):
        response = client.post(f"/proposals/{draft.id}/edit", data={
            "title": draft.title, "kind": "concert", "partner_city_id": partner.id, "organisation_id": organisation.id,
            "direction": "incoming", "starts_at": "2031-07-10T10:00", "ends_at": "2031-07-12T18:00",
            "venue": "Stadthalle", "participants_ours": "10", "participants_guests": "8",
            "guests_needing_host": "0", "version": draft.version})
    assert response.status_code == 303, response.get_data(as_text=True)
    db.session.refresh(application)
    assert (application.apply_by, application.report_due_on) == (date(2031, 5, 29), date(2031, 8, 23))


def test_changed_terms_move_the_deadlines(db, client, login_as, city, event, staff):
    from clubs_exchange.funding.forms import rates_text

    application = planned(event, city)
    db.session.commit()
    login_as(staff)
    response = client.post(f"/funding/schemes/{city.id}/edit", data={
        "name": city.name, "funder": city.funder, "kind": city.kind.value, "day_counting": city.day_counting.value,
        "rounding": city.rounding.value, "active": "y", "rates": rates_text(city.rates), "min_days": "3",
        "apply_weeks_before": "8", "report_weeks_after": "10"})
    assert response.status_code == 303, response.get_data(as_text=True)
    db.session.refresh(application)
    assert (application.apply_by, application.report_due_on) == (date(2031, 4, 17), date(2031, 8, 23))


# ---- the pages -------------------------------------------------------------------------------------------------

def _text(response) -> str:
    return " ".join(response.get_data(as_text=True).split())


def test_the_organisers_see_which_schemes_fit_with_verdicts_and_arithmetic(db, client, login_as, city, event,
                                                                          make_user):
    login_as(make_user(event.organisation))
    with at(date(2031, 4, 1)):
        page = _text(client.get(f"/funding/proposals/{event.id}?expected_leaders=2&travel_cost=500"))
    assert "Which schemes fit" in page
    assert "✓ Fits: an estimated €287.60." in page
    assert "16 participants × 3 days × €4.40 = €211.20" in page
    assert "+ 10% of the travel cost €500.00 = €50.00" in page
    assert "✓ met:</span> 3 days counted" in page
    assert 'name="plan-expected_leaders" type="text" value="2"' in page or 'value="2"' in page


def test_a_scheme_that_does_not_fit_says_why(db, client, login_as, city, make_proposal, make_user):
    short = make_proposal(ProposalState.APPROVED, starts_at=START, ends_at=START + timedelta(hours=5))
    login_as(make_user(short.organisation))
    with at(date(2031, 4, 1)):
        page = _text(client.get(f"/funding/proposals/{short.id}"))
    assert "✗ Does not fit as planned." in page
    assert "✗ not met:</span> 1 day counted (arrival and departure each count); at least 3 days needed." in page


def _plan_through_the_page(client, event, city):
    return client.post(f"/funding/proposals/{event.id}/plan", data={
        "plan-scheme_id": city.id, "plan-expected_leaders": "2", "plan-travel_cost": "500,00"})


def test_an_organiser_plans_and_applies_and_staff_grant_through_the_page(db, client, login_as, city, event,
                                                                         make_user, staff):
    login_as(make_user(event.organisation))
    with at(date(2031, 4, 1)):
        response = _plan_through_the_page(client, event, city)
        assert response.status_code == 303
        application = db.session.scalar(sa.select(FundingApplication))
        assert (application.estimate_cents, application.apply_by) == (28_760, date(2031, 5, 1))
        page = _text(client.get(f"/funding/proposals/{event.id}"))
        assert "Record as applied" in page and "Record the grant" not in page   # the funder decides, staff record
        response = client.post(f"/funding/applications/{application.id}/apply", data={
            "version": application.version, "applied_on": "2031-03-30", "amount": "287,60"})
        assert response.status_code == 303
        login_as(staff)
        page = _text(client.get(f"/funding/proposals/{event.id}"))
        assert "Record the grant" in page and "Record the refusal" in page
        response = client.post(f"/funding/applications/{application.id}/grant", data={
            "version": application.version, "decided_on": "2031-04-01", "amount": "250", "reference": "SP-2031-7"})
        assert response.status_code == 303
    db.session.refresh(application)
    assert (application.state, application.amount_granted_cents, application.reference) == (
        GrantState.GRANTED, 25_000, "SP-2031-7")
    from clubs_exchange.audit.models import AuditEntry

    trail = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.object_type == "funding_application")).all()
    assert len(trail) == 3 and {e.parent_type for e in trail} == {"proposal"}
    assert trail[-1].changes["state"] == ["applied", "granted"]


def test_bad_input_comes_back_by_the_field_with_the_entries_kept(db, client, login_as, city, event, make_user,
                                                                htmx_headers):
    application = planned(event, city)
    db.session.commit()
    login_as(make_user(event.organisation))
    with at(date(2031, 4, 1)):
        response = client.post(f"/funding/applications/{application.id}/apply", data={
            "version": application.version, "applied_on": "2031-04-09", "amount": "zwölf Euro"})
        page = _text(response)
        assert response.status_code == 422
        assert f'id="a{application.id}-apply-amount-error"' in page
        assert 'value="zwölf Euro"' in page and 'value="2031-04-09"' in page
        response = client.post(f"/funding/applications/{application.id}/apply", data={
            "version": application.version, "applied_on": "2031-04-09", "amount": "120"}, headers=htmx_headers)
        fragment = _text(response)
        assert response.status_code == 422 and "<html" not in fragment
        assert (f'<p class="error" id="a{application.id}-apply-applied_on-error">This date lies in the future.</p>'
                in fragment)
    db.session.refresh(application)
    assert application.state == GrantState.PLANNED


def test_a_step_on_an_application_changed_meanwhile_is_refused(db, client, login_as, city, event, staff):
    application = planned(event, city)
    db.session.commit()
    seen = application.version  # the page was loaded while it was planned
    steps.apply(application, applied_on=date(2031, 4, 1), amount_cents=100, today=date(2031, 4, 1))
    db.session.commit()
    login_as(staff)
    with at(date(2031, 4, 2)):
        response = client.post(f"/funding/applications/{application.id}/refuse", data={
            "version": seen, "decided_on": "2031-04-02", "reason": "No money left."})
    assert response.status_code == 409
    assert "changed by" in _text(response)
    db.session.refresh(application)
    assert application.state == GrantState.APPLIED


def test_the_report_through_the_page_computes_the_final_amount(db, client, login_as, city, event, make_user):
    application = granted(db, event, city)
    db.session.add_all(EventParticipant(proposal=event, name=f"P{i}", birth_year=2015, invited=False)
                       for i in range(5))
    db.session.add(EventParticipant(proposal=event, name="Lea", birth_year=1990, role=ParticipantRole.LEADER,
                                    invited=False))
    db.session.commit()
    login_as(make_user(event.organisation))
    with at(date(2031, 6, 20)):
        page = _text(client.get(f"/funding/proposals/{event.id}"))
        assert "Report due" in page and "6 people listed" in page
        response = client.post(f"/funding/applications/{application.id}/report",
                               data={"version": application.version})
        assert response.status_code == 303
        page = _text(client.get(f"/funding/proposals/{event.id}"))
    assert "Final amount</dt><dd><strong>€79.20</strong>" in page
    assert "<li>5 participants × 3 days × €4.40 = €66.00</li>" in page


def test_deadlines_on_the_proposal_the_organisation_and_the_staff_start_page(db, client, login_as, city, event,
                                                                            make_user, staff, make_proposal):
    planned(event, city)
    db.session.commit()
    login_as(make_user(event.organisation))
    with at(date(2031, 5, 3)):
        proposal_page = _text(client.get(f"/proposals/{event.id}"))
        organisation_page = _text(client.get(f"/organisations/{event.organisation_id}"))
        login_as(staff)
        start_page = _text(client.get("/"))
    for page in (proposal_page, organisation_page, start_page):
        assert "Apply by 1 May 2031 <strong class=\"overdue\">⚠ Overdue</strong>" in page
    assert f'href="/funding/proposals/{event.id}"' in proposal_page
    assert "Funding deadlines due or overdue" in start_page


def test_others_neither_see_the_funding_section_nor_the_page(db, client, login_as, city, event, make_user,
                                                            make_org):
    planned(event, city)
    db.session.commit()
    login_as(make_user(make_org()))
    assert "Funding" not in _text(client.get(f"/proposals/{event.id}")).split("</nav>")[-1]
    assert client.get(f"/funding/proposals/{event.id}").status_code == 404


def test_the_funding_page_keeps_its_queries_with_more_schemes_and_applications(db, client, login_as, staff,
                                                                              make_proposal):
    from bench.pages import counting_statements
    from clubs_exchange.funding.presets import YOUTH_OFFICE

    event = make_proposal(ProposalState.APPROVED, starts_at=START, ends_at=END)
    login_as(staff)

    def add(n):
        for i in range(n):
            scheme = FundingScheme.from_terms(YOUTH_OFFICE if i % 2 else CITY_GUIDELINE, active=True)
            scheme.name = f"Scheme {scheme.name} {db.session.scalar(sa.select(sa.func.count(FundingScheme.id)))}"
            db.session.add(scheme)
            db.session.flush()
            application = planned(event, scheme)
            if i % 3 == 0:
                steps.apply(application, applied_on=date(2031, 4, 1), amount_cents=100, today=date(2031, 4, 1))
        db.session.commit()

    def count():
        with at(date(2031, 4, 2)), counting_statements(db.engine) as counter:
            response = client.get(f"/funding/proposals/{event.id}")
        assert response.status_code == 200
        return counter["n"], len(response.data)

    add(1)
    few, small = count()
    add(6)
    many, big = count()
    assert big > small
    assert few == many <= 12


def test_a_planned_applications_figures_change_its_estimate(db, client, login_as, city, event, make_user):
    application = planned(event, city)
    db.session.commit()
    login_as(make_user(event.organisation))
    with at(date(2031, 4, 1)):
        page = _text(client.get(f"/funding/proposals/{event.id}"))
        assert "Change the figures of the estimate" in page
        response = client.post(f"/funding/applications/{application.id}/plan", data={
            "version": application.version, "expected_leaders": "99"})
        assert response.status_code == 422
        assert "More leaders than people expected (18)." in _text(response)
        response = client.post(f"/funding/applications/{application.id}/plan", data={
            "version": application.version, "expected_leaders": "2", "travel_cost": "500"})
        assert response.status_code == 303
    db.session.refresh(application)
    assert application.estimate_cents == 28_760


def test_the_demo_holds_applications_in_every_stage_and_their_reminders(db, demo):
    today = clock.today()
    rows = db.session.scalars(sa.select(FundingApplication)).all()
    shown = {steps.stage(a, today).key for a in rows}
    assert shown >= {"planned", "applied", "refused", "report_due", "report_submitted", "paid"}
    assert any(steps.stage(a, today).overdue for a in rows if a.state == GrantState.PLANNED)
    assert any(steps.stage(a, today).overdue for a in rows if a.state == GrantState.GRANTED)
    assert all(a.final_arithmetic for a in rows if a.state in (GrantState.REPORT_SUBMITTED, GrantState.PAID))
    sent = db.session.scalars(sa.select(FundingReminder.kind)).all()
    assert {ReminderKind.APPLY_SOON, ReminderKind.APPLY_OVERDUE, ReminderKind.REPORT_OVERDUE} <= set(sent)
    assert _reminders(db)


def test_staff_are_warned_before_and_after_a_grant_beyond_the_schemes_budget(db, client, login_as, city, event,
                                                                            staff, make_user):
    """The budget (part 5) where the grant is recorded: granting what was applied for would leave less than
    nothing of the scheme's money for the event's year; the grant is recorded all the same (the funder decided)."""
    from clubs_exchange.funding.models import FundingBudget

    db.session.add(FundingBudget(scheme_id=city.id, year=2031, amount_cents=20_000))
    application = planned(event, city)
    steps.apply(application, applied_on=date(2031, 4, 1), amount_cents=28_760, today=date(2031, 4, 1))
    db.session.commit()
    login_as(make_user(event.organisation))
    assert "budget" not in _text(client.get(f"/funding/proposals/{event.id}"))  # the budget is the office's
    login_as(staff)
    with at(date(2031, 4, 2)):
        page = _text(client.get(f"/funding/proposals/{event.id}"))
        assert "Granting €287.60 leaves -€87.60 of the €200.00 budget for 2031." in page
        response = client.post(f"/funding/applications/{application.id}/grant", data={
            "version": application.version, "decided_on": "2031-04-02", "amount": "250", "reference": "SP-9"},
            follow_redirects=True)
    page = _text(response)
    assert "The grant is recorded." in page and "Granting €250.00 leaves -€50.00 of the €200.00 budget" in page
    db.session.refresh(application)
    assert application.state == GrantState.GRANTED


def test_the_report_and_the_estimate_name_the_leader_ratio_once(db, client, login_as, city, event, make_user):
    """The leader ratio is a rule's verdict: the report's lines and the estimate's say it once, with its mark."""
    application = granted(db, event, city)
    db.session.add_all(EventParticipant(proposal=event, name=f"P{i}", birth_year=2015, invited=False)
                       for i in range(5))
    db.session.add(EventParticipant(proposal=event, name="Lea", birth_year=1990, role=ParticipantRole.LEADER,
                                    invited=False))
    db.session.flush()
    steps.submit_report(application, meetings.load_participants(event.id), today=date(2031, 6, 20))
    lines = application.final_arithmetic.splitlines()
    assert [line for line in lines if "within 1 per 6" in line] == ["✓ 1 of 1 leader within 1 per 6."]
    assert len(lines) == len(set(lines))
    db.session.commit()
    login_as(make_user(event.organisation))
    with at(date(2031, 4, 1)):
        page = _text(client.get(f"/funding/proposals/{event.id}?expected_leaders=2"))
    assert page.count("2 of 2 leaders within 1 per 6.") == 1


def test_a_withdrawn_application_leaves_the_scheme_free_to_plan_again_and_stays_in_the_history(db, city, event):
    first = planned(event, city)
    steps.withdraw(first)
    db.session.commit()
    again = planned(event, city)
    db.session.commit()
    assert again.id != first.id and again.state == GrantState.PLANNED
    assert [a.state for a in steps.applications_of_event(event.id)] == [GrantState.WITHDRAWN, GrantState.PLANNED]
    with pytest.raises(FundingError) as refused:   # still one open application per scheme
        planned(event, city)
    assert refused.value.field == "scheme_id"


def test_the_database_keeps_one_application_per_scheme_that_is_not_withdrawn(db, city, event):
    def add(state):
        db.session.add(FundingApplication(proposal=event, scheme=city, state=state, direction=steps.meetings
                                          .default_direction(event)))
        db.session.flush()

    add(GrantState.WITHDRAWN)
    add(GrantState.WITHDRAWN)
    add(GrantState.PLANNED)
    with pytest.raises(sa.exc.IntegrityError):
        add(GrantState.APPLIED)
    db.session.rollback()


def test_after_a_withdrawal_the_page_plans_the_scheme_anew_and_shows_both(db, client, login_as, city, event,
                                                                            make_user):
    first = planned(event, city)
    steps.withdraw(first)
    db.session.commit()
    login_as(make_user(event.organisation))
    with at(date(2031, 4, 1)):
        page = _text(client.get(f"/funding/proposals/{event.id}"))
        assert "Plan the application" in page and f'<option value="{city.id}">' in page
        assert _plan_through_the_page(client, event, city).status_code == 303
        page = _text(client.get(f"/funding/proposals/{event.id}"))
        signatures = _text(client.get(f"/funding/proposals/{event.id}/participants/signatures"))
    again = db.session.scalars(sa.select(FundingApplication).where(FundingApplication.id != first.id)).one()
    assert f'id="application-{first.id}"' in page and f'id="application-{again.id}"' in page
    assert "state-funding-withdrawn" in page and "state-funding-planned" in page
    assert "Plan the application" not in page   # the only scheme has its open application again
    assert f"/funding/applications/{again.id}/withdraw" in page and f"/funding/applications/{first.id}/" not in page
    assert "with the figures of its application" in page
    choice = signatures.split("Funder in the header:")[1].split("</p>")[0]   # the new one, not the withdrawn
    assert choice.count(f"{city.funder}: {city.name}") == 1
