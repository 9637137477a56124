"""The calendar's pages through the test client: month grid, htmx month navigation, filters, bad input, access."""

import re

import pytest

from clubs_exchange import clock
from clubs_exchange.proposals.models import EventKind, ProposalState
from tests.helpers import berlin_utc, cancel, counted_statements

JUNE = "/calendar/?year=2031&month=6"



def grid_html(response) -> str:
    html = response.get_data(as_text=True)
    return html[html.index('<div id="calendar_grid">'):]


def day_cell(html: str, day: int) -> str:
    """The <td> of the given day of the month shown (not the neighbouring months' days)."""
    for cell in re.findall(r"<td[ >].*?</td>", html, re.S):
        if "other-month" not in cell and re.search(rf'<span class="day-number">{day}</span>', cell):
            return cell
    raise AssertionError(f"no cell for day {day}")


# --- access -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/calendar/", "/calendar/list", "/calendar/event/1", "/calendar/subscribe",
                                  "/calendar/event/1.ics"])
def test_anonymous_visitors_are_sent_to_log_in(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_an_expired_login_during_htmx_navigation_redirects_the_whole_page(client, htmx_headers):
    response = client.get(JUNE, headers=htmx_headers)
    assert response.status_code == 401
    assert "/login" in response.headers["HX-Redirect"]


def test_regenerating_the_token_needs_a_login(client):
    response = client.post("/calendar/subscribe/token")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


# --- the month grid -------------------------------------------------------------------------------------------


def test_the_month_shows_approved_and_cancelled_events_on_their_days(
    db, login_as, member, staff, approved, make_proposal
):
    concert = approved(title="Summer concert", starts_at=berlin_utc(2031, 6, 12, 18, 0))
    match = approved(title="Friendly match", starts_at=berlin_utc(2031, 6, 20, 15, 30))
    cancel(db, match, staff)
    make_proposal(state=ProposalState.SUBMITTED, title="Still in review", starts_at=berlin_utc(2031, 6, 12, 10, 0))
    make_proposal(state=ProposalState.DRAFT, title="A draft", starts_at=berlin_utc(2031, 6, 13, 10, 0))

    response = login_as(member).get(JUNE)
    assert response.status_code == 200
    html = grid_html(response)
    assert "June 2031" in html
    cell = day_cell(html, 12)
    assert "Summer concert" in cell and "18:00" in cell
    assert f'href="/calendar/event/{concert.id}"' in cell
    cancelled = day_cell(html, 20)
    assert "Friendly match" in cancelled and "15:30" in cancelled
    assert 'class="event-cancelled"' in cancelled
    assert ">Cancelled</span>" in cancelled  # a word, not only the strike-through
    assert "Still in review" not in html and "A draft" not in html


def test_weekday_headers_start_on_monday(login_as, member):
    html = login_as(member).get(JUNE).get_data(as_text=True)
    headers = re.findall(r'<th scope="col"><abbr title="(\w+)">', html)
    assert headers == ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    # 1 June 2031 is a Sunday: the first row starts with Monday 26 May, greyed and named with its month.
    first_cell = re.search(r"<td class=\"([^\"]*)\">[^<]*<span class=\"weekday-label\"[^>]*>Mon</span>\s*"
                           r"<span class=\"day-number\">([^<]*)<", html)
    assert first_cell.groups() == ("other-month", "26 May")


def test_today_is_marked_in_the_current_month(login_as, member):
    today = clock.today()
    html = login_as(member).get("/calendar/").get_data(as_text=True)
    marked = re.findall(r'<td class="[^"]*today"[^>]*aria-current="date">.*?<span class="day-number">(\d+)<', html,
                        re.S)
    assert marked == [str(today.day)]
    assert html.count('aria-current="date"') == 1
    assert ">today</span>" in html


def test_an_event_over_several_days_is_listed_on_each_day(login_as, member, approved):
    approved(title="Youth camp", starts_at=berlin_utc(2031, 6, 12, 18, 0), ends_at=berlin_utc(2031, 6, 14, 12, 0))
    html = grid_html(login_as(member).get(JUNE))
    assert html.count("Youth camp") == 3
    assert "18:00" in day_cell(html, 12)
    assert "all day" in day_cell(html, 13)
    assert "until 12:00" in day_cell(html, 14)
    assert "Youth camp" not in day_cell(html, 15)
    assert "1 event in June 2031." in html


def test_events_of_neighbouring_days_in_the_visible_weeks_are_shown(login_as, member, approved):
    approved(title="End of May gala", starts_at=berlin_utc(2031, 5, 27, 19, 0))
    html = grid_html(login_as(member).get(JUNE))
    assert "End of May gala" in html
    assert "No events in June 2031." in html  # it is not counted as June's


def test_previous_and_next_month_links_keep_the_filters_and_are_htmx_enhanced(login_as, member, make_partner):
    partner = make_partner()
    html = login_as(member).get(f"{JUNE}&partner={partner.id}&kind=concert").get_data(as_text=True)
    next_url = f"/calendar/?year=2031&amp;month=7&amp;partner={partner.id}&amp;kind=concert"
    link = re.search(r'<a href="([^"]*)"([^>]*)rel="next"', html)
    assert link.group(1) == next_url
    assert f'hx-get="{next_url}"' in link.group(2)
    assert 'hx-target="#calendar_grid"' in link.group(2) and 'hx-push-url="true"' in link.group(2)
    assert f'href="/calendar/?year=2031&amp;month=5&amp;partner={partner.id}&amp;kind=concert"' in html
    # The list view keeps the filters too.
    assert f'href="/calendar/list?partner={partner.id}&amp;kind=concert&amp;from=2031-06-01"' in html


def test_the_year_changes_at_december(login_as, member):
    html = login_as(member).get("/calendar/?year=2031&month=12").get_data(as_text=True)
    assert 'href="/calendar/?year=2032&amp;month=1"' in html
    assert 'href="/calendar/?year=2031&amp;month=11"' in html


def test_htmx_month_navigation_gets_only_the_grid(login_as, member, htmx_headers, approved):
    approved(title="July regatta", starts_at=berlin_utc(2031, 7, 5, 10, 0))
    response = login_as(member).get("/calendar/?year=2031&month=7", headers=htmx_headers)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<html" not in html and "<nav aria-label=\"Main\"" not in html
    assert '<div id="calendar_grid">' in html and "July regatta" in html
    assert "<title>Partnership calendar · July 2031 · Testhausen</title>" in html  # htmx updates the tab title
    assert "HX-Request" in response.headers["Vary"]


@pytest.mark.parametrize("extra", [{"HX-Boosted": "true"}, {"HX-History-Restore-Request": "true"}])
def test_boosted_and_history_restore_requests_get_the_whole_page(login_as, member, htmx_headers, extra):
    html = login_as(member).get(JUNE, headers={**htmx_headers, **extra}).get_data(as_text=True)
    assert "<html" in html and '<div id="calendar_grid">' in html and "<title>" in html


def test_filters_narrow_the_month(login_as, member, approved, make_partner, make_org):
    lyon, porto = make_partner(name="Lyon"), make_partner(name="Porto")
    choir, school = make_org(name="Kammerchor"), make_org(name="Gymnasium Nord")
    approved(title="Choir in Lyon", partner_city=lyon, organisation=choir, kind=EventKind.CONCERT)
    approved(title="Pupils to Porto", partner_city=porto, organisation=school, kind=EventKind.PUPIL_EXCHANGE)
    approved(title="Joint festival", partner_city=porto, organisation=school, co_organisers=[choir],
             kind=EventKind.FESTIVAL)
    client = login_as(member)

    def shown(query):
        html = grid_html(client.get(f"{JUNE}&{query}"))
        return {t for t in ("Choir in Lyon", "Pupils to Porto", "Joint festival") if t in html}

    assert shown(f"partner={lyon.id}") == {"Choir in Lyon"}
    assert shown(f"partner={porto.id}") == {"Pupils to Porto", "Joint festival"}
    assert shown(f"organisation={choir.id}") == {"Choir in Lyon", "Joint festival"}  # co-organised counts
    assert shown("kind=pupil_exchange") == {"Pupils to Porto"}
    assert shown(f"partner={porto.id}&organisation={choir.id}") == {"Joint festival"}
    assert shown("") == {"Choir in Lyon", "Pupils to Porto", "Joint festival"}


def test_the_organisation_filter_offers_only_organisers_of_the_month(login_as, member, approved, make_org):
    """A city has thousands of organisations: the list offers those with events shown, and the one asked for."""
    choir, school, guest = make_org(name="Kammerchor"), make_org(name="Gymnasium Nord"), make_org(name="Gastchor")
    quiet = make_org(name="Schachklub ohne Termine")
    approved(title="Joint festival", organisation=school, co_organisers=[guest])
    approved(title="Choir in Lyon", organisation=choir)
    client = login_as(member)

    html = client.get(JUNE).get_data(as_text=True)
    assert f'<option value="{choir.id}">Kammerchor</option>' in html
    assert f'<option value="{guest.id}">Gastchor</option>' in html  # a co-organiser too
    assert html.index("Gastchor") < html.index("Gymnasium Nord") < html.index("Kammerchor</option>")
    assert "Schachklub" not in html

    # A bookmarked address with an organisation without events this month still works and keeps its name.
    html = client.get(f"{JUNE}&organisation={quiet.id}").get_data(as_text=True)
    assert f'<option selected value="{quiet.id}">Schachklub ohne Termine</option>' in html
    assert "Joint festival" not in grid_html(client.get(f"{JUNE}&organisation={quiet.id}"))


def test_the_filter_form_is_a_get_form_that_keeps_the_month(login_as, member, make_partner):
    partner = make_partner(name="Lyon")
    html = login_as(member).get(f"{JUNE}&partner={partner.id}").get_data(as_text=True)
    assert re.search(r'<form id="calendar_filters" method="get" action="/calendar/"', html)
    assert 'hx-target="#calendar_grid"' in html
    assert '<input type="hidden" name="year" value="2031" form="calendar_filters">' in html
    assert '<input type="hidden" name="month" value="6" form="calendar_filters">' in html
    assert f'<option selected value="{partner.id}">Lyon</option>' in html
    assert '<label for="partner">Partner city</label>' in html


@pytest.mark.parametrize(
    "query",
    ["partner=abc", "partner=999999", "organisation=-1", "kind=party", "kind=" + "x" * 10_000],
)
def test_tampered_filters_are_refused_with_a_message_and_ignored(login_as, member, approved, query):
    approved(title="Summer concert")
    response = login_as(member).get(f"{JUNE}&{query}")
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Not a valid choice" in html
    assert "Summer concert" in grid_html(response)


@pytest.mark.parametrize(
    "query",
    ["year=2031&month=13", "year=abc&month=6", "year=99999&month=1", "year=2031&month=0", "year=0&month=1",
     "year=2031&month=6.5", "year=" + "9" * 5000, "month=%20"],
)
def test_bad_months_fall_back_to_the_current_month_with_a_message(login_as, member, query):
    response = login_as(member).get(f"/calendar/?{query}")
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "That month could not be read; here is the current month." in html
    today = clock.today()
    assert 'aria-current="date"' in html
    assert f'name="month" value="{today.month}"' in html


def test_the_month_grid_needs_the_same_number_of_queries_for_3_and_30_events(
    page_cache_off, db, login_as, member, approved, make_org
):
    partner_org = make_org()
    for n in range(3):
        approved(starts_at=berlin_utc(2031, 6, 2 + n, 18, 0), co_organisers=[partner_org])
    client = login_as(member)
    # Warm-up (the session, the compiled templates) on another month: the grid of June is not cached yet.
    client.get("/calendar/?year=2031&month=5")
    with counted_statements(db.engine) as few:
        assert client.get(JUNE).status_code == 200
    for n in range(27):
        approved(starts_at=berlin_utc(2031, 6, 2 + n % 28, 9, 0), co_organisers=[partner_org])
    with counted_statements(db.engine) as many:
        html = grid_html(client.get(JUNE))
    assert html.count('href="/calendar/event/') == 30
    assert len(many) == len(few), many
    # The calendar version (grid_cache.calendar_version: newest changes and the kept counts) aside, one query.
    events_queries = [s for s in many if "FROM proposals" in s and "proposal_counts" not in s]
    assert len(events_queries) == 1, events_queries


def test_a_busy_day_links_to_its_other_events_in_the_list(login_as, member, approved):
    for hour in range(8, 15):
        approved(title=f"Concert at {hour}", starts_at=berlin_utc(2031, 6, 12, hour, 0),
                 ends_at=berlin_utc(2031, 6, 12, hour, 45))
    html = login_as(member).get(JUNE).get_data(as_text=True)
    assert "Concert at 11" in html and "Concert at 12" not in html
    more = re.search(r'<li class="more"><a href="([^"]+)">\s*3 more<span class="visually-hidden"> on ([^<]+)<', html)
    assert more and more.group(2) == "12 Jun 2031"
    day = login_as(member).get(more.group(1).replace("&amp;", "&")).get_data(as_text=True)
    assert all(f"Concert at {hour}" in day for hour in range(8, 15))
