"""The partnership calendar as iCalendar (RFC 5545) for calendar programs, built with the icalendar library.

Times are written in the city's time zone (DTSTART;TZID=Europe/Berlin:...) with a VTIMEZONE that defines it,
so a program in another zone shows the right hour. UIDs depend on the proposal id only: an edited or
cancelled event replaces the copy a program already holds instead of appearing twice.
"""

import gc
import hashlib
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, timedelta
from threading import Lock
from zoneinfo import ZoneInfo

from flask_babel import gettext
from icalendar import Calendar, Event, Timezone

from clubs_exchange.calendar.events import cancellation_reason, organisers
from clubs_exchange.localised.languages import reader_language
from clubs_exchange.localised.reading import localised
from clubs_exchange.proposals.models import Proposal, ProposalState

PRODID = "-//Clubs Exchange//Partnership calendar//EN"
# A feed holds the events that ended at most this long ago, and every later one: calendar programs keep
# what they fetched before, and a year back is enough to look up last season's visits.
FEED_WINDOW = timedelta(days=365)
# Part of the ETag: change it when the feed's format changes, so programs fetch the new form.
FORMAT_VERSION = "1"


# While a feed is built: the texts translated once for all its events (flask_babel looks up the request's
# locale and catalogue on every call, ≈20 µs: a year's feed asks ≈30,000 times).
_build_texts: ContextVar[dict | None] = ContextVar("ics_build_texts", default=None)


@contextmanager
def _one_translation_per_text() -> Iterator[None]:
    token = _build_texts.set({})
    try:
        yield
    finally:
        _build_texts.reset(token)


def _(message: str, **variables) -> str:
    """gettext, remembered for the feed being built (the same locale throughout)."""
    texts = _build_texts.get()
    if texts is None:
        return gettext(message, **variables)
    text = texts.get(message)
    if text is None:
        text = texts[message] = gettext(message)
    return text % variables if variables else text


def _kind_label(proposal: Proposal) -> str:
    texts = _build_texts.get()
    if texts is None:
        return proposal.kind.label
    key = ("kind", proposal.kind)
    label = texts.get(key)
    if label is None:
        label = texts[key] = proposal.kind.label
    return label


def _language() -> str:
    texts = _build_texts.get()
    if texts is None:
        return reader_language()
    language = texts.get(("language",))
    if language is None:
        language = texts[("language",)] = reader_language()
    return language


@contextmanager
def no_gc_pauses() -> Iterator[None]:
    """Building a year's feed makes ≈40,000 ORM objects at once; the collector's full passes over the growing heap
    took half of the time (2.5 s → 1.2 s for loading the events). Nothing of them is cyclic garbage until the
    request ends: collection resumes after the block."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def one_line(text: str) -> str:
    """A title, a venue or a calendar's name on one line: a line break typed or pasted into one would end the
    content line (icalendar refuses it) or split the name in the program's list."""
    return " ".join(text.split())


def event_uid(proposal: Proposal) -> str:
    return f"proposal-{proposal.id}@clubs-exchange"


def event_facts(proposal: Proposal) -> list[str]:
    """Kind, partner city and organisers: the lines of a description anyone may read (the public feed's)."""
    return [
        _("Kind: %(kind)s", kind=_kind_label(proposal)),
        _("Partner city: %(city)s (%(country)s)", city=proposal.partner_city.name,
          country=proposal.partner_city.country),
        _("Organisers: %(names)s", names=", ".join(o.name for o in organisers(proposal))),
    ]


def event_description(proposal: Proposal) -> str:
    lines = event_facts(proposal)
    if proposal.state == ProposalState.CANCELLED:
        reason = cancellation_reason(proposal)
        lines.insert(0, _("Cancelled: %(reason)s", reason=reason) if reason else _("Cancelled"))
    description = localised(proposal, "description", language=_language())
    if description.text:
        lines += ["", description.text]
        if description.foreign:
            lines.append(description.note)
    return "\n".join(lines)


def event_values(
    proposal: Proposal, *, tz: ZoneInfo, url: str, describe: Callable[[Proposal], str] = event_description,
) -> tuple:
    """Everything an event's VEVENT is written from, as plain values (cheap: no iCalendar yet).

    The same values always make the same text: they are the key of the serialized VEVENT (event_text)."""
    # In the feed's language where someone translated it, else the original, marked with its language (RFC 5545).
    title = localised(proposal, "title", language=_language())
    return (
        event_uid(proposal),
        # DTSTAMP and LAST-MODIFIED: when the proposal last changed (UTC), so an unchanged event looks unchanged.
        proposal.updated_at,
        proposal.starts_at.astimezone(tz),
        proposal.ends_at.astimezone(tz),
        one_line(title.text),
        title.language,
        one_line(proposal.venue) if proposal.venue else None,
        describe(proposal),
        _kind_label(proposal),
        url,
        "CANCELLED" if proposal.state == ProposalState.CANCELLED else "CONFIRMED",
        # Every step (submit, approve, cancel ...) is a revision the program should take over.
        max(len(proposal.steps) - 1, 0),
    )


def component_of(values: tuple) -> Event:
    """The VEVENT of event_values(), built with icalendar (escaping, folding, time zones)."""
    uid, changed, starts, ends, title, title_language, venue, description, kind, url, status, sequence = values
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", changed)
    event.add("last-modified", changed)
    event.add("dtstart", starts)
    event.add("dtend", ends)
    event.add("summary", title, parameters={"LANGUAGE": title_language})
    if venue:
        event.add("location", venue)
    event.add("description", description)
    event.add("categories", [kind])
    event.add("url", url)
    event.add("status", status)
    event.add("sequence", sequence)
    return event


def event_component(
    proposal: Proposal, *, tz: ZoneInfo, url: str, describe: Callable[[Proposal], str] = event_description,
) -> Event:
    return component_of(event_values(proposal, tz=tz, url=url, describe=describe))


class _EventTexts:
    """Serialized VEVENTs by a digest of their values, shared by every feed of the process (the whole calendar,
    the partner cities', the public one, in every language). icalendar takes ≈1.5 ms an event, a year's feed
    holds ≈6,000: after one proposal changed, only its VEVENT is written again. Values that differ in anything
    (a renamed organisation, a translation, the language) have another digest: nothing to invalidate."""

    def __init__(self, size: int):
        self.size = size
        self.items: OrderedDict[bytes, bytes] = OrderedDict()
        self.lock = Lock()

    def get(self, values: tuple) -> bytes:
        key = hashlib.blake2b(repr(values).encode(), digest_size=16).digest()
        with self.lock:
            text = self.items.get(key)
            if text is not None:
                self.items.move_to_end(key)
                return text
        text = component_of(values).to_ical()
        with self.lock:
            self.items[key] = text
            while len(self.items) > self.size:
                self.items.popitem(last=False)
        return text


# A year's feed in the four languages, and the public feed (≈600 bytes an event: ≈20 MB at most per worker).
event_texts = _EventTexts(32_000)

CALENDAR_END = b"END:VCALENDAR\r\n"


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
    """The VCALENDAR text of these events; `describe` writes each one's DESCRIPTION.

    The calendar's own lines and its VTIMEZONE come from icalendar, each VEVENT from event_texts: the same
    bytes as one Calendar holding every Event (tests/test_ics.py compares them with build_calendar_whole)."""
    tz = ZoneInfo(tz_name)
    proposals = list(proposals)
    first, last = _timezone_span(proposals, tz, today)
    # Every event is written in tz, which the VTIMEZONE defines: no other zone to add.
    shell = _calendar_shell(name, tz_name, first, last).to_ical()
    if not shell.endswith(CALENDAR_END):
        raise ValueError("icalendar wrote a calendar that does not end with END:VCALENDAR")
    with _one_translation_per_text():
        values = [event_values(p, tz=tz, url=event_url(p), describe=describe) for p in proposals]
    events = [event_texts.get(v) for v in values]
    return b"".join([shell[: -len(CALENDAR_END)], *events, CALENDAR_END])


def _calendar_shell(name: str, tz_name: str, first: date, last: date) -> Calendar:
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
    cal.add_component(Timezone.from_tzid(tz_name, first_date=first, last_date=last))
    return cal


def build_calendar_whole(
    proposals: Iterable[Proposal],
    *,
    name: str,
    tz_name: str,
    event_url: Callable[[Proposal], str],
    today: date,
    describe: Callable[[Proposal], str] = event_description,
) -> bytes:
    """The same text as build_calendar, the plain way: one icalendar Calendar holding every Event (slow: for
    the test that compares the two byte for byte)."""
    tz = ZoneInfo(tz_name)
    proposals = list(proposals)
    first, last = _timezone_span(proposals, tz, today)
    cal = _calendar_shell(name, tz_name, first, last)
    for proposal in proposals:
        cal.add_component(event_component(proposal, tz=tz, url=event_url(proposal), describe=describe))
    cal.add_missing_timezones(first_date=first, last_date=last)
    return cal.to_ical()


def feed_etag(*parts: object) -> str:
    """Changes whenever anything the feed is made of changes: pass every part (the state of its data, its
    scope, the window, the language and the address its links start with)."""
    key = "|".join([FORMAT_VERSION, *(str(part) for part in parts)])
    return hashlib.sha256(key.encode()).hexdigest()[:32]
