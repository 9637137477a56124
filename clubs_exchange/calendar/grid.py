"""The month grid as plain values: which weeks a month shows and which events fall on each day.

No request and no database here: the functions take aware datetimes, a time zone and "today", so the month
boundaries, events over several days and the days the clocks change are tested directly.
"""

# Absolute imports: `calendar` is the standard library, not this package.
import calendar
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from clubs_exchange.ids import parse_int

# Months outside this range are refused: nobody plans exchanges there, and time-zone arithmetic near
# year 1 or 9999 overflows.
MIN_YEAR, MAX_YEAR = 1900, 2200
# A day cell names this many events and links to the rest: a busy month stays a readable (and light) page.
SHOWN_PER_DAY = 4


@dataclass(frozen=True)
class Entry:
    """One event as shown on one day: on its first day with its start time, on later days as continuing."""

    event: object  # anything with aware starts_at / ends_at (a Proposal)
    day: date
    starts: datetime  # local time
    ends: datetime  # local time

    @property
    def starts_today(self) -> bool:
        return self.starts.date() == self.day

    @property
    def ends_today(self) -> bool:
        return last_day(self.starts, self.ends) == self.day

    @property
    def single_day(self) -> bool:
        return self.starts_today and self.ends_today


@dataclass
class Day:
    date: date
    in_month: bool
    is_today: bool
    entries: list[Entry] = field(default_factory=list)

    @property
    def shown(self) -> list[Entry]:
        # One more than the limit would take the room of the "more" link itself: then show them all.
        return self.entries if len(self.entries) <= SHOWN_PER_DAY + 1 else self.entries[:SHOWN_PER_DAY]

    @property
    def more(self) -> int:
        return len(self.entries) - len(self.shown)


@dataclass
class MonthGrid:
    year: int
    month: int
    weeks: list[list[Day]]

    @property
    def first(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def previous(self) -> tuple[int, int] | None:
        return shift_month(self.year, self.month, -1)

    @property
    def next(self) -> tuple[int, int] | None:
        return shift_month(self.year, self.month, 1)

    @property
    def event_count(self) -> int:
        """Distinct events of this month (an event over three days counts once)."""
        return len({id(e.event) for week in self.weeks for d in week if d.in_month for e in d.entries})


def parse_month(year: str | None, month: str | None, today: date) -> tuple[int, int] | None:
    """The month asked for in the address; a missing part means today's. None if it cannot be read."""
    if not year and not month:
        return today.year, today.month
    y = parse_int(year, minimum=MIN_YEAR, maximum=MAX_YEAR) if year else today.year
    m = parse_int(month, maximum=12) if month else today.month
    return None if y is None or m is None else (y, m)


def shift_month(year: int, month: int, delta: int) -> tuple[int, int] | None:
    index = year * 12 + (month - 1) + delta
    y, m = divmod(index, 12)
    if not MIN_YEAR <= y <= MAX_YEAR:
        return None
    return y, m + 1


def month_weeks(year: int, month: int) -> list[list[date]]:
    """The weeks the grid shows, Monday first, including the neighbouring months' days that fill them."""
    return calendar.Calendar(firstweekday=calendar.MONDAY).monthdatescalendar(year, month)


def start_of_day(day: date, tz: ZoneInfo) -> datetime:
    """Local midnight of `day`, in UTC: the boundaries for the database query."""
    return datetime.combine(day, time(0), tzinfo=tz).astimezone(UTC)


def visible_span(year: int, month: int, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """[start, end) in UTC of the days the grid shows: the one query fetches events overlapping this."""
    weeks = month_weeks(year, month)
    return start_of_day(weeks[0][0], tz), start_of_day(weeks[-1][-1] + timedelta(days=1), tz)


def last_day(starts: datetime, ends: datetime) -> date:
    """The last local day an event covers; one that ends at midnight does not spill into the next day."""
    first = starts.date()
    last = ends.date()
    if last > first and ends.timetz().replace(tzinfo=None) == time(0):
        last -= timedelta(days=1)
    return max(first, last)


def days_covered(starts_at: datetime, ends_at: datetime, tz: ZoneInfo) -> list[date]:
    starts, ends = starts_at.astimezone(tz), ends_at.astimezone(tz)
    first, last = starts.date(), last_day(starts, ends)
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def is_cancelled(event) -> bool:
    return getattr(event, "state", None) == "cancelled"


def build_month(year: int, month: int, events, *, today: date, tz: ZoneInfo) -> MonthGrid:
    """Place each event on every visible day it covers: the events taking place first, then the cancelled
    ones, each in order of start time, so that a day's "more" link never hides an event that takes place
    behind cancelled ones."""
    weeks = month_weeks(year, month)
    days = {d: Day(date=d, in_month=d.month == month, is_today=d == today) for week in weeks for d in week}
    first_visible, last_visible = weeks[0][0], weeks[-1][-1]
    for event in sorted(events, key=lambda e: (is_cancelled(e), e.starts_at, e.ends_at)):
        starts, ends = event.starts_at.astimezone(tz), event.ends_at.astimezone(tz)
        first = max(starts.date(), first_visible)
        last = min(last_day(starts, ends), last_visible)
        day = first
        while day <= last:
            days[day].entries.append(Entry(event=event, day=day, starts=starts, ends=ends))
            day += timedelta(days=1)
    return MonthGrid(year=year, month=month, weeks=[[days[d] for d in week] for week in weeks])


def by_month(events, tz: ZoneInfo) -> list[tuple[date, list]]:
    """Events (in order of start) grouped under the first day of the local month they start in."""
    months: list[tuple[date, list]] = []
    for event in events:
        first_of_month = event.starts_at.astimezone(tz).date().replace(day=1)
        if not months or months[-1][0] != first_of_month:
            months.append((first_of_month, []))
        months[-1][1].append(event)
    return months
