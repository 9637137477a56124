"""A city that sets only CITY_TIMEZONE (as the README says) sees its own times on every page, Babel's too."""

from datetime import UTC, datetime

import pytest

from clubs_exchange.auth.models import UserRole
from clubs_exchange.proposals.models import ProposalState


@pytest.fixture
def app_config(app_config):
    """Only CITY_TIMEZONE is set, as the README says; Babel's own default is left alone."""
    return {**app_config, "CITY_TIMEZONE": "Europe/Bucharest"}


def test_pages_show_times_in_the_city_zone(app, make_user, make_proposal, login_as):
    # 16:00 UTC is 19:00 in Bucharest (UTC+3 in summer), 18:00 in Berlin.
    event = make_proposal(ProposalState.APPROVED, title="Concert at dusk",
                          starts_at=datetime(2031, 6, 12, 16, 0, tzinfo=UTC))
    client = login_as(make_user(role=UserRole.STAFF))
    page = client.get(f"/calendar/event/{event.id}").text
    assert "19:00" in page and "18:00" not in page
    assert "19:00" in client.get(f"/proposals/{event.id}").text
    listing = client.get("/calendar/list?from=2031-06-01").text
    assert "19:00" in listing and "18:00" not in listing
