"""The project's one clock: the current moment in UTC for storing, and the city's date and time for people.

Every "now" and "today" in the code comes from here (ruff's DTZ and banned-api rules keep naive calls out), so
the city's time zone is read in one place and a test can set the time with `frozen`.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from flask import current_app, has_app_context

DEFAULT_TIMEZONE = "Europe/Berlin"

_frozen: datetime | None = None


def city_tz() -> ZoneInfo:
    """The city's time zone (CITY_TIMEZONE); outside an app the default, so rules stay testable without Flask."""
    name = current_app.config.get("CITY_TIMEZONE", DEFAULT_TIMEZONE) if has_app_context() else DEFAULT_TIMEZONE
    return ZoneInfo(name)


def utcnow() -> datetime:
    """This moment, aware, in UTC: what the database stores."""
    return _frozen if _frozen is not None else datetime.now(UTC)


def now() -> datetime:
    """This moment, aware, in the city's time zone: what a person in the office reads on the wall clock."""
    return utcnow().astimezone(city_tz())


def today() -> date:
    """The city's date: near midnight it differs from the server's and from UTC's."""
    return now().date()


def local(value: datetime) -> datetime:
    """A stored (UTC) time in the city's time zone."""
    return value.astimezone(city_tz())


@contextmanager
def frozen(at: datetime) -> Iterator[datetime]:
    """Tests: the clock stands at `at` (aware) until the block ends."""
    global _frozen
    if at.tzinfo is None:
        raise ValueError("frozen() needs an aware datetime")
    previous, _frozen = _frozen, at.astimezone(UTC)
    try:
        yield at
    finally:
        _frozen = previous
