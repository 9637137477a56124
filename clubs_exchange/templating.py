"""Jinja filters and globals: dates in the city's time zone, money and numbers in the reader's language (Babel),
the htmx script, the navigation badges.

Areas add their own globals with their blueprint's app_template_global, and their badges with navigation_badge.
"""

from collections.abc import Callable
from datetime import date, datetime
from functools import lru_cache
from typing import Any

import sqlalchemy as sa
from flask import Flask, current_app, g, url_for
from flask_babel import format_date, format_datetime, format_decimal, format_percent, format_time, get_locale
from flask_login import current_user
from markupsafe import Markup

from clubs_exchange.clock import local
from clubs_exchange.extensions import db
from clubs_exchange.links import outside_link


def money(cents: int | None) -> str:
    # Like when(): ≈0.1 ms a Babel call, twenty on a page of the review queue; the text depends only on these.
    return _money(cents or 0, current_app.config["CURRENCY"], str(get_locale()))


@lru_cache(maxsize=20_000)
def _money(cents: int, currency: str, locale: str) -> str:
    from babel.numbers import format_currency

    return format_currency(cents / 100, currency, locale=locale)


def when(start: datetime, end: datetime | None = None) -> str:
    """A span of time as a person reads it: one date if the event fits in a day."""
    # Babel formatting costs ≈0.2 ms a call and the calendar and queue show hundreds of spans: the text
    # depends only on these values, the language and the city's time zone, so it is remembered.
    return _when(start, end, str(get_locale()), current_app.config["CITY_TIMEZONE"])


@lru_cache(maxsize=20_000)
def _when(start: datetime, end: datetime | None, _locale: str, _timezone: str) -> str:
    start_l = local(start)
    if end is None:
        return format_datetime(start_l, "medium")
    end_l = local(end)
    if start_l.date() == end_l.date():
        return f"{format_date(start_l, 'medium')}, {format_time(start_l, 'short')}–{format_time(end_l, 'short')}"
    # Numeric short dates read differently across Europe (1/3 is March to many): spell the month.
    return (
        f"{format_date(start_l, 'medium')}, {format_time(start_l, 'short')} – "
        f"{format_date(end_l, 'medium')}, {format_time(end_l, 'short')}"
    )


def htmx_script() -> Markup:
    config = current_app.config
    if config["HTMX_SELF_HOSTED"]:
        src = url_for("static", filename="vendor/htmx.min.js")
        return Markup('<script src="{}" defer></script>').format(src)
    return Markup('<script src="{}" integrity="{}" crossorigin="anonymous" defer></script>').format(
        config["HTMX_CDN_URL"], config["HTMX_INTEGRITY"]
    )


# The navigation's badges, each added by its area (notifications: unread; review: waiting for a decision).
_BADGES: dict[str, Callable[[Any], sa.ScalarSelect | None]] = {}


def navigation_badge(name: str, count: Callable[[Any], sa.ScalarSelect | None]) -> None:
    """Add a number to the navigation: count(user) is a scalar subquery, or None where the user has no such badge.

    Every page shows the badges, so they are asked for together, in one query, once per request."""
    _BADGES[name] = count


def navigation_counts() -> dict[str, int]:
    """The navigation's numbers for the person logged in, by badge name (only the badges they have)."""
    if "navigation_counts" not in g:
        counts = [(name, count(current_user)) for name, count in _BADGES.items()]
        columns = [column.label(name) for name, column in counts if column is not None]
        g.navigation_counts = dict(db.session.execute(sa.select(*columns)).one()._mapping) if columns else {}
    return g.navigation_counts


def init_app(app: Flask) -> None:
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.jinja_env.filters.update(
        local=local,
        money=money,
        when=when,
        date=lambda d: format_date(local(d) if isinstance(d, datetime) else d, "medium"),
        datetime=lambda d: format_datetime(local(d), "medium"),
        month=lambda d: format_date(d, "MMMM yyyy") if isinstance(d, date) else "",
        # 48,000 / 48.000 / 48 000; `number("0.#")` a pattern; `percent`: 0.45 → 45% / 45 %.
        number=lambda n, pattern=None: format_decimal(n, pattern) if n is not None else "",
        percent=lambda n: format_percent(n) if n is not None else "",
    )
    app.jinja_env.globals.update(outside_link=outside_link, htmx_script=htmx_script)
