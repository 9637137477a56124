"""The month grid as a plain function: month boundaries, events over several days, days the clocks change."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from clubs_exchange.calendar.filters import list_span
from clubs_exchange.calendar.grid import (
    MAX_YEAR,
    build_month,
    by_month,
    days_covered,
    month_weeks,
    parse_month,
    shift_month,
    visible_span,
)

BERLIN = ZoneInfo("Europe/Berlin")
TODAY = date(2031, 6, 15)


@dataclass(eq=False)
class Happening:
    starts_at: datetime
    ends_at: datetime
    title: str = "event"


def berlin(*args) -> datetime:
    return datetime(*args, tzinfo=BERLIN)


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


def short(starts_at: datetime, title: str) -> Happening:
    return Happening(starts_at, starts_at + timedelta(minutes=15), title)


def titles_by_day(grid) -> dict[date, list[str]]:
    return {d.date: [e.event.title for e in d.entries] for week in grid.weeks for d in week if d.entries}


def test_weeks_start_on_monday_and_fill_the_month():
    weeks = month_weeks(2031, 6)  # 1 June 2031 is a Sunday
    assert weeks[0][0] == date(2031, 5, 26) and weeks[0][0].weekday() == 0
    assert weeks[-1][-1] == date(2031, 7, 6)
    assert all(len(week) == 7 for week in weeks)
    days = [d for week in weeks for d in week]
    assert days == [date(2031, 5, 26) + timedelta(days=n) for n in range(len(days))]


def test_days_of_neighbouring_months_are_marked_and_today_is_flagged():
    grid = build_month(2031, 6, [], today=TODAY, tz=BERLIN)
    flat = [d for week in grid.weeks for d in week]
    assert [d.date for d in flat if not d.in_month][:6] == [date(2031, 5, 26 + n) for n in range(6)]
    assert all(d.in_month for d in flat if d.date.month == 6)
    assert [d.date for d in flat if d.is_today] == [TODAY]
    assert grid.first == date(2031, 6, 1)
    assert (grid.previous, grid.next) == ((2031, 5), (2031, 7))


def test_an_event_is_placed_on_its_local_day_not_its_utc_day():
    # 22:30 UTC on 31 May is half past midnight on 1 June in Berlin.
    grid = build_month(2031, 6, [short(utc(2031, 5, 31, 22, 30), "late")], today=TODAY, tz=BERLIN)
    assert titles_by_day(grid) == {date(2031, 6, 1): ["late"]}


def test_an_event_over_several_days_appears_on_each_day_it_covers():
    camp = Happening(berlin(2031, 6, 12, 18, 0), berlin(2031, 6, 14, 14, 0), "camp")
    grid = build_month(2031, 6, [camp], today=TODAY, tz=BERLIN)
    days = {d.date: d for week in grid.weeks for d in week}
    assert titles_by_day(grid) == {date(2031, 6, n): ["camp"] for n in (12, 13, 14)}
    first, middle, last = (days[date(2031, 6, n)].entries[0] for n in (12, 13, 14))
    assert (first.starts_today, first.ends_today) == (True, False)
    assert (middle.starts_today, middle.ends_today) == (False, False)
    assert (last.starts_today, last.ends_today) == (False, True)
    assert grid.event_count == 1


def test_an_event_ending_at_midnight_does_not_spill_into_the_next_day():
    evening = Happening(berlin(2031, 6, 12, 19, 0), berlin(2031, 6, 13, 0, 0), "evening")
    assert days_covered(evening.starts_at, evening.ends_at, BERLIN) == [date(2031, 6, 12)]
    grid = build_month(2031, 6, [evening], today=TODAY, tz=BERLIN)
    assert titles_by_day(grid) == {date(2031, 6, 12): ["evening"]}
    assert grid.weeks[2][3].entries[0].single_day


def test_an_event_across_the_month_boundary_shows_in_both_months():
    festival = Happening(berlin(2031, 6, 30, 10, 0), berlin(2031, 7, 2, 18, 0), "festival")
    june = build_month(2031, 6, [festival], today=TODAY, tz=BERLIN)
    july = build_month(2031, 7, [festival], today=TODAY, tz=BERLIN)
    expected = {day: ["festival"] for day in (date(2031, 6, 30), date(2031, 7, 1), date(2031, 7, 2))}
    assert titles_by_day(june) == expected
    assert titles_by_day(july) == expected  # July's grid starts on Monday 30 June
    assert june.event_count == 1 and july.event_count == 1


def test_a_long_event_fills_only_the_visible_days():
    season = Happening(berlin(2031, 1, 1, 0, 0), berlin(2031, 12, 31, 23, 0), "season")
    grid = build_month(2031, 6, [season], today=TODAY, tz=BERLIN)
    assert all(d.entries for week in grid.weeks for d in week)
    assert len(titles_by_day(grid)) == 6 * 7


def test_events_of_a_day_are_in_order_of_start():
    later = Happening(berlin(2031, 6, 12, 18, 0), berlin(2031, 6, 12, 20, 0), "later")
    earlier = Happening(berlin(2031, 6, 12, 9, 0), berlin(2031, 6, 12, 11, 0), "earlier")
    grid = build_month(2031, 6, [later, earlier], today=TODAY, tz=BERLIN)
    assert titles_by_day(grid)[date(2031, 6, 12)] == ["earlier", "later"]


def test_visible_span_starts_and_ends_at_local_midnight_across_the_spring_change():
    # The clocks go forward on Sunday 30 March 2031: the grid starts in winter time and ends in summer time.
    start, end = visible_span(2031, 3, BERLIN)
    assert start == utc(2031, 2, 23, 23, 0)  # Monday 24 February 00:00 CET
    assert end == utc(2031, 4, 6, 22, 0)  # Monday 7 April 00:00 CEST, after the last day shown
    assert month_weeks(2031, 3)[-1][-1] == date(2031, 4, 6)


def test_events_on_the_spring_change_day_land_on_the_right_days():
    events = [
        short(utc(2031, 3, 29, 22, 30), "23:30 CET on the 29th"),
        short(utc(2031, 3, 29, 23, 30), "00:30 CET on the 30th"),
        short(utc(2031, 3, 30, 1, 0), "03:00 CEST on the 30th"),
        short(utc(2031, 3, 30, 22, 30), "00:30 CEST on the 31st"),
        # Stored in UTC, as the database holds it: local midnight to local midnight.
        Happening(berlin(2031, 3, 30, 0, 0).astimezone(UTC), berlin(2031, 3, 31, 0, 0).astimezone(UTC),
                  "the 23-hour day"),
    ]
    grid = build_month(2031, 3, events, today=TODAY, tz=BERLIN)
    assert titles_by_day(grid) == {
        date(2031, 3, 29): ["23:30 CET on the 29th"],
        date(2031, 3, 30): ["the 23-hour day", "00:30 CET on the 30th", "03:00 CEST on the 30th"],
        date(2031, 3, 31): ["00:30 CEST on the 31st"],
    }
    assert events[-1].ends_at - events[-1].starts_at == timedelta(hours=23)


def test_events_on_the_autumn_change_day_land_on_the_right_days():
    # 26 October 2031: 03:00 CEST becomes 02:00 CET, the day has 25 hours. The same 22:30 UTC is
    # 00:30 CEST of the next day before the change, and 23:30 CET of the same day after it.
    events = [
        short(utc(2031, 10, 25, 22, 30), "early"),
        short(utc(2031, 10, 26, 22, 30), "evening"),
        short(utc(2031, 10, 26, 23, 30), "late"),
    ]
    grid = build_month(2031, 10, events, today=TODAY, tz=BERLIN)
    assert titles_by_day(grid) == {date(2031, 10, 26): ["early", "evening"], date(2031, 10, 27): ["late"]}
    start, end = visible_span(2031, 10, BERLIN)
    assert start == utc(2031, 9, 28, 22, 0)  # Monday 29 September 00:00 CEST
    assert end == utc(2031, 11, 2, 23, 0)  # Monday 3 November 00:00 CET


@pytest.mark.parametrize(
    ("year", "month", "expected"),
    [
        ("2031", "6", (2031, 6)),
        (None, None, (2031, 6)),
        ("", "", (2031, 6)),
        ("2032", None, (2032, 6)),
        (None, "2", (2031, 2)),
        ("2031", "13", None),
        ("2031", "0", None),
        ("2031", "-1", None),
        ("abc", "1", None),
        ("2031", "June", None),
        ("99999", "1", None),
        ("0", "1", None),
        ("1e3", "1", None),
    ],
)
def test_the_month_in_the_address_is_read_or_refused(year, month, expected):
    assert parse_month(year, month, TODAY) == expected


def test_months_shift_across_years_and_stop_at_the_edge():
    assert shift_month(2031, 12, 1) == (2032, 1)
    assert shift_month(2031, 1, -1) == (2030, 12)
    assert shift_month(MAX_YEAR, 12, 1) is None
    assert build_month(MAX_YEAR, 12, [], today=TODAY, tz=BERLIN).next is None


def test_the_list_groups_events_by_the_local_month_they_start_in():
    new_year = short(utc(2031, 12, 31, 23, 30), "00:30 on 1 January in Berlin")
    december = short(utc(2031, 12, 20, 18, 0), "December")
    february = short(utc(2032, 2, 1, 9, 0), "February")
    groups = by_month([december, new_year, february], BERLIN)
    assert [(month, [e.title for e in events]) for month, events in groups] == [
        (date(2031, 12, 1), ["December"]),
        (date(2032, 1, 1), ["00:30 on 1 January in Berlin"]),
        (date(2032, 2, 1), ["February"]),
    ]


@pytest.mark.parametrize(
    ("first", "last", "emptied", "expected"),
    [
        (None, None, False, (TODAY, None)),  # upcoming by default
        (None, None, True, (None, None)),  # "from" emptied on purpose: everything
        (date(2031, 1, 1), None, False, (date(2031, 1, 1), None)),
        (None, date(2031, 7, 1), False, (TODAY, date(2031, 7, 1))),
        (None, date(2031, 1, 1), False, (None, date(2031, 1, 1))),  # "to" in the past looks back
    ],
)
def test_the_days_the_list_covers(first, last, emptied, expected):
    assert list_span(first, last, from_emptied=emptied, today=TODAY) == expected


def test_a_busy_day_names_four_events_and_counts_the_rest():
    def day_with(n: int):
        events = [Happening(berlin(2031, 6, 12, 8 + i), berlin(2031, 6, 12, 9 + i), f"event {i}") for i in range(n)]
        grid = build_month(2031, 6, events, today=TODAY, tz=BERLIN)
        return next(d for week in grid.weeks for d in week if d.date == date(2031, 6, 12))

    busy = day_with(7)
    assert [e.event.title for e in busy.shown] == ["event 0", "event 1", "event 2", "event 3"] and busy.more == 3
    # Five fit: a "1 more" link would take the room of the fifth event.
    assert len(day_with(5).shown) == 5 and day_with(5).more == 0
    assert day_with(0).more == 0
