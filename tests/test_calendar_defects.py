"""Calendar defects of issue 10: a title with a line break, a feed that stayed on 304 after a rename,
events hidden behind "more", the list's venue, the subscribe page's steps."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from icalendar import Calendar

from clubs_exchange.auth.models import UserRole
from clubs_exchange.clock import utcnow
from clubs_exchange.proposals.models import ProposalAction, ProposalState
from clubs_exchange.proposals.workflow import perform


@pytest.fixture
def staff(make_user):
    return make_user(role=UserRole.STAFF)


@pytest.fixture
def approved(make_proposal):
    def make(**fields):
        fields.setdefault("starts_at", utcnow() + timedelta(days=10))
        return make_proposal(state=ProposalState.APPROVED, **fields)

    return make


# --- one event's iCalendar file ---------------------------------------------------------------------------


def test_the_ics_of_an_event_whose_title_holds_a_line_break_downloads(client, login_as, staff, approved):
    event = approved(title="Summer concert\nin the park", venue="Town hall\r\nMarkt 1")
    login_as(staff)
    response = client.get(f"/calendar/event/{event.id}.ics")
    assert response.status_code == 200
    calendar = Calendar.from_ical(response.data)
    assert str(calendar["X-WR-CALNAME"]) == "Summer concert in the park"
    [vevent] = calendar.walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "Summer concert in the park"
    assert str(vevent["LOCATION"]) == "Town hall Markt 1"


def test_a_partner_city_with_a_line_break_in_its_name_still_has_a_feed(client, staff, approved, make_partner):
    partner = make_partner(name="Saint-Denis\nla Réunion")
    approved(title="Visit", partner_city=partner)
    response = client.get(f"/calendar/feed/{staff.calendar_token}/partner/{partner.id}.ics")
    assert response.status_code == 200
    assert "Saint-Denis la Réunion" in str(Calendar.from_ical(response.data)["X-WR-CALNAME"])


# --- the feed's ETag follows everything the feed shows ----------------------------------------------------


def _poll(client, url, etag=None):
    return client.get(url, headers={"If-None-Match": etag} if etag else {})


def _description(response) -> str:
    """The one event's DESCRIPTION, unfolded (iCalendar folds long lines)."""
    [event] = Calendar.from_ical(response.data).walk("VEVENT")
    return str(event["DESCRIPTION"])


def test_renaming_the_partner_city_changes_the_feed(db, client, staff, approved, make_partner):
    partner = make_partner(name="Lyon", country="France")
    approved(title="Summer concert", partner_city=partner)
    url = f"/calendar/feed/{staff.calendar_token}.ics"
    first = _poll(client, url)
    assert "Partner city: Lyon (France)" in _description(first)
    assert _poll(client, url, first.headers["ETag"]).status_code == 304

    partner.name = "Lyon Métropole"
    db.session.commit()
    again = _poll(client, url, first.headers["ETag"])
    assert again.status_code == 200  # not "nothing changed"
    assert "Partner city: Lyon Métropole (France)" in _description(again)
    assert again.headers["ETag"] != first.headers["ETag"]
    # and the partner city's own feed, whose name carries the city's name
    own = _poll(client, f"/calendar/feed/{staff.calendar_token}/partner/{partner.id}.ics")
    assert "Lyon Métropole" in str(Calendar.from_ical(own.data)["X-WR-CALNAME"])


def test_renaming_an_organiser_or_co_organiser_changes_the_feed(db, client, staff, approved, make_org):
    host, guest = make_org(name="Kammerchor"), make_org(name="Jugendchor")
    approved(title="Summer concert", organisation=host, co_organisers=[guest])
    url = f"/calendar/feed/{staff.calendar_token}.ics"
    first = _poll(client, url)
    assert "Organisers: Kammerchor, Jugendchor" in _description(first)

    host.name = "Kammerchor Testhausen"
    db.session.commit()
    second = _poll(client, url, first.headers["ETag"])
    assert second.status_code == 200
    assert "Organisers: Kammerchor Testhausen, Jugendchor" in _description(second)

    guest.name = "Jugendchor Lyon"
    db.session.commit()
    third = _poll(client, url, second.headers["ETag"])
    assert third.status_code == 200
    assert "Organisers: Kammerchor Testhausen, Jugendchor Lyon" in _description(third)
    assert len({first.headers["ETag"], second.headers["ETag"], third.headers["ETag"]}) == 3


def test_another_co_organiser_changes_the_feed(db, client, staff, approved, make_org):
    first_guest, second_guest = make_org(name="Jugendchor"), make_org(name="Posaunenchor")
    event = approved(title="Summer concert", organisation=make_org(name="Kammerchor"), co_organisers=[first_guest])
    url = f"/calendar/feed/{staff.calendar_token}.ics"
    first = _poll(client, url)
    event.co_organisers = [second_guest]
    db.session.commit()
    second = _poll(client, url, first.headers["ETag"])
    assert second.status_code == 200
    assert "Organisers: Kammerchor, Posaunenchor" in _description(second)


def test_an_unrelated_change_keeps_the_feed_on_304(db, client, staff, approved, make_org, make_partner):
    approved(title="Summer concert")
    url = f"/calendar/feed/{staff.calendar_token}.ics"
    first = _poll(client, url)
    make_org(name="A club without events")
    make_partner(name="A partner without events")
    assert _poll(client, url, first.headers["ETag"]).status_code == 304


# --- the month grid: active events before cancelled ones ------------------------------------------------------


def test_a_newly_approved_event_is_not_hidden_behind_cancelled_ones(db, client, login_as, staff, make_proposal):
    day = datetime(2031, 6, 12, 8, 0, tzinfo=UTC)
    for n in range(6):
        event = make_proposal(state=ProposalState.APPROVED, title=f"Called off {n}", starts_at=day + timedelta(hours=n))
        perform(event, ProposalAction.CANCEL, actor=staff, is_proposer=False, is_staff=True, comment="Rain.")
    db.session.commit()
    make_proposal(state=ProposalState.APPROVED, title="Late concert", starts_at=day + timedelta(hours=10))
    login_as(staff)
    page = client.get("/calendar/?year=2031&month=6").get_data(as_text=True)
    assert "Late concert" in page  # among the four the cell names, not behind "3 more"
    # The cancelled ones are still there, struck through, and the "more" link counts the rest.
    assert "Called off 0" in page
    assert re.search(r"\b3 more\b", page)


# --- the list: a venue column ---------------------------------------------------------------------------------


def test_the_list_shows_each_events_venue(client, login_as, staff, approved):
    approved(title="Summer concert", venue="Town hall, Markt 1")
    approved(title="Match", venue="")
    login_as(staff)
    page = client.get("/calendar/list").get_data(as_text=True)
    assert re.search(r'<th scope="col">\s*Venue\s*</th>', page)
    assert "<td>Town hall, Markt 1</td>" in page


# --- the subscribe page: steps per program, the address to copy -----------------------------------------------


def test_the_subscribe_page_gives_steps_for_four_programs_and_a_field_to_copy(app, client, login_as, staff):
    app.config["BASE_URL"] = "https://twinning.testhausen.example"
    login_as(staff)
    page = client.get("/calendar/subscribe").get_data(as_text=True)
    for program in ("Outlook", "Google Calendar", "Thunderbird", "Apple Calendar"):
        assert re.search(rf"<h3[^>]*>[^<]*{program}", page), program
    assert page.count("<ol") >= 4
    whole = f"https://twinning.testhausen.example/calendar/feed/{staff.calendar_token}.ics"
    field = re.search(r'<input[^>]*id="feed-all"[^>]*>', page).group(0)
    assert f'value="{whole}"' in field and "readonly" in field
    assert "onfocus" not in page and "onclick" not in page  # no inline handlers (CSP)
    assert re.search(r'<button[^>]*data-copy="feed-all"', page)
    assert '<script src="/static/js/copy-field.js"' in page


def test_a_renamed_organisation_shows_in_the_months_filter(db, client, login_as, staff, make_proposal, make_org):
    """The month's grid is kept per process with the organisations it offers: a rename must not stay behind."""
    choir = make_org(name="Kammerchor")
    make_proposal(state=ProposalState.APPROVED, organisation=choir, starts_at=datetime(2031, 6, 12, 16, tzinfo=UTC))
    login_as(staff)
    assert ">Kammerchor</option>" in client.get("/calendar/?year=2031&month=6").get_data(as_text=True)
    choir.name = "Kammerchor am Markt"
    db.session.commit()
    page = client.get("/calendar/?year=2031&month=6").get_data(as_text=True)
    assert ">Kammerchor am Markt</option>" in page and ">Kammerchor</option>" not in page
