"""The iCalendar feed is written in its owner's language (the stored language of the person whose token is in the
address, else the city's default), never in the Accept-Language of the calendar program fetching it; its ETag and
the built feed in memory are kept per language."""

import pytest
from icalendar import Calendar

from clubs_exchange.auth.models import UserRole
from clubs_exchange.proposals.models import ProposalState
from tests.test_mail_language import app_config, compiled, fresh_catalogues, tr  # noqa: F401

LANGUAGES = ("de", "fr", "ro")


def fetch(client, user, accept="en", partner=None):
    url = f"/calendar/feed/{user.calendar_token}" + (f"/partner/{partner.id}.ics" if partner else ".ics")
    response = client.get(url, headers={"Accept-Language": accept})
    assert response.status_code == 200
    return response, Calendar.from_ical(response.data)


def the_event(calendar):
    [event] = calendar.walk("VEVENT")
    return event


def test_a_german_users_feed_has_german_labels_whatever_the_program_asks_for(client, make_user, make_proposal,
                                                                              make_partner):
    owner = make_user(role=UserRole.STAFF, language="de")
    annecy = make_partner(name="Annecy", country="Frankreich")
    make_proposal(ProposalState.APPROVED, title="Sommerkonzert", partner_city=annecy)
    _response, calendar = fetch(client, owner, accept="fr, en;q=0.5")
    assert str(calendar["X-WR-CALNAME"]) == "Testhausen · Partnerschaftskalender"
    description = str(the_event(calendar)["DESCRIPTION"])
    assert "Partnerstadt: Annecy (Frankreich)" in description
    assert "Art: " in description and "Veranstalter: " in description
    assert "Partner city" not in description and "Ville partenaire" not in description
    _response, calendar = fetch(client, owner, partner=annecy)
    assert str(calendar["X-WR-CALNAME"]) == "Testhausen · Partnerschaftskalender · Annecy"


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_owners_feed_in_their_language(client, make_user, make_proposal, make_partner, language):
    owner = make_user(language=language)
    make_proposal(ProposalState.APPROVED, partner_city=make_partner(name="Krems", country="Austria"))
    _response, calendar = fetch(client, owner, accept="en")
    assert str(calendar["X-WR-CALNAME"]) == tr(language, "%(city)s · Partnership calendar", city="Testhausen")
    event = the_event(calendar)
    assert tr(language, "Partner city: %(city)s (%(country)s)", city="Krems", country="Austria") in str(
        event["DESCRIPTION"])
    # The category is the event's kind, named in the owner's language too.
    assert event["CATEGORIES"].cats == [tr(language, "Match or tournament")]


def test_an_owner_without_a_language_gets_the_citys_default_not_the_programs(client, make_user, make_proposal):
    owner = make_user(language=None)
    make_proposal(ProposalState.APPROVED)
    _response, calendar = fetch(client, owner, accept="de")
    assert str(calendar["X-WR-CALNAME"]) == "Testhausen · Partnership calendar"


def test_the_etag_and_the_built_feed_follow_the_owners_language(db, client, make_user, make_proposal):
    owner = make_user(language="de")
    make_proposal(ProposalState.APPROVED)
    german, calendar = fetch(client, owner)
    assert "Partnerschaftskalender" in str(calendar["X-WR-CALNAME"])
    # The same program revalidates: unchanged.
    again = client.get(f"/calendar/feed/{owner.calendar_token}.ics", headers={"If-None-Match": german.headers["ETag"]})
    assert again.status_code == 304
    # The owner switches to French: the program's copy is out of date, and the new feed is French, not the
    # German one kept in memory.
    owner.language = "fr"
    db.session.commit()
    again = client.get(f"/calendar/feed/{owner.calendar_token}.ics", headers={"If-None-Match": german.headers["ETag"]})
    assert again.status_code == 200 and again.headers["ETag"] != german.headers["ETag"]
    assert "Calendrier des jumelages" in str(Calendar.from_ical(again.data)["X-WR-CALNAME"])
    # Two owners of different languages fetching the same calendar get each their own.
    other = make_user(language="ro")
    _response, calendar = fetch(client, other)
    assert "Calendarul înfrățirilor" in str(calendar["X-WR-CALNAME"])
