"""The core loop of issue 2 in a real browser, as two people at two desks walk it.

A choir registers with its secretary's account, city staff verify it, the secretary completes the profile,
invites a member, states an exchange interest and sees the one that fits, writes a proposal, saves it as a
draft and submits it. Staff ask for changes in the review queue, the secretary changes and resubmits, staff
approve after seeing the conflict, and the event is in the partnership calendar and in its iCalendar feed.

Only the world that exists before the choir does is made in the database: staff, a partner city, another
organisation with an open interest, and an approved event of the same partner city on the same evening.
"""

import calendar
import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from clubs_exchange import clock
from clubs_exchange.auth.models import UserRole
from clubs_exchange.interests.models import InterestKind
from clubs_exchange.mail.models import OutboxMail
from clubs_exchange.organisations.models import OrganisationKind
from clubs_exchange.proposals.models import EventKind, ProposalState
from tests.helpers import PASSWORD

pytestmark = pytest.mark.browser

CHOIR = "Kammerchor Cantabile"
MUSIC_SCHOOL = "Musikschule am Dom"
TITLE = "Spring concert in Lyon"
CLASH = "Lyon twinning festival"
COMMENT = "Please tell us who hosts the guests from Lyon."


def months_ahead(today: date, n: int) -> date:
    """The 12th of the month n months after today's."""
    month = today.month + n
    return date(today.year + (month - 1) // 12, (month - 1) % 12 + 1, 12)


def city_today(app) -> date:
    """Today where the calendar is: its "This month" is the city's, not the machine's."""
    return clock.utcnow().astimezone(ZoneInfo(app.config["CITY_TIMEZONE"])).date()


@pytest.fixture
def before_the_choir(db, app, make_user, make_org, make_partner, make_interest, make_proposal):
    staff = make_user(role=UserRole.STAFF, name="Sabine Staff")
    lyon = make_partner(name="Lyon", country="France")
    music_school = make_org(name=MUSIC_SCHOOL, kind=OrganisationKind.CHOIR_MUSIC, discipline="music school")
    make_interest(
        organisation=music_school,
        partner_city=lyon,
        kind=InterestKind.HOST_GROUP,
        activity="choir concert",
        group_size=30,
        beds_offered=30,
    )
    # The month after next: two clicks on "Next month" away, whatever day the test runs.
    day = months_ahead(city_today(app), 2)
    berlin = ZoneInfo(app.config["CITY_TIMEZONE"])
    make_proposal(
        ProposalState.APPROVED,
        title=CLASH,
        kind=EventKind.FESTIVAL,
        organisation=music_school,
        partner_city=lyon,
        venue="Marktplatz",
        starts_at=datetime(day.year, day.month, day.day, 17, 0, tzinfo=berlin),
        ends_at=datetime(day.year, day.month, day.day, 23, 0, tzinfo=berlin),
    )
    return {"staff": staff, "day": day}


def month_name(day: date) -> str:
    return f"{calendar.month_name[day.month]} {day.year}"


def test_a_choir_from_registration_to_the_calendar_feed(
    app, db, page, second_page, live_server, before_the_choir, playwright, axe_violations, screenshot
):
    staff, day = second_page, before_the_choir["day"]
    badge = staff.locator("#review-badge")

    # --- 2. Register the choir with a first account -----------------------------------------------------------
    page.goto(f"{live_server}/")
    page.get_by_role("main").get_by_role("link", name="Register an organisation").click()
    page.get_by_label("Name of the organisation").fill(CHOIR)
    page.get_by_label("Kind").select_option(label="Choir or music club")
    page.get_by_label("Discipline or subject").fill("chamber choir")
    page.get_by_label("Number of members or pupils").fill("28")
    page.get_by_label("Your name").fill("Clara Weber")
    page.get_by_label("Your e-mail").fill("clara@cantabile.example.org")
    page.get_by_label("Password", exact=True).fill("sing in tune 42")
    page.get_by_label("Repeat the password").fill("sing in tune 42")
    assert axe_violations() == []
    page.get_by_role("button", name="Register", exact=True).click()
    # The same answer as for an address that has an account already (issue 11): check your mail, then log in.
    expect(page.get_by_role("status").first).to_contain_text("Please check your mail")
    screenshot("core-1-registered-check-mail")
    page.get_by_label("E-mail").fill("clara@cantabile.example.org")
    page.get_by_label("Password").fill("sing in tune 42")
    page.get_by_role("button", name="Log in").click()
    # Not before the address is confirmed (issue 11, part 8): the link is in the registration mail.
    expect(page.get_by_role("main")).to_contain_text("Please confirm your e-mail address first")
    mail = db.session.scalar(sa.select(OutboxMail).where(OutboxMail.recipient == "clara@cantabile.example.org"))
    page.goto(live_server + re.search(r"/verify-email/[\w.-]+", mail.text_body).group(0))
    page.get_by_role("button", name="Confirm my e-mail address").click()
    expect(page.get_by_role("status").first).to_contain_text("Your e-mail address is confirmed")
    page.get_by_label("E-mail").fill("clara@cantabile.example.org")
    page.get_by_label("Password").fill("sing in tune 42")
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("main").get_by_role("link", name=CHOIR).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(CHOIR)
    expect(page.locator(".notice")).to_contain_text("This organisation awaits verification by city staff.")
    screenshot("core-1-registered-pending")

    # Staff find it among the organisations to verify, and verify it.
    staff.goto(f"{live_server}/login")
    staff.get_by_label("E-mail").fill(before_the_choir["staff"].email)
    staff.get_by_label("Password").fill(PASSWORD)
    staff.get_by_role("button", name="Log in").click()
    staff.get_by_role("link", name="1 organisation to verify").click()
    staff.get_by_role("link", name=CHOIR).click()
    staff.get_by_role("button", name=f"Verify {CHOIR}").click()
    expect(staff.locator("#org_status")).to_contain_text(f"{CHOIR} is verified: its members can now submit")
    expect(staff.locator("#org_status .state")).to_have_text("Verified")

    # The secretary completes the profile ...
    page.reload()
    expect(page.locator("#org_status .state")).to_have_text("Verified")
    expect(page.locator(".notice")).to_have_count(0)
    page.get_by_role("link", name="Edit profile").click()
    page.get_by_label("Adults").check()
    page.get_by_label("Languages spoken").fill("German, English, French")
    page.get_by_label("Contact person").fill("Clara Weber")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status").first).to_have_text(f"The profile of {CHOIR} is saved.")
    facts = page.locator(".facts")
    expect(facts).to_contain_text("German, English, French")
    expect(facts).to_contain_text("Adults")
    assert axe_violations() == []

    # ... and invites a member: the one-time link is shown to her.
    page.get_by_role("link", name="Members").click()
    page.get_by_label("E-mail").fill("tenor@cantabile.example.org")
    page.get_by_label("Name", exact=True).fill("Tom Tenor")
    page.get_by_role("button", name="Create invitation link").click()
    expect(page.get_by_label("Invitation link")).to_have_value(re.compile(rf"^{live_server}/invitation/\S+$"))
    expect(page.locator("table", has_text="Valid until")).to_contain_text("tenor@cantabile.example.org")
    screenshot("core-2-invitation-link")
    assert axe_violations() == []

    # --- 3. An exchange interest, and the one that fits ---------------------------------------------------------
    page.get_by_role("link", name="Back to the profile").click()
    page.get_by_role("link", name="New interest").click()
    expect(page.get_by_label("Organisation")).to_have_value(re.compile(r"\d+"))
    page.get_by_label("Partner city").select_option(label="Lyon (France)")
    page.get_by_label("What").select_option(label="Send a group")
    page.get_by_label("Activity").fill("Concert")
    page.get_by_label("Group size").fill("24")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status").first).to_contain_text("Your exchange interest is saved.")
    fit = page.locator(".card", has_text=MUSIC_SCHOOL)
    expect(fit.locator(".fit-reasons")).to_contain_text("They host a group; you want to send one")
    expect(fit.locator(".fit-reasons")).to_contain_text("Same activity: Concert")
    expect(fit.locator(".fit-reasons")).to_contain_text("Their 30 beds cover your group of 24")
    screenshot("core-3-interest-fits")
    assert axe_violations() == []

    # --- 4. A proposal, saved as a draft, then submitted -------------------------------------------------------
    fit.get_by_role("link", name=f"Propose an event with {MUSIC_SCHOOL}").click()
    page.get_by_label("Title", exact=True).fill(TITLE)
    page.get_by_label("Kind of event").select_option(label="Concert")
    page.get_by_label("Partner city", exact=True).select_option(label="Lyon (France)")
    page.get_by_label(MUSIC_SCHOOL).check()
    page.get_by_label("We travel").check()
    page.get_by_label("Start", exact=True).fill(f"{day.isoformat()}T19:00")
    page.get_by_label("End", exact=True).fill(f"{day.isoformat()}T21:30")
    page.get_by_label("Venue").fill("Salle Molière, Lyon")
    page.get_by_label("Participants from our city").fill("24")
    page.get_by_label("Requested budget").fill("1800")
    page.get_by_label("Description", exact=True).fill(
        "A joint concert of our choir and the pupils of the music school.")
    assert axe_violations() == []
    page.get_by_role("button", name="Save as draft").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_role("status").first).to_contain_text("is saved as a draft")
    expect(page.locator("#proposal_status .state")).to_have_text("Draft")
    expect(page.locator(".facts")).to_contain_text("€1,800.00")
    page.get_by_role("button", name="Submit for review").click()
    expect(page.locator("#proposal_status .state")).to_have_text("Submitted")
    expect(page.locator("#proposal_status")).to_contain_text("Your proposal is submitted.")
    screenshot("core-4-submitted")
    assert axe_violations() == []

    # --- 5. Staff ask for changes in the queue, without a reload ------------------------------------------------
    staff.get_by_role("link", name="Review").click()
    expect(badge).to_have_text("1 waiting for review")
    row = staff.locator("tr", has_text=TITLE)
    expect(row).to_contain_text("Conflict with 1 approved event")
    assert axe_violations(staff) == []
    staff.evaluate("window.stillTheSamePage = true")
    row.locator("summary").click()
    row.get_by_label("Comment to the organisation").fill(COMMENT)
    row.get_by_role("button", name="Request changes").click()
    expect(row.locator(".state")).to_have_text("Changes requested")
    expect(badge).to_have_text("")
    expect(badge).to_have_class(re.compile(r"\bbadge-empty\b"))
    assert staff.evaluate("window.stillTheSamePage") is True
    screenshot("core-5-changes-requested", staff)

    # The secretary reads the comment, changes the proposal and submits it again.
    page.get_by_role("link", name="Proposals", exact=True).first.click()
    page.get_by_role("link", name=TITLE).click()
    expect(page.locator("#proposal_status .state")).to_have_text("Changes requested")
    expect(page.locator(".history")).to_contain_text(COMMENT)
    page.get_by_role("link", name="Change the proposal").click()
    expect(page.locator(".notice")).to_contain_text(COMMENT)
    page.get_by_label("Guests from the partner city").fill("20")
    page.get_by_label("Guests who need a private host").fill("20")
    page.get_by_label("Both").check()
    page.get_by_role("button", name="Save changes").click()
    expect(page.locator(".facts")).to_contain_text("24 from our city, 20 guests")
    page.get_by_label("Note for the twinning office (optional)").fill("Our members host all twenty guests.")
    page.get_by_role("button", name="Submit again for review").click()
    expect(page.locator("#proposal_status .state")).to_have_text("Submitted")

    # Staff approve; the conflict with the festival is shown first and confirmed.
    staff.reload()
    expect(badge).to_have_text("1 waiting for review")
    staff.evaluate("window.stillTheSamePage = true")
    row.get_by_role("button", name="Approve").click()
    confirm = row.get_by_role("button", name="I have seen the conflicts; approve anyway")
    expect(row).to_contain_text("Approving would clash with:")
    expect(row.locator(".conflict-list")).to_contain_text(CLASH)
    expect(badge).to_have_text("1 waiting for review")
    screenshot("core-5-confirm-conflict", staff)
    assert axe_violations(staff) == []
    # Focus moves to the confirm button once htmx has taken over the new row: only then is it clicked.
    expect(confirm).to_be_focused()
    confirm.click()
    expect(row.locator(".state")).to_have_text("Approved")
    expect(badge).to_have_text("")
    assert staff.evaluate("window.stillTheSamePage") is True

    # --- 6. The partnership calendar, its list and its feed --------------------------------------------------
    page.get_by_role("link", name="Calendar", exact=True).click()
    grid = page.locator("#calendar_grid")
    page.evaluate("window.stillTheSamePage = true")
    for ahead in (1, 2):
        page.get_by_role("link", name="Next month").click()
        expect(page.locator("#calendar-month")).to_have_text(month_name(months_ahead(city_today(app), ahead)))
        expect(grid).not_to_have_class(re.compile(r"\bhtmx-added\b"))  # htmx has taken over the new links
    assert page.evaluate("window.stillTheSamePage") is True
    expect(grid.get_by_role("link", name=TITLE)).to_be_visible()
    expect(grid.get_by_role("link", name=CLASH)).to_be_visible()
    screenshot("core-6-calendar-month")
    assert axe_violations() == []

    page.get_by_role("link", name="Show as a list").click()
    listed = page.locator("tr", has_text=TITLE)
    expect(listed).to_contain_text("Lyon")
    expect(listed).to_contain_text(f"{CHOIR}, {MUSIC_SCHOOL}")
    assert axe_violations() == []

    page.get_by_role("link", name="Subscribe in your calendar program").click()
    feed = page.get_by_label("Address of the whole calendar").input_value()
    assert re.fullmatch(rf"{live_server}/calendar/feed/\S+\.ics", feed)
    screenshot("core-6-subscribe")
    assert axe_violations() == []

    # A calendar program has no login cookie: a fresh request context fetches the feed.
    calendar_program = playwright.request.new_context()
    try:
        answer = calendar_program.get(feed)
        assert answer.ok
        assert answer.headers["content-type"].startswith("text/calendar")
        ics = answer.text().replace("\r\n ", "")  # unfold long lines (RFC 5545, 3.1)
    finally:
        calendar_program.dispose()
    assert re.search(rf"SUMMARY(;LANGUAGE=[a-z]+)?:{re.escape(TITLE)}\r\n", ics)  # the title, marked with its language
    assert "LOCATION:Salle Molière\\, Lyon" in ics
    assert re.search(rf"SUMMARY(;LANGUAGE=[a-z]+)?:{re.escape(CLASH)}\r\n", ics)
    assert re.search(rf"DTSTART;TZID=Europe/Berlin:{day.strftime('%Y%m%d')}T190000", ics)
