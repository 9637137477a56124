"""The calendar's list and event pages through the test client: dates, filters, paging, who sees what."""

import re
from datetime import timedelta

import pytest
from babel.dates import format_date

from clubs_exchange import clock
from clubs_exchange.clock import local, utcnow
from clubs_exchange.proposals.models import EventKind, ProposalState
from tests.helpers import cancel, counted_statements

# --- the list -----------------------------------------------------------------------------------------------


@pytest.fixture
def season(approved, make_partner):
    """Events last year, this month, next month and next year, relative to today."""
    now = utcnow()
    partner = make_partner(name="Lyon")
    return {
        "past": approved(title="Visit of last year", starts_at=now - timedelta(days=400), partner_city=partner),
        "soon": approved(title="Soon concert", starts_at=now + timedelta(days=3)),
        "later": approved(title="Later match", starts_at=now + timedelta(days=40), partner_city=partner),
        "far": approved(title="Far festival", starts_at=now + timedelta(days=400)),
    }


def test_the_list_shows_upcoming_events_grouped_by_month(login_as, member, season):
    response = login_as(member).get("/calendar/list")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Visit of last year" not in html
    assert html.index("Soon concert") < html.index("Later match") < html.index("Far festival")
    months = re.findall(r'<h2 id="list-month-\d+">([^<]+)</h2>', html)
    assert len(months) == len(set(months)) >= 2
    soon_month = local(season["soon"].starts_at).strftime("%B %Y")
    assert months[0] == soon_month
    today = clock.today()
    assert f"Events from {format_date(today, 'medium', locale='en_GB')} on." in html  # "2 Dec 2026"


def test_the_list_between_two_dates(login_as, member, season):
    far = local(season["far"].starts_at).date()
    html = login_as(member).get(f"/calendar/list?from={far.isoformat()}&to={far.isoformat()}").get_data(as_text=True)
    assert "Far festival" in html
    assert "Soon concert" not in html and "Later match" not in html


def test_an_emptied_from_date_shows_past_events_too(login_as, member, season):
    html = login_as(member).get("/calendar/list?from=").get_data(as_text=True)
    assert "Visit of last year" in html and "Far festival" in html
    assert "All events." in html


def test_the_list_keeps_the_filters(login_as, member, season):
    lyon = season["later"].partner_city
    html = login_as(member).get(f"/calendar/list?partner={lyon.id}").get_data(as_text=True)
    assert "Later match" in html and "Soon concert" not in html
    today = clock.today()
    assert f'href="/calendar/?year={today.year}&amp;month={today.month}&amp;partner={lyon.id}"' in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("from=yesterday", "Not a valid date value."),
        ("to=2031-02-30", "Not a valid date value."),
        ("from=0001-01-01", "Choose a date between 1900 and 2200."),
        ("to=9999-12-31", "Choose a date between 1900 and 2200."),
        ("from=2031-06-10&to=2031-06-01", "The end date must not be before the start date."),
        ("from=" + "1" * 10_000, "Not a valid date value."),
    ],
)
def test_bad_dates_in_the_list_give_a_message_not_an_error(login_as, member, season, query, message):
    response = login_as(member).get(f"/calendar/list?{query}")
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert message in html
    assert 'aria-invalid="true"' in html


def test_the_list_is_paginated(app, login_as, member, approved):
    app.config["PAGE_SIZE"] = 2
    now = utcnow()
    for n in range(5):
        approved(title=f"Event number {n}", starts_at=now + timedelta(days=n + 1))
    client = login_as(member)
    first = client.get("/calendar/list").get_data(as_text=True)
    assert "Event number 0" in first and "Event number 2" not in first
    assert "Page 1 of 3" in first
    next_link = re.search(r'<a href="([^"]+)" rel="next">', first).group(1).replace("&amp;", "&")
    assert "page=2" in next_link and "from=" in next_link
    second = client.get(next_link).get_data(as_text=True)
    assert "Event number 2" in second and "Event number 0" not in second


def test_htmx_filtering_of_the_list_gets_only_the_list(login_as, member, htmx_headers, season):
    html = login_as(member).get("/calendar/list?kind=match", headers=htmx_headers).get_data(as_text=True)
    assert "<html" not in html and '<div id="calendar_list">' in html


def test_the_list_needs_the_same_number_of_queries_for_3_and_30_events(
    page_cache_off, db, login_as, member, approved, make_org
):
    partner_org = make_org()
    now = utcnow()
    for n in range(3):
        approved(starts_at=now + timedelta(days=n + 1), co_organisers=[partner_org])
    client = login_as(member)
    client.get("/calendar/list")
    with counted_statements(db.engine) as few:
        assert client.get("/calendar/list").status_code == 200
    for n in range(27):
        approved(starts_at=now + timedelta(days=n + 5), co_organisers=[partner_org])
    with counted_statements(db.engine) as many:
        html = client.get("/calendar/list").get_data(as_text=True)
    assert html.count('href="/calendar/event/') == 30
    assert len(many) == len(few), many


# --- the event page -------------------------------------------------------------------------------------------


def test_the_event_page_tells_what_where_when_and_who(login_as, member, approved, make_org, make_partner):
    lyon = make_partner(name="Lyon", country="France")
    host, guest_choir = make_org(name="Kammerchor"), make_org(name="Jugendchor")
    event = approved(title="Summer concert", kind=EventKind.CONCERT, venue="Town hall", partner_city=lyon,
                     organisation=host, co_organisers=[guest_choir], participants_ours=30,
                     participants_guests=25, description="Two choirs.\nOne evening.")
    response = login_as(member).get(f"/calendar/event/{event.id}")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "<h1><span>Summer concert</span>" in html
    assert "Concert" in html and "Town hall" in html
    assert "12 Jun 2031, 18:00\u201321:00" in html
    assert f'<a href="/partners/{lyon.id}">Lyon</a> (France)' in html
    assert f'<a href="/organisations/{host.id}">Kammerchor</a> with <a href="/organisations/{guest_choir.id}">' in html
    assert "30 from our city, 25 guests" in html
    assert "<p>Two choirs.</p><p>One evening.</p>" in html
    assert f'href="/calendar/event/{event.id}.ics"' in html
    # Not an organiser, not staff: no way into the proposal, no cancel link.
    assert f'href="/proposals/{event.id}"' not in html
    assert "Cancel event" not in html
    assert 'href="/calendar/?year=2031&amp;month=6"' in html


def test_organisers_and_staff_find_the_proposal_and_staff_may_cancel(login_as, make_user, staff, approved):
    event = approved()
    organiser = make_user(event.organisation)
    organiser_html = login_as(organiser).get(f"/calendar/event/{event.id}").get_data(as_text=True)
    assert f'href="/proposals/{event.id}"' in organiser_html
    assert "Cancel event" not in organiser_html
    staff_html = login_as(staff).get(f"/calendar/event/{event.id}").get_data(as_text=True)
    assert f'href="/proposals/{event.id}"' in staff_html
    assert f'href="/review/{event.id}/cancel">Cancel event</a>' in staff_html


def test_a_cancelled_event_says_so_and_why(db, login_as, staff, member, approved):
    event = approved(title="Open-air concert")
    cancel(db, event, staff, reason="Storm warning for the whole weekend.")
    html = login_as(member).get(f"/calendar/event/{event.id}").get_data(as_text=True)
    assert '<span class="event-cancelled">Open-air concert</span>' in html
    assert ">Cancelled</span>" in html and "This event is cancelled." in html
    assert "Storm warning for the whole weekend." in html
    staff_html = login_as(staff).get(f"/calendar/event/{event.id}").get_data(as_text=True)
    assert "Cancel event" not in staff_html  # it is cancelled already


@pytest.mark.parametrize("state", [ProposalState.DRAFT, ProposalState.SUBMITTED, ProposalState.REJECTED,
                                   ProposalState.WITHDRAWN, ProposalState.CHANGES_REQUESTED])
def test_a_proposal_outside_the_calendar_is_not_an_event(login_as, make_proposal, make_user, member, staff, state):
    proposal = make_proposal(state=state)
    assert login_as(member).get(f"/calendar/event/{proposal.id}").status_code == 404
    organiser = make_user(proposal.organisation)
    response = login_as(organiser).get(f"/calendar/event/{proposal.id}")
    assert response.status_code == 302 and response.headers["Location"] == f"/proposals/{proposal.id}"
    response = login_as(staff).get(f"/calendar/event/{proposal.id}")
    assert response.status_code == 302 and response.headers["Location"] == f"/proposals/{proposal.id}"


@pytest.mark.parametrize("ident", ["999999", "abc", "1.5", "-1", "9" * 40])
def test_unknown_events_are_404(login_as, member, ident):
    assert login_as(member).get(f"/calendar/event/{ident}").status_code == 404
    assert login_as(member).get(f"/calendar/event/{ident}.ics").status_code == 404


def test_one_event_as_ics_to_add_to_a_calendar(login_as, member, approved):
    from icalendar import Calendar

    event = approved(title="Summer concert")
    response = login_as(member).get(f"/calendar/event/{event.id}.ics")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    events = Calendar.from_ical(response.data).walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == ["Summer concert"]
    assert str(events[0]["UID"]) == f"proposal-{event.id}@clubs-exchange"


@pytest.mark.parametrize("page", ["abc", "-1", "0", "99999", "9" * 30])
def test_odd_page_numbers_in_the_list_are_no_error(login_as, member, season, page):
    # Not a number: the first page; past the end: the last. The list's one page either way, never an empty one.
    response = login_as(member).get(f"/calendar/list?page={page}")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Soon concert" in html
    assert "No event matches." not in html
