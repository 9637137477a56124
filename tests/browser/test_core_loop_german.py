"""The core loop in German (issue 12, "Done when"): two people whose browsers ask for German, at two desks.

A choir registers, confirms its e-mail address with the link from the outbox, logs in; city staff verify it;
the secretary proposes an event, saves it as a draft and submits it; staff approve it in the review queue; the
event is in the partnership calendar and its list. Every page on the way says `<html lang="de">` and German
words; nobody chose a language anywhere: the browser's Accept-Language (de-DE) is all the app goes by.
"""

import re
from datetime import date
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
from babel.dates import format_date
from playwright.sync_api import expect

from clubs_exchange import clock
from clubs_exchange.auth.models import UserRole
from clubs_exchange.mail.models import OutboxMail
from clubs_exchange.organisations.models import Organisation
from tests.helpers import PASSWORD

pytestmark = pytest.mark.browser

CHOIR = "Kammerchor Cantabile"
EMAIL = "clara@cantabile.example.org"
TITLE = "Frühlingskonzert in Lyon"


def next_month(app) -> date:
    """The 12th of the month after the city's current one: one click on "Nächster Monat" away."""
    today = clock.utcnow().astimezone(ZoneInfo(app.config["CITY_TIMEZONE"])).date()
    return date(today.year + today.month // 12, today.month % 12 + 1, 12)


def in_german(page):
    expect(page.locator("html")).to_have_attribute("lang", "de")


def test_a_choir_walks_the_core_loop_in_german(app, db, page_in, live_server, make_user, make_partner,
                                               axe_violations):
    staff_user = make_user(role=UserRole.STAFF, name="Sabine Staff")
    make_partner(name="Lyon", country="France")
    day = next_month(app)
    page, staff = page_in("de-DE"), page_in("de-DE")

    # Registration, in German from the first page on.
    page.goto(f"{live_server}/")
    in_german(page)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Partnerschaftsaustausch")
    page.get_by_role("main").get_by_role("link", name="Organisation registrieren").click()
    in_german(page)
    page.get_by_label("Name der Organisation").fill(CHOIR)
    page.get_by_label("Art", exact=True).select_option(label="Chor oder Musikverein")
    page.get_by_label("Sparte oder Fach").fill("Kammerchor")
    page.get_by_label("Anzahl der Mitglieder oder Schüler/innen").fill("28")
    page.get_by_label("Ihr Name").fill("Clara Weber")
    page.get_by_label("Ihre E-Mail-Adresse").fill(EMAIL)
    page.get_by_label("Passwort", exact=True).fill("sing in tune 42")
    page.get_by_label("Passwort wiederholen").fill("sing in tune 42")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Registrieren", exact=True).click()
    expect(page.get_by_role("status").first).to_contain_text("Bitte sehen Sie in Ihr Postfach")

    # Not before the address is confirmed; the link is in the mail in the outbox.
    page.get_by_label("E-Mail", exact=True).fill(EMAIL)
    page.get_by_label("Passwort").fill("sing in tune 42")
    page.get_by_role("button", name="Anmelden").click()
    expect(page.get_by_role("main")).to_contain_text("Bitte bestätigen Sie zuerst Ihre E-Mail-Adresse")
    mail = db.session.scalar(sa.select(OutboxMail).where(OutboxMail.recipient == EMAIL))
    page.goto(live_server + re.search(r"/verify-email/[\w.-]+", mail.text_body).group(0))
    in_german(page)
    page.get_by_role("button", name="Meine E-Mail-Adresse bestätigen").click()
    expect(page.get_by_role("status").first).to_have_text(
        "Ihre E-Mail-Adresse ist bestätigt. Bitte melden Sie sich an.")
    page.get_by_label("E-Mail", exact=True).fill(EMAIL)
    page.get_by_label("Passwort").fill("sing in tune 42")
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url(f"{live_server}/")
    in_german(page)
    expect(page.get_by_role("button", name="Abmelden")).to_be_visible()

    # Staff, in German too, verify the choir.
    staff.goto(f"{live_server}/login")
    staff.get_by_label("E-Mail", exact=True).fill(staff_user.email)
    staff.get_by_label("Passwort").fill(PASSWORD)
    staff.get_by_role("button", name="Anmelden").click()
    staff.wait_for_url(f"{live_server}/")
    choir_id = db.session.scalar(sa.select(Organisation.id).where(Organisation.name == CHOIR))
    staff.goto(f"{live_server}/organisations/{choir_id}")
    staff.get_by_role("button", name=f"{CHOIR} bestätigen").click()
    expect(staff.locator("#org_status")).to_contain_text(f"{CHOIR} ist bestätigt")

    # The secretary proposes an event, saves it as a draft and submits it.
    page.get_by_role("link", name="Vorschläge", exact=True).first.click()
    page.get_by_role("link", name="Gemeinsame Veranstaltung vorschlagen").click()
    in_german(page)
    page.get_by_label("Titel", exact=True).fill(TITLE)
    page.get_by_label("Art der Veranstaltung").select_option(label="Konzert")
    page.get_by_label("Partnerstadt", exact=True).select_option(label="Lyon (France)")
    page.get_by_label("Wir reisen").check()
    page.get_by_label("Start", exact=True).fill(f"{day.isoformat()}T19:00")
    page.get_by_label("Ende", exact=True).fill(f"{day.isoformat()}T21:30")
    page.get_by_label("Veranstaltungsort").fill("Salle Molière, Lyon")
    page.get_by_label("Teilnehmende aus unserer Stadt").fill("24")
    page.get_by_label("Beantragtes Budget").fill("1800,50")
    page.get_by_label("Beschreibung", exact=True).fill("Ein gemeinsames Konzert unseres Chors in Lyon.")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Als Entwurf speichern").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_role("status").first).to_contain_text("ist als Entwurf gespeichert")
    expect(page.locator("#proposal_status .state")).to_have_text("Entwurf")
    expect(page.locator(".facts")).to_contain_text("1.800,50")
    page.get_by_role("button", name="Zur Prüfung einreichen").click()
    expect(page.locator("#proposal_status .state")).to_have_text("Eingereicht")
    expect(page.locator("#proposal_status")).to_contain_text("Ihr Vorschlag ist eingereicht.")

    # Staff approve it in the review queue.
    staff.get_by_role("link", name="Prüfung", exact=True).click()
    in_german(staff)
    expect(staff.locator("#review-badge")).to_have_text("1 wartet auf Prüfung")
    row = staff.locator("tr", has_text=TITLE)
    assert axe_violations(staff) == []
    row.get_by_role("button", name="Genehmigen").click()
    expect(row.locator(".state")).to_have_text("Genehmigt")

    # The event is in the partnership calendar, next month, and in its list.
    page.get_by_role("link", name="Kalender", exact=True).click()
    in_german(page)
    page.get_by_role("link", name="Nächster Monat").click()
    expect(page.locator("#calendar-month")).to_have_text(format_date(day, "LLLL yyyy", locale="de"))
    expect(page.locator("#calendar_grid").get_by_role("link", name=TITLE)).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Als Liste anzeigen").click()
    listed = page.locator("tr", has_text=TITLE)
    expect(listed).to_contain_text("Lyon")
    expect(listed).to_contain_text(CHOIR)
    in_german(page)
