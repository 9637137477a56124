"""The one clock: the city's today and now (near midnight they differ from UTC's), and frozen in tests."""

from datetime import UTC, date, datetime, timedelta

import pytest

from clubs_exchange import clock
from clubs_exchange.auth.models import UserRole

# 22:30 UTC on 30 June is already 1 July in Berlin (UTC+2 in summer).
BEFORE_MIDNIGHT_UTC = datetime(2031, 6, 30, 22, 30, tzinfo=UTC)


def test_today_near_midnight_is_the_citys_date_not_utcs(app):
    with clock.frozen(BEFORE_MIDNIGHT_UTC):
        assert clock.utcnow().date() == date(2031, 6, 30)
        assert clock.today() == date(2031, 7, 1)
        assert clock.now().hour == 0 and clock.now().utcoffset() == timedelta(hours=2)


def test_another_city_has_another_today(app):
    app.config["CITY_TIMEZONE"] = "America/New_York"
    with clock.frozen(datetime(2031, 7, 1, 2, 0, tzinfo=UTC)):
        assert clock.today() == date(2031, 6, 30)


def test_frozen_holds_and_then_lets_go(app):
    with clock.frozen(BEFORE_MIDNIGHT_UTC):
        assert clock.utcnow() == BEFORE_MIDNIGHT_UTC
        with clock.frozen(BEFORE_MIDNIGHT_UTC + timedelta(days=1)):
            assert clock.today() == date(2031, 7, 2)
        assert clock.today() == date(2031, 7, 1)
    assert abs(clock.utcnow() - datetime.now(UTC)) < timedelta(seconds=5)  # noqa: TID251 (the real clock)
    assert clock.utcnow().tzinfo is not None


def test_frozen_refuses_a_naive_time():
    with pytest.raises(ValueError), clock.frozen(datetime(2031, 6, 30, 12, 0)):  # noqa: DTZ001 (the point)
        pass


def test_outside_an_app_the_default_zone():
    assert clock.city_tz().key == clock.DEFAULT_TIMEZONE


def test_stored_times_come_from_the_clock(app, make_org):
    with clock.frozen(BEFORE_MIDNIGHT_UTC):
        organisation = make_org()
    assert organisation.created_at == BEFORE_MIDNIGHT_UTC


def test_the_calendar_opens_on_the_citys_month_near_midnight(app, make_user, login_as):
    client = login_as(make_user(role=UserRole.STAFF))
    with clock.frozen(BEFORE_MIDNIGHT_UTC):
        response = client.get("/calendar/")
    assert response.status_code == 200
    assert "July 2031" in response.text
