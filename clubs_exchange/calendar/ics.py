"""The partnership calendar as iCalendar (RFC 5545) for calendar programs, built with the icalendar library.

Times are written in the city's time zone (DTSTART;TZID=Europe/Berlin:...) with a VTIMEZONE that defines it,
so a program in another zone shows the right hour. UIDs depend on the proposal id only: an edited or
cancelled event replaces the copy a program already holds instead of appearing twice.
"""

import hashlib
from collections.abc import Callable, Iterable
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from flask_babel import gettext as _
from icalendar import Calendar, Event, Timezone

from clubs_exchange.calendar.events import cancellation_reason, organisers
from clubs_exchange.localised.reading import localised
from clubs_exchange.proposals.models import Proposal, ProposalState

PRODID = "-//Clubs Exchange//Partnership calendar//EN"
# A feed holds the events that ended at most this long ago, and every later one: calendar programs keep
# what they fetched before, and a year back is enough to look up last season's visits.
FEED_WINDOW = timedelta(days=365)
# Part of the ETag: change it when the feed's format changes, so programs fetch the new form.
FORMAT_VERSION = "1"


def one_line(text: str) -> str:
    """A title, a venue or a calendar's name on one line: a line break typed or pasted into one would end the
    content line (icalendar refuses it) or split the name in the program's list."""
    return " ".join(text.split())


def event_uid(proposal: Proposal) -> str:
    return f"proposal-{proposal.id}@clubs-exchange"


def event_facts(proposal: Proposal) -> list[str]:
    """Kind, partner city and organisers: the lines of a description anyone may read (the public feed's)."""
    return [
        _("Kind: %(kind)s", kind=proposal.kind.label),
        _("Partner city: %(city)s (%(country)s)", city=proposal.partner_city.name,
          country=proposal.partner_city.country),
        _("Organisers: %(names)s", names=", ".join(o.name for o in organisers(proposal))),
    ]


def event_description(proposal: Proposal) -> str:
    lines = event_facts(proposal)
    if proposal.state == ProposalState.CANCELLED:
        reason = cancellation_reason(proposal)
        lines.insert(0, _("Cancelled: %(reason)s", reason=reason) if reason else _("Cancelled"))
    description = localised(proposal, "description")
    if description.text:
        lines += ["", description.text]
        if description.foreign:
            lines.append(description.note)
    return "\n".join(lines)


def event_component(
    proposal: Proposal, *, tz: ZoneInfo, url: str, describe: Callable[[Proposal], str] = event_description,
) -> Event:
    event = Event()
    event.add("uid", event_uid(proposal))
    # DTSTAMP and LAST-MODIFIED: when the proposal last changed (UTC), so an unchanged event looks unchanged.
    event.add("dtstamp", proposal.updated_at)
    event.add("last-modified", proposal.updated_at)
    event.add("dtstart", proposal.starts_at.astimezone(tz))
    event.add("dtend", proposal.ends_at.astimezone(tz))
    # In the feed's language where someone translated it, else the original, marked with its language (RFC 5545).
    title = localised(proposal, "title")
    event.add("summary", one_line(title.text), parameters={"LANGUAGE": title.language})
    if proposal.venue:
        event.add("location", one_line(proposal.venue))
    event.add("description", describe(proposal))
    event.add("categories", [proposal.kind.label])
    event.add("url", url)
    event.add("status", "CANCELLED" if proposal.state == ProposalState.CANCELLED else "CONFIRMED")
    # Every step (submit, approve, cancel ...) is a revision the program should take over.
    event.add("sequence", max(len(proposal.steps) - 1, 0))
    return event


def _timezone_span(proposals: list[Proposal], tz: ZoneInfo, today: date) -> tuple[date, date]:
    """The VTIMEZONE covers every event, and the coming year so that an empty feed names the zone too."""
    starts = [p.starts_at.astimezone(tz).date() for p in proposals]
    ends = [p.ends_at.astimezone(tz).date() for p in proposals]
    first = min([*starts, today]) - timedelta(days=1)
    last = max([*ends, today + timedelta(days=366)]) + timedelta(days=1)
    return first, last


def build_calendar(
    proposals: Iterable[Proposal],
    *,
    name: str,
    tz_name: str,
    event_url: Callable[[Proposal], str],
    today: date,
    describe: Callable[[Proposal], str] = event_description,
) -> bytes:
    """The VCALENDAR text of these events; `describe` writes each one's DESCRIPTION."""
    tz = ZoneInfo(tz_name)
    proposals = list(proposals)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    # An X- property is written as it is (not escaped as TEXT): it must hold no line break.
    cal.add("x-wr-calname", one_line(name))
    cal.add("x-wr-timezone", tz_name)
    # Polling hints (RFC 7986 and the older Apple/Microsoft name); the ETag makes a poll cheap.
    cal.add("refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT1H")
    first, last = _timezone_span(proposals, tz, today)
    cal.add_component(Timezone.from_tzid(tz_name, first_date=first, last_date=last))
    for proposal in proposals:
        cal.add_component(event_component(proposal, tz=tz, url=event_url(proposal), describe=describe))
    cal.add_missing_timezones(first_date=first, last_date=last)
    return cal.to_ical()


def feed_etag(*parts: object) -> str:
    """Changes whenever anything the feed is made of changes: pass every part (the state of its data, its
    scope, the window, the language and the address its links start with)."""
    key = "|".join([FORMAT_VERSION, *(str(part) for part in parts)])
    return hashlib.sha256(key.encode()).hexdigest()[:32]
