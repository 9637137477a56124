"""The public calendar (issue 16 part 1): without login, only approved events marked public, only public fields,
in the visitor's language, answers a proxy may keep, framed only by the origins of the setting."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from icalendar import Calendar

from bench.pages import counting_statements
from clubs_exchange import clock
from clubs_exchange.proposals.models import ProposalState

# 12 June 2031, the factories' default day: the month and the list of that month.
JUNE = "/public/calendar?year=2031&month=6"
JUNE_LIST = "/public/calendar/list?from=2031-06-01&to=2031-06-30"
FEED = "/public/calendar.ics"


@pytest.fixture
def public_event(approved, make_org):
    def make(**fields):
        fields.setdefault("public", True)
        return approved(**fields)

    return make


def text(response) -> str:
    return response.get_data(as_text=True)


def feed_events(response) -> list:
    calendar = Calendar.from_ical(response.data)
    return list(calendar.walk("VEVENT"))


def test_anonymous_visitors_see_public_events_in_the_month_the_list_the_embed_and_the_feed(client, public_event):
    event = public_event(title="Concert in the park", venue="Stadtpark")
    for url in (JUNE, JUNE_LIST, "/public/embed?from=2031-06-01"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Concert in the park" in text(response), url
    assert "Stadtpark" in text(client.get(JUNE_LIST))
    (vevent,) = feed_events(client.get(FEED))
    assert str(vevent["SUMMARY"]) == "Concert in the park"
    assert str(vevent["LOCATION"]) == "Stadtpark"
    assert str(vevent["UID"]) == f"proposal-{event.id}@clubs-exchange"


def test_logged_in_people_see_the_same_pages(client, login_as, member, staff, public_event):
    public_event(title="Concert in the park")
    for person in (member, staff):
        login_as(person)
        for url in (JUNE, JUNE_LIST, "/public/embed?from=2031-06-01", FEED):
            response = client.get(url)
            assert response.status_code == 200, (person.email, url)
            assert "Concert in the park" in text(response)


@pytest.mark.parametrize("state", [s for s in ProposalState if s != ProposalState.APPROVED])
def test_an_unapproved_event_never_appears_even_marked_public(client, make_proposal, state):
    make_proposal(state=state, title="Secret plan", public=True)
    for url in (JUNE, JUNE_LIST, "/public/embed?from=2031-06-01", FEED):
        assert "Secret plan" not in text(client.get(url)), (state, url)


def test_an_approved_event_not_marked_public_never_appears(client, approved, public_event):
    approved(title="Internal meeting")
    public_event(title="Open concert")
    for url in (JUNE, JUNE_LIST, "/public/embed?from=2031-06-01", FEED):
        page = text(client.get(url))
        assert "Open concert" in page and "Internal meeting" not in page, url


def test_the_partner_filter_offers_only_partner_cities_with_public_events(client, approved, public_event,
                                                                          make_partner):
    secret = make_partner(name="Geheimstadt")
    approved(partner_city=secret)
    shown = public_event(partner_city=make_partner(name="Offenstadt"), title="Match in Offenstadt")
    public_event(partner_city=make_partner(name="Anderstadt"), title="Match in Anderstadt")
    page = text(client.get(JUNE))
    assert "Offenstadt" in page and "Geheimstadt" not in page
    filtered = text(client.get(f"{JUNE_LIST}&partner={shown.partner_city_id}"))
    assert "Match in Offenstadt" in filtered and "Match in Anderstadt" not in filtered
    # A partner city without public events is refused beside the field (and the list shows all of them).
    refused = client.get(f"{JUNE_LIST}&partner={secret.id}")
    assert refused.status_code == 422
    assert "Geheimstadt" not in text(refused)


def test_the_kind_filter_narrows_pages_and_feed(client, public_event):
    from clubs_exchange.proposals.models import EventKind

    public_event(title="A concert", kind=EventKind.CONCERT)
    public_event(title="A match", kind=EventKind.MATCH)
    page = text(client.get(f"{JUNE}&kind=concert"))
    assert "A concert" in page and "A match" not in page
    assert [str(e["SUMMARY"]) for e in feed_events(client.get(f"{FEED}?kind=concert"))] == ["A concert"]


def test_no_private_field_reaches_a_page_or_the_feed(client, public_event, make_org, db):
    organiser = make_org(name="Kammerchor", email="secret-contact@example.org", phone="+49 30 987654",
                         contact_name="Clara Kontakt")
    public_event(organisation=organiser, title="Choir evening", participants_ours=4321, participants_guests=8765,
                 guests_needing_host=5432, budget_cents=123456789, description="Private note: the mayor pays.")
    for url in (JUNE, JUNE_LIST, "/public/embed?from=2031-06-01", FEED):
        body = text(client.get(url))
        assert "Choir evening" in body and ("Kammerchor" in body or url == JUNE), url  # the grid names no one
        for private in ("4321", "8765", "5432", "1234567", "1.234.567", "1,234,567", "Private note", "mayor",
                        "secret-contact", "987654", "Clara Kontakt"):
            assert private not in body, (url, private)


def test_the_feed_is_valid_icalendar_with_the_public_facts_and_links_to_the_public_list(app, client, public_event):
    app.config["BASE_URL"] = "https://twinning.city.example"
    event = public_event(title="Joint concert", venue="Town hall")
    response = client.get(FEED)
    assert response.mimetype == "text/calendar"
    calendar = Calendar.from_ical(response.data)
    assert str(calendar["X-WR-CALNAME"]) == "Testhausen · Partnership calendar"
    (vevent,) = calendar.walk("VEVENT")
    assert vevent.decoded("DTSTART") == datetime(2031, 6, 12, 16, 0, tzinfo=UTC)
    assert str(vevent["STATUS"]) == "CONFIRMED"
    assert str(vevent["URL"]) == (
        f"https://twinning.city.example/public/calendar/list?from=2031-06-12&to=2031-06-12#event-{event.id}")
    description = str(vevent["DESCRIPTION"])
    assert description.startswith("Kind: Match or tournament")
    assert event.organisation.name in description


def test_the_pages_offer_a_webcal_link_built_from_base_url(app, client, public_event):
    app.config["BASE_URL"] = "https://twinning.city.example"
    public_event()
    page = text(client.get(JUNE, headers={"Host": "evil.example"}))
    assert 'href="webcal://twinning.city.example/public/calendar.ics"' in page
    assert "evil.example" not in page
    german = text(client.get(f"{JUNE}&lang=de"))
    assert 'href="webcal://twinning.city.example/public/calendar.ics?lang=de"' in german


def test_pages_and_feed_speak_the_visitors_language(client, public_event):
    public_event()
    german = client.get(JUNE, headers={"Accept-Language": "de-DE,de;q=0.9"})
    assert '<html lang="de">' in text(german)
    assert "Juni 2031" in text(german)
    assert "Accept-Language" in german.headers["Vary"] and "Cookie" in german.headers["Vary"]
    french = text(client.get(f"{JUNE}&lang=fr"))
    assert '<html lang="fr">' in french and "juin 2031" in french
    (vevent,) = feed_events(client.get(f"{FEED}?lang=de"))
    assert str(vevent["DESCRIPTION"]).startswith("Art: ")


def test_a_title_translated_by_staff_is_shown_in_the_visitors_language(client, public_event, db, staff):
    from clubs_exchange.localised.models import TextTranslation, TranslatedField

    event = public_event(title="Friendly match", language="en")
    db.session.add(TextTranslation(proposal_id=event.id, field=TranslatedField.TITLE,
                                   language="de", text="Freundschaftsspiel", written_by_id=staff.id))
    db.session.commit()
    assert "Freundschaftsspiel" in text(client.get(f"{JUNE_LIST}&lang=de"))
    assert "Freundschaftsspiel" not in text(client.get(JUNE_LIST))
    assert [str(e["SUMMARY"]) for e in feed_events(client.get(f"{FEED}?lang=de"))] == ["Freundschaftsspiel"]


@pytest.mark.parametrize("url", [JUNE, JUNE_LIST, "/public/embed", FEED])
def test_answers_may_be_kept_by_proxies_and_revalidate_with_304(app, client, public_event, url):
    app.config["PUBLIC_CACHE_SECONDS"] = 600
    event = public_event(title="Cached concert")
    first = client.get(url)
    assert first.status_code == 200
    assert first.cache_control.public and first.cache_control.max_age == 600
    assert "Set-Cookie" not in first.headers
    etag = first.headers["ETag"]
    again = client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""
    assert again.headers["ETag"] == etag and again.cache_control.public
    # In another language, or once the event changed, it is another answer.
    assert client.get(url, headers={"If-None-Match": etag, "Accept-Language": "de"}).status_code == 200
    event.title = "Renamed concert"
    from clubs_exchange.extensions import db

    db.session.commit()
    changed = client.get(url, headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["ETag"] != etag


def test_an_event_taken_out_of_the_public_calendar_changes_the_etag(client, public_event, db):
    event = public_event(title="Soon private")
    other = public_event(title="Stays public")
    etag = client.get(FEED).headers["ETag"]
    event.public = False
    db.session.commit()
    response = client.get(FEED, headers={"If-None-Match": etag})
    assert response.status_code == 200
    assert [str(e["SUMMARY"]) for e in feed_events(response)] == [other.title]


def test_the_embed_may_be_framed_by_exactly_the_listed_origins_and_nothing_else_may(app, client, public_event):
    app.config["PUBLIC_EMBED_ORIGINS"] = ["https://www.city.example", "http://localhost:8080"]
    public_event()
    embed = client.get("/public/embed")
    policy = embed.headers["Content-Security-Policy"]
    (ancestors,) = [d.strip() for d in policy.split(";") if d.strip().startswith("frame-ancestors")]
    assert ancestors == "frame-ancestors https://www.city.example http://localhost:8080"
    assert "X-Frame-Options" not in embed.headers
    assert embed.headers["ETag"] == client.get("/public/embed", headers={"If-None-Match": "x"}).headers["ETag"]
    assert client.get("/public/embed", headers={"If-None-Match": embed.headers["ETag"]}).headers[
        "Content-Security-Policy"] == policy
    for url in (JUNE, JUNE_LIST, FEED, "/login", "/"):
        response = client.get(url)
        assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"], url
        assert response.headers["X-Frame-Options"] == "DENY", url


def test_without_origins_the_embed_cannot_be_framed_either(client, public_event):
    response = client.get("/public/embed")
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]


def test_wrong_embed_origins_stop_the_app_at_start(app_config):
    from clubs_exchange import create_app
    from clubs_exchange.config import ConfigError

    for wrong in (["www.city.example"], ["https://www.city.example/page"], ["https://a.example; script-src *"]):
        with pytest.raises(ConfigError, match="PUBLIC_EMBED_ORIGINS"):
            create_app({**app_config, "PUBLIC_EMBED_ORIGINS": wrong})
    app = create_app({**app_config, "PUBLIC_EMBED_ORIGINS": "https://a.example, http://b.example:8080"})
    assert app.config["PUBLIC_EMBED_ORIGINS"]


def test_the_embed_has_no_navigation_and_its_links_open_a_new_window(client, public_event):
    public_event()
    page = text(client.get("/public/embed"))
    assert "<nav" not in page and "<header" not in page and "<footer" not in page
    for link in re.findall(r"<a [^>]*>", page):
        assert 'target="_blank"' in link or link.startswith('<a href="webcal:'), link


def test_public_pages_carry_no_session_cookie_or_form_token(client, public_event):
    public_event()
    for url in (JUNE, JUNE_LIST, "/public/embed"):
        response = client.get(url)
        assert "Set-Cookie" not in response.headers, url
        assert "csrf_token" not in text(response), url


def test_a_bad_month_is_said_and_the_current_month_shown(client):
    response = client.get("/public/calendar?year=20x1&month=13")
    assert response.status_code == 422
    assert "That month could not be read" in text(response)
    assert "no-store" not in response.headers.get("Cache-Control", "")
    assert not response.cache_control.public


def test_links_lead_visitors_to_the_public_calendar(client, login_as, member):
    login_page = text(client.get("/login"))
    assert "See the events with our partner cities in the public calendar" in login_page
    assert '<a href="/public/calendar">Public partnership calendar</a>' in login_page  # the footer
    login_as(member)  # members pass the address on to parents and fans
    assert '<a href="/public/calendar">Public partnership calendar</a>' in text(client.get("/"))


def test_the_list_starts_today_and_the_month_marks_today(client, public_event):
    today = clock.today()
    start = datetime.combine(today, datetime.min.time(), tzinfo=clock.city_tz()) + timedelta(hours=30)
    public_event(title="Tomorrow's match", starts_at=start.astimezone(UTC))
    public_event(title="Old match", starts_at=datetime(2020, 1, 5, 12, tzinfo=UTC))
    listed = text(client.get("/public/calendar/list"))
    assert "Tomorrow&#39;s match" in listed and "Old match" not in listed
    assert 'aria-current="date"' in text(client.get("/public/calendar"))


def test_queries_stay_few_whatever_the_number_of_events(client, db, public_event, make_org):
    def statements(url):
        with counting_statements(db.engine) as counter:
            assert client.get(url).status_code == 200
        return counter["n"]

    counts = {}
    for n in (1, 12):
        for _ in range(n):
            public_event(co_organisers=[make_org()])
        counts[n] = {url: statements(url) for url in (JUNE, JUNE_LIST, "/public/embed?from=2031-06-01", FEED)}
    assert counts[1] == counts[12]
    assert max(counts[12].values()) <= 8, counts



def test_the_language_links_keep_the_pages_parameters_and_no_others(client):
    page = text(client.get("/public/calendar/list?from=2031-06-01&kind=concert&_scheme=javascript&_anchor=x&lang=ro"))
    assert 'href="/public/calendar/list?kind=concert&amp;from=2031-06-01&amp;lang=de"' in page
    assert "javascript" not in page and "#x" not in page


def test_the_demos_public_events_show_and_none_of_their_private_facts(client, demo, db):
    """On the demo data: public events are there (and only they), and no participant count, hosting need, budget,
    contact or description of theirs appears in a row of the list or an event of the feed."""
    import sqlalchemy as sa

    from clubs_exchange.proposals.models import Proposal
    from clubs_exchange.templating import money

    events = db.session.scalars(sa.select(Proposal).where(Proposal.state == ProposalState.APPROVED)).all()
    public = [e for e in events if e.public]
    assert len(public) >= 10 and len(public) < len(events)
    listed = text(client.get("/public/calendar/list?from="))
    vevents = {str(v["UID"]): v for v in feed_events(client.get(FEED))}
    for event in events:
        assert (f'id="event-{event.id}"' in listed) is event.public, event.title
        assert (f"proposal-{event.id}@clubs-exchange" in vevents) is event.public, event.title
    for event in public:
        row = re.search(rf'<tr id="event-{event.id}">.*?</tr>', listed, re.S).group(0)
        row = row.split("</td>", 1)[1]  # after the dates
        vevent = vevents[f"proposal-{event.id}@clubs-exchange"]
        written = " ".join(str(vevent.get(name, "")) for name in ("SUMMARY", "DESCRIPTION", "LOCATION"))
        for place, body in (("list", row), ("feed", written)):
            for number in (event.participants_ours, event.participants_guests, event.guests_needing_host):
                assert not re.search(rf"\b{number}\b", body), (place, event.title, number)
            for private in (str(event.budget_cents), money(event.budget_cents), event.description,
                            *(o.email for o in event.co_organisers + [event.organisation] if o.email),
                            *(o.phone for o in event.co_organisers + [event.organisation] if o.phone),
                            *(o.contact_name for o in event.co_organisers + [event.organisation] if o.contact_name)):
                assert private not in body, (place, event.title, private)
    for url in ("/public/calendar", "/public/embed", FEED):
        body = text(client.get(url))
        assert "@" not in body.replace("@clubs-exchange", ""), url  # no e-mail address anywhere


def test_an_answer_that_restores_a_login_is_not_kept_for_others(client, make_user, public_event):
    from tests.helpers import PASSWORD

    public_event()
    person = make_user()
    client.post("/login", data={"email": person.email, "password": PASSWORD, "remember": "y"})
    client.delete_cookie("session")  # the browser was closed: only the remember-me cookie is left
    response = client.get("/public/calendar")
    assert response.status_code == 200
    assert "Set-Cookie" in response.headers
    assert not response.cache_control.public and response.cache_control.private
