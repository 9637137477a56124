"""Every CSV download is written by the one CSV module: the office's delimiter, a BOM, no formula runs."""

from datetime import UTC, datetime

import pytest

from clubs_exchange.auth.models import UserRole
from clubs_exchange.csv_io import read_rows
from clubs_exchange.proposals.models import ProposalState

EVIL = '=HYPERLINK("http://evil.example","Click")'


def rows_of(response) -> list[list[str]]:
    """The rows of a download, split at ";" only: the file must use the office's delimiter."""
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"].startswith("attachment; filename=")
    assert response.data.startswith(b"\xef\xbb\xbf")
    return read_rows(response.data, delimiter=";")


@pytest.fixture
def staff(make_user):
    return make_user(role=UserRole.STAFF)


def test_a_guest_whose_name_is_a_formula_is_text_in_the_placements_export(client, login_as, world, make_guest):
    users, ids = world
    make_guest(proposal_id=ids["event_a"], name=EVIL, allergies="-cats", age=12, is_minor=True)
    login_as(users["staff"])
    rows = rows_of(client.get(f"/hosting/events/{ids['event_a']}/placements.csv"))
    assert rows[0][:4] == ["guest", "age", "minor", "gender"]
    by_name = {row[0]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    guest = by_name["'" + EVIL]
    assert guest["allergies"] == "'-cats" and guest["age"] == "12" and guest["minor"] == "yes"


def test_an_event_whose_title_is_a_formula_is_text_in_the_awards_report(client, login_as, staff, make_proposal):
    make_proposal(ProposalState.APPROVED, title=EVIL, participants_ours=12,
                  starts_at=datetime(2025, 5, 5, 22, 30, tzinfo=UTC))
    login_as(staff)
    response = client.get("/awards/report.csv?from=2025-01-01&to=2025-12-31")
    assert response.headers["Content-Disposition"] == 'attachment; filename="activity-report-2025-01-01-2025-12-31.csv"'
    rows = rows_of(response)
    assert rows[0][:3] == ["Criterion", "Date", "Event"]
    event = dict(zip(rows[0], rows[1], strict=True))
    # 22:30 UTC on 5 May is 6 May in the city.
    assert event["Event"] == "'" + EVIL and event["Date"] == "2025-05-06"
    assert event["Participants from our city"] == "12"


def test_the_sample_guest_list_uses_the_office_delimiter(app, client, login_as, world):
    login_as(world[0]["staff"])
    rows = rows_of(client.get("/hosting/guest-list-sample.csv"))
    assert rows[0][:3] == ["name", "date_of_birth", "age"] and rows[1][4] == "French; English"
    app.config["CSV_DELIMITER"] = ","
    data = client.get("/hosting/guest-list-sample.csv").data
    assert data.decode("utf-8-sig").startswith("name,date_of_birth,age,")
