"""iCalendar feeds: parsed back with icalendar; tokens instead of cookies; ETag and 304; new addresses."""

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from icalendar import Calendar

from clubs_exchange.calendar.ics import build_calendar, build_calendar_whole, event_texts, event_uid
from clubs_exchange.clock import utcnow
from clubs_exchange.proposals.models import EventKind, ProposalAction, ProposalState
from clubs_exchange.proposals.workflow import perform


@pytest.fixture
def approved(approved):
    """Events of the coming weeks: the feed holds what is ahead."""
    def make(**fields):
        fields.setdefault("starts_at", utcnow() + timedelta(days=10))
        return approved(**fields)

    return make


def cancel(db, proposal, staff, reason="The hall is flooded."):
    perform(proposal, ProposalAction.CANCEL, actor=staff, is_proposer=False, is_staff=True, comment=reason)
    db.session.commit()


def feed_url(user, **query) -> str:
    suffix = "".join(f"&{k}={v}" for k, v in query.items()).replace("&", "?", 1)
    return f"/calendar/feed/{user.calendar_token}.ics{suffix}"


def events_of(response) -> dict[str, object]:
    """The VEVENTs of a feed by SUMMARY."""
    calendar = Calendar.from_ical(response.data)
    return {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}


# --- the iCalendar text itself ------------------------------------------------------------------------------


def test_the_calendar_parses_back_with_everything_a_program_needs(app, db, staff, make_proposal, make_org,
                                                                  make_partner):
    lyon = make_partner(name="Lyon", country="France")
    guests = make_org(name="Jugendchor")
    concert = make_proposal(
        state=ProposalState.APPROVED, title="Summer concert", kind=EventKind.CONCERT, venue="Town hall, Markt 1",
        partner_city=lyon, organisation=make_org(name="Kammerchor"), co_organisers=[guests],
        starts_at=datetime(2031, 6, 12, 16, 0, tzinfo=UTC), ends_at=datetime(2031, 6, 12, 19, 0, tzinfo=UTC),
        description="Two choirs, one evening.",
    )
    match = make_proposal(state=ProposalState.APPROVED, title="Friendly match",
                          starts_at=datetime(2031, 12, 6, 13, 0, tzinfo=UTC))
    cancel(db, match, staff, reason="Pitch frozen.")

    text = build_calendar(
        [concert, match], name="Testhausen · Partnership calendar", tz_name="Europe/Berlin",
        event_url=lambda p: f"https://example.org/calendar/event/{p.id}", today=date(2031, 1, 1),
    )
    calendar = Calendar.from_ical(text)
    assert str(calendar["VERSION"]) == "2.0"
    assert "Partnership calendar" in str(calendar["PRODID"])
    assert str(calendar["X-WR-CALNAME"]) == "Testhausen · Partnership calendar"
    assert str(calendar["X-WR-TIMEZONE"]) == "Europe/Berlin"
    assert [tz.tz_name for tz in calendar.timezones] == ["Europe/Berlin"]
    assert calendar.get_missing_tzids() == set()

    events = {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}
    summer = events["Summer concert"]
    assert str(summer["UID"]) == f"proposal-{concert.id}@clubs-exchange"
    assert summer["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert summer.decoded("DTSTART") == datetime(2031, 6, 12, 16, 0, tzinfo=UTC)
    assert summer.decoded("DTSTART").hour == 18  # shown in the city's time, summer time
    assert summer.decoded("DTEND") == datetime(2031, 6, 12, 19, 0, tzinfo=UTC)
    assert b"DTSTART;TZID=Europe/Berlin:20310612T180000" in text
    changed = concert.updated_at.replace(microsecond=0)  # iCalendar counts in whole seconds
    assert summer.decoded("DTSTAMP") == changed
    assert summer.decoded("LAST-MODIFIED") == changed
    assert re.search(rb"DTSTAMP:\d{8}T\d{6}Z", text)
    assert str(summer["LOCATION"]) == "Town hall, Markt 1"
    assert str(summer["STATUS"]) == "CONFIRMED"
    assert str(summer["URL"]) == f"https://example.org/calendar/event/{concert.id}"
    description = str(summer["DESCRIPTION"])
    for part in ("Kind: Concert", "Partner city: Lyon (France)", "Organisers: Kammerchor, Jugendchor",
                 "Two choirs, one evening."):
        assert part in description

    frozen = events["Friendly match"]
    assert str(frozen["STATUS"]) == "CANCELLED"
    assert "Cancelled: Pitch frozen." in str(frozen["DESCRIPTION"])
    assert frozen.decoded("DTSTART").hour == 14  # winter time
    assert frozen.decoded("SEQUENCE") == 1  # one step (the cancellation) after the creation


def _varied_events(db, staff, make_proposal, make_org, make_partner):
    """Events with what iCalendar escapes and folds: commas, semicolons, backslashes, line breaks, long text in
    several scripts, a translation, a foreign original, a cancellation, co-organisers, no venue."""
    from clubs_exchange.localised.models import TextTranslation, TranslatedField

    lyon = make_partner(name="Lyon; Rhône, France", country="France")
    long_title = "Großes Sommerkonzert der Partnerstädte — Chöre, Orchester; Bühne \\ Saal " + "ăîșț ÄÖÜ € " * 6
    concert = make_proposal(
        state=ProposalState.APPROVED, title=long_title, kind=EventKind.CONCERT, venue="Town hall, Markt 1; Saal 2",
        partner_city=lyon, organisation=make_org(name="Kammerchor, e.V."),
        co_organisers=[make_org(name="Jugendchor"), make_org(name="Bläser; Nord")],
        starts_at=datetime(2031, 6, 12, 16, 0, tzinfo=UTC), ends_at=datetime(2031, 6, 13, 1, 0, tzinfo=UTC),
        description="Two choirs,\none evening;\n\n" + "Lange Beschreibung mit Umlauten äöü. " * 10, language="de",
    )
    db.session.add(TextTranslation(proposal_id=concert.id, field=TranslatedField.TITLE, language="en",
                                   text="Big summer concert", written_by_id=staff.id))
    plain = make_proposal(state=ProposalState.APPROVED, title="Friendly match", venue=None,
                          starts_at=datetime(2031, 12, 6, 13, 0, tzinfo=UTC))
    frozen = make_proposal(state=ProposalState.APPROVED, title="Winter match",
                           starts_at=datetime(2032, 1, 6, 13, 0, tzinfo=UTC))
    db.session.commit()
    cancel(db, frozen, staff, reason="Pitch frozen, sorry;\nnext year.")
    return [concert, plain, frozen]


def test_the_feed_is_byte_for_byte_what_one_icalendar_calendar_writes(app, db, staff, make_proposal, make_org,
                                                                       make_partner):
    """build_calendar joins VEVENTs serialized one by one (and remembered); the plain way, one Calendar holding
    every Event, writes the very same bytes, in the feed's language and in another, privately and publicly."""
    from flask_babel import force_locale

    from clubs_exchange.public.ics import public_description

    events = _varied_events(db, staff, make_proposal, make_org, make_partner)
    with app.test_request_context("/"):
        for locale in ("en", "de", "ro"):
            with force_locale(locale):
                for describe in ({}, {"describe": public_description}):
                    kwargs = {"name": "Testhausen · Partnership calendar", "tz_name": "Europe/Berlin",
                              "event_url": lambda p: f"https://example.org/calendar/event/{p.id}",
                              "today": date(2031, 1, 1), **describe}
                    whole = build_calendar_whole(events, **kwargs)
                    assert build_calendar(events, **kwargs) == whole  # serialized now
                    assert build_calendar(events, **kwargs) == whole  # remembered
                    assert b"\r\n " in whole  # long lines were folded
                    assert build_calendar([], **kwargs) == build_calendar_whole([], **kwargs)


def test_a_changed_event_is_written_anew_and_only_it(app, db, staff, make_proposal, make_org, make_partner):
    events = _varied_events(db, staff, make_proposal, make_org, make_partner)
    kwargs = {"name": "Feed", "tz_name": "Europe/Berlin", "event_url": lambda p: f"https://example.org/{p.id}",
              "today": date(2031, 1, 1)}
    with app.test_request_context("/"):
        before = Calendar.from_ical(build_calendar(events, **kwargs))
        serialized = len(event_texts.items)
        # A rename of an organiser changes no proposal row: the text still follows it.
        events[1].organisation.name = "Renamed club"
        db.session.commit()
        after = build_calendar(events, **kwargs)
        assert after == build_calendar_whole(events, **kwargs)
    assert len(event_texts.items) == serialized + 1
    changed = {str(e["SUMMARY"]): str(e["DESCRIPTION"]) for e in Calendar.from_ical(after).walk("VEVENT")}
    assert "Organisers: Renamed club" in changed["Friendly match"]
    unchanged = {str(e["SUMMARY"]): str(e["DESCRIPTION"]) for e in before.walk("VEVENT")}
    assert {k: v for k, v in changed.items() if k != "Friendly match"} == {
        k: v for k, v in unchanged.items() if k != "Friendly match"}


def test_an_empty_calendar_still_names_its_time_zone(app):
    text = build_calendar([], name="Empty", tz_name="Europe/Berlin", event_url=str, today=date(2031, 1, 1))
    calendar = Calendar.from_ical(text)
    assert calendar.walk("VEVENT") == []
    assert [tz.tz_name for tz in calendar.timezones] == ["Europe/Berlin"]


def test_the_uid_depends_on_the_proposal_only(make_proposal):
    proposal = make_proposal(state=ProposalState.APPROVED, title="Before")
    before = event_uid(proposal)
    proposal.title = "After"
    assert event_uid(proposal) == before == f"proposal-{proposal.id}@clubs-exchange"


# --- the feed addresses -------------------------------------------------------------------------------------


def test_the_feed_works_without_a_login_cookie(client, member, approved, make_proposal):
    approved(title="Summer concert")
    make_proposal(state=ProposalState.SUBMITTED, title="Still in review", starts_at=utcnow() + timedelta(days=5))
    make_proposal(state=ProposalState.DRAFT, title="A draft", starts_at=utcnow() + timedelta(days=5))
    response = client.get(feed_url(member))
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    assert "Set-Cookie" not in response.headers
    assert set(events_of(response)) == {"Summer concert"}
    calendar = Calendar.from_ical(response.data)
    assert str(calendar["X-WR-CALNAME"]) == "Testhausen · Partnership calendar"


def test_the_feed_links_each_event_to_its_page_with_the_full_address(app, client, member, approved):
    # From BASE_URL, never from the request's Host header (a cached feed would keep whatever a request said).
    app.config["BASE_URL"] = "https://twinning.testhausen.example"
    event = approved(title="Summer concert")
    feed = client.get(feed_url(member), headers={"Host": "evil.example"})
    summer = events_of(feed)["Summer concert"]
    assert str(summer["URL"]) == f"https://twinning.testhausen.example/calendar/event/{event.id}"
    assert b"evil.example" not in feed.data


def test_the_feed_holds_a_year_back_and_everything_ahead(client, member, approved):
    now = utcnow()
    approved(title="Two years ago", starts_at=now - timedelta(days=730))
    approved(title="Eleven months ago", starts_at=now - timedelta(days=330))
    approved(title="In two years", starts_at=now + timedelta(days=730))
    assert set(events_of(client.get(feed_url(member)))) == {"Eleven months ago", "In two years"}


def test_cancelled_events_stay_in_the_feed_as_cancelled(db, client, member, staff, approved):
    event = approved(title="Open-air concert")
    uid_before = str(events_of(client.get(feed_url(member)))["Open-air concert"]["UID"])
    cancel(db, event, staff)
    after = events_of(client.get(feed_url(member)))["Open-air concert"]
    assert str(after["STATUS"]) == "CANCELLED"
    assert str(after["UID"]) == uid_before  # the program replaces its copy instead of adding a second one
    assert after.decoded("SEQUENCE") == 1


def test_uids_are_stable_across_requests_and_edits(db, client, member, approved):
    event = approved(title="Summer concert")
    first = events_of(client.get(feed_url(member)))["Summer concert"]
    event.title = "Summer concert (new time)"
    event.starts_at += timedelta(hours=1)
    event.ends_at += timedelta(hours=1)
    db.session.commit()
    second = events_of(client.get(feed_url(member)))["Summer concert (new time)"]
    assert str(second["UID"]) == str(first["UID"])
    assert second.decoded("DTSTART") - first.decoded("DTSTART") == timedelta(hours=1)
    assert second.decoded("DTSTAMP") >= first.decoded("DTSTAMP")


def test_one_partner_city_per_feed(client, member, approved, make_partner):
    lyon, porto = make_partner(name="Lyon"), make_partner(name="Porto")
    approved(title="In Lyon", partner_city=lyon)
    approved(title="In Porto", partner_city=porto)
    by_path = client.get(f"/calendar/feed/{member.calendar_token}/partner/{lyon.id}.ics")
    assert by_path.status_code == 200
    assert set(events_of(by_path)) == {"In Lyon"}
    assert "Lyon" in str(Calendar.from_ical(by_path.data)["X-WR-CALNAME"])
    by_query = client.get(feed_url(member, partner=porto.id))
    assert set(events_of(by_query)) == {"In Porto"}
    assert set(events_of(client.get(feed_url(member)))) == {"In Lyon", "In Porto"}


@pytest.mark.parametrize("partner", ["999999", "abc", "-3", "9" * 40, ""])
def test_an_unknown_partner_city_is_404(client, member, partner):
    assert client.get(f"/calendar/feed/{member.calendar_token}/partner/{partner}.ics").status_code == 404
    assert client.get(feed_url(member, partner=partner)).status_code == 404


@pytest.mark.parametrize("token", ["not-a-token", "x" * 500, "%00", "..%2F", "caf%C3%A9", "a b"])
def test_an_unknown_token_is_404(client, token, approved):
    approved()
    assert client.get(f"/calendar/feed/{token}.ics").status_code == 404


def test_a_disabled_account_no_longer_gets_the_feed(db, client, member, make_partner):
    partner = make_partner()
    url = feed_url(member)
    assert client.get(url).status_code == 200
    member.active = False
    db.session.commit()
    assert client.get(url).status_code == 404
    assert client.get(f"/calendar/feed/{member.calendar_token}/partner/{partner.id}.ics").status_code == 404


# --- polling: ETag and 304 ------------------------------------------------------------------------------------


def test_an_unchanged_feed_answers_304(db, client, member, staff, approved):
    event = approved(title="Summer concert")
    first = client.get(feed_url(member))
    etag = first.headers["ETag"]
    assert etag and "private" in first.headers["Cache-Control"]

    again = client.get(feed_url(member), headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.data == b""
    assert again.headers["ETag"] == etag

    cancel(db, event, staff)
    changed = client.get(feed_url(member), headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed.headers["ETag"] != etag
    assert str(events_of(changed)["Summer concert"]["STATUS"]) == "CANCELLED"


def test_a_new_event_changes_the_etag(client, member, approved):
    approved(title="First")
    etag = client.get(feed_url(member)).headers["ETag"]
    approved(title="Second")
    response = client.get(feed_url(member), headers={"If-None-Match": etag})
    assert response.status_code == 200
    assert set(events_of(response)) == {"First", "Second"}


def test_each_filter_has_its_own_etag(client, member, approved, make_partner):
    lyon = make_partner(name="Lyon")
    approved(partner_city=lyon)
    whole = client.get(feed_url(member)).headers["ETag"]
    one = client.get(f"/calendar/feed/{member.calendar_token}/partner/{lyon.id}.ics").headers["ETag"]
    assert whole != one
    response = client.get(feed_url(member, partner=lyon.id), headers={"If-None-Match": whole})
    assert response.status_code == 200


# --- the subscribe page and new addresses ----------------------------------------------------------------------


def test_the_subscribe_page_shows_the_personal_addresses(app, login_as, member, make_partner):
    app.config["BASE_URL"] = "http://localhost"  # the addresses come from BASE_URL, not the request
    lyon = make_partner(name="Lyon")
    html = login_as(member).get("/calendar/subscribe").get_data(as_text=True)
    token = member.calendar_token
    whole = f"http://localhost/calendar/feed/{token}.ics"
    assert '<label for="feed-all">Address of the whole calendar</label>' in html
    assert re.search(rf'<input type="text" id="feed-all" class="feed-url" value="{re.escape(whole)}" readonly', html)
    assert f'href="webcal://localhost/calendar/feed/{token}.ics"' in html
    partner_url = f"http://localhost/calendar/feed/{token}/partner/{lyon.id}.ics"
    assert f'<label class="visually-hidden" for="feed-partner-{lyon.id}">' in html
    assert f'value="{partner_url}" readonly' in html
    assert f'href="webcal://localhost/calendar/feed/{token}/partner/{lyon.id}.ics"' in html
    assert "secret" in html
    assert 'action="/calendar/subscribe/token"' in html


def test_new_addresses_stop_the_old_ones(db, client, login_as, member, approved, make_partner):
    lyon = make_partner(name="Lyon")
    approved(partner_city=lyon)
    old_whole = feed_url(member)
    old_partner = f"/calendar/feed/{member.calendar_token}/partner/{lyon.id}.ics"
    assert client.get(old_whole).status_code == 200

    response = login_as(member).post("/calendar/subscribe/token")
    assert response.status_code == 303
    assert response.headers["Location"] == "/calendar/subscribe"
    page = client.get("/calendar/subscribe").get_data(as_text=True)
    assert "Your calendar addresses are new. The old ones no longer work" in page

    db.session.refresh(member)
    assert member.calendar_token not in old_whole
    assert client.get(old_whole).status_code == 404
    assert client.get(old_partner).status_code == 404
    assert client.get(feed_url(member)).status_code == 200
    assert member.calendar_token in page


def test_new_addresses_from_htmx_redirect_the_page(login_as, member, htmx_headers):
    response = login_as(member).post("/calendar/subscribe/token", headers=htmx_headers)
    assert response.status_code == 204
    assert response.headers["HX-Redirect"] == "/calendar/subscribe"


def test_regenerating_is_a_post_only(login_as, member):
    assert login_as(member).get("/calendar/subscribe/token").status_code == 405


def test_a_program_that_accepts_gzip_gets_the_feed_compressed(client, member, approved):
    import gzip

    approved(title="Summer concert")
    plain = client.get(feed_url(member))
    packed = client.get(feed_url(member), headers={"Accept-Encoding": "gzip, deflate"})
    assert "Content-Encoding" not in plain.headers
    assert packed.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed.headers["Vary"] and "Accept-Encoding" in plain.headers["Vary"]
    assert gzip.decompress(packed.data) == plain.data
    assert "Summer concert" in events_of(plain)
    # Another representation, another ETag; each revalidates to 304.
    assert packed.headers["ETag"] != plain.headers["ETag"]
    again = client.get(feed_url(member), headers={"Accept-Encoding": "gzip", "If-None-Match": packed.headers["ETag"]})
    assert again.status_code == 304 and again.headers["ETag"] == packed.headers["ETag"]
    assert client.get(feed_url(member), headers={"If-None-Match": plain.headers["ETag"]}).status_code == 304


def test_gzip_refused_by_the_program_is_not_sent(client, member, approved):
    approved(title="Summer concert")
    response = client.get(feed_url(member), headers={"Accept-Encoding": "gzip;q=0, identity"})
    assert "Content-Encoding" not in response.headers and "Summer concert" in events_of(response)
