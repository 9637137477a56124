"""The activity report: approved events of a period by criterion, the untagged ones apart, CSV and tags."""

from datetime import UTC, date, datetime

import pytest

from clubs_exchange.awards.applications import tag_event
from clubs_exchange.awards.ladder import LadderError
from clubs_exchange.awards.models import AssociationMembership, Criterion, EventCriterion
from clubs_exchange.awards.report import activity_report
from clubs_exchange.csv_io import read_rows
from clubs_exchange.proposals.models import ProposalState

APPROVED = ProposalState.APPROVED


@pytest.fixture
def season(db, make_proposal, staff):
    """Events of 2025 in several states, two of them tagged."""
    at = lambda *a: datetime(*a, tzinfo=UTC)  # noqa: E731
    events = {
        "europe_day": make_proposal(APPROVED, title="Europe Day concert", starts_at=at(2025, 5, 5, 17)),
        "exchange": make_proposal(APPROVED, title="Pupil exchange", starts_at=at(2025, 9, 1, 8),
                                  participants_ours=30, participants_guests=25),
        "untagged": make_proposal(APPROVED, title="Rowing regatta", starts_at=at(2025, 7, 1, 9)),
        "draft": make_proposal(title="Draft idea", starts_at=at(2025, 6, 1, 9)),
        "cancelled": make_proposal(ProposalState.CANCELLED, title="Cancelled match", starts_at=at(2025, 6, 2, 9)),
        "next_year": make_proposal(APPROVED, title="Next year's tour", starts_at=at(2026, 3, 1, 9)),
        # 31 December 23:30 in Berlin is already 1 January in the city: it belongs to the next year.
        "new_year": make_proposal(APPROVED, title="New Year's Eve", starts_at=at(2025, 12, 31, 23, 30)),
    }
    tag_event(events["europe_day"], Criterion.EUROPEAN_EVENTS, actor=staff)
    tag_event(events["exchange"], Criterion.TWINNING, actor=staff)
    db.session.add(AssociationMembership(name="CEMR", since=date(1998, 3, 1)))
    db.session.add(AssociationMembership(name="Joined later", since=date(2026, 2, 1)))
    db.session.commit()
    return events


def titles(section):
    return [e.title for e in section.events]


def test_the_report_holds_the_approved_events_of_the_period_by_criterion(season):
    report = activity_report(date(2025, 1, 1), date(2025, 12, 31))
    assert titles(report.section(Criterion.EUROPEAN_EVENTS)) == ["Europe Day concert"]
    assert titles(report.section(Criterion.TWINNING)) == ["Pupil exchange"]
    assert titles(report.section(Criterion.SOLIDARITY)) == []
    assert titles(report.untagged) == ["Rowing regatta"]
    assert report.event_count == 3
    assert report.section(Criterion.TWINNING).participants_ours == 30
    assert [m.name for m in report.memberships] == ["CEMR"]
    assert [s.criterion for s in report.sections] == list(Criterion)


def test_the_period_is_counted_in_the_city_time_zone(season):
    report = activity_report(date(2026, 1, 1), date(2026, 12, 31))
    assert titles(report.untagged) == ["New Year's Eve", "Next year's tour"]


def test_tagging_moves_an_event_and_untagging_moves_it_back(db, season, staff):
    tag_event(season["untagged"], Criterion.SOLIDARITY, actor=staff)
    db.session.commit()
    report = activity_report(date(2025, 1, 1), date(2025, 12, 31))
    assert titles(report.section(Criterion.SOLIDARITY)) == ["Rowing regatta"]
    assert report.untagged.events == []
    tag_event(season["untagged"], None, actor=staff)
    db.session.commit()
    assert titles(activity_report(date(2025, 1, 1), date(2025, 12, 31)).untagged) == ["Rowing regatta"]
    assert db.session.get(EventCriterion, season["untagged"].id) is None


def test_only_approved_events_can_be_tagged(season, staff):
    with pytest.raises(LadderError, match="Only approved events"):
        tag_event(season["draft"], Criterion.TWINNING, actor=staff)


def test_the_report_page_shows_each_criterion_and_what_is_missing(client, login_as, staff, season):
    login_as(staff)
    page = client.get("/awards/report?from=2025-01-01&to=2025-12-31").get_data(as_text=True)
    europe = page.index('id="criterion-european_events"')
    solidarity = page.index('id="criterion-solidarity"')
    untagged = page.index('id="criterion-none"')
    assert europe < page.index("Europe Day concert") < solidarity
    assert untagged < page.index("Rowing regatta")
    assert "Draft idea" not in page and "Cancelled match" not in page and "Next year" not in page
    assert "Member of CEMR since" in page


def test_the_report_has_a_print_stylesheet():
    from pathlib import Path

    css = (Path(__file__).resolve().parents[1] / "static" / "css" / "app.css").read_text()
    awards_block = css[css.index("/* awards"):]
    assert "@media print" in awards_block and ".award-tag" in awards_block


def test_a_bad_period_is_said_and_the_year_shown(client, login_as, staff, season):
    login_as(staff)
    response = client.get("/awards/report?from=2025-13-01&to=2024-01-01")
    assert response.status_code == 422
    assert "Not a valid date value" in response.get_data(as_text=True)


def test_the_report_downloads_as_csv_with_a_byte_order_mark(client, login_as, staff, season, db):
    season["exchange"].title = "=HYPERLINK(\"x\") Échange"
    db.session.commit()
    login_as(staff)
    response = client.get("/awards/report.csv?from=2025-01-01&to=2025-12-31")
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    assert response.data.startswith("\ufeff".encode())
    rows = read_rows(response.data, delimiter=";")
    assert rows[0][:3] == ["Criterion", "Date", "Event"]
    by_title = {row[2]: row for row in rows[1:]}
    assert by_title["Europe Day concert"][0] == "European events (e.g. Europe Day, 5 May)"
    assert by_title["Rowing regatta"][0] == "Not tagged"
    # A title that looks like a formula stays text in a spreadsheet.
    assert "'=HYPERLINK(\"x\") Échange" in by_title
    assert by_title["Member of CEMR"][0] == "Membership of associations of local authorities"


def test_staff_tag_an_event_from_its_calendar_page_with_htmx(client, login_as, staff, season, htmx_headers):
    login_as(staff)
    event_id = season["untagged"].id
    page = client.get(f"/calendar/event/{event_id}").get_data(as_text=True)
    assert f'id="award-tag-{event_id}"' in page and "Criterion for the Europe Prize" in page
    response = client.post(f"/awards/events/{event_id}/criterion", data={"criterion": "solidarity"},
                           headers=htmx_headers)
    fragment = response.get_data(as_text=True)
    assert response.status_code == 200 and "<html" not in fragment
    assert "Tagged: European and international solidarity." in fragment
    assert '<option value="solidarity" selected>' in fragment


def test_tagging_without_javascript_comes_back_to_the_page(client, login_as, staff, season):
    login_as(staff)
    event_id = season["untagged"].id
    response = client.post(f"/awards/events/{event_id}/criterion",
                           data={"criterion": "twinning", "next": f"/calendar/event/{event_id}"})
    assert response.status_code == 303 and response.headers["Location"].endswith(f"/calendar/event/{event_id}")
    page = client.get(f"/calendar/event/{event_id}").get_data(as_text=True)
    assert '<option value="twinning" selected>' in page
    # A "next" leading off the site is not followed.
    response = client.post(f"/awards/events/{event_id}/criterion",
                           data={"criterion": "twinning", "next": "//evil.example/"})
    assert response.headers["Location"].endswith(f"/calendar/event/{event_id}")


def test_a_made_up_criterion_is_refused(client, login_as, staff, season, htmx_headers):
    login_as(staff)
    response = client.post(f"/awards/events/{season['untagged'].id}/criterion", data={"criterion": "glory"},
                           headers=htmx_headers)
    assert response.status_code == 422
    assert "Please choose one of the four criteria" in response.get_data(as_text=True)


def test_members_see_no_tag_control_and_cannot_tag(client, login_as, make_user, make_org, season):
    login_as(make_user(make_org()))
    event_id = season["untagged"].id
    assert "award-tag" not in client.get(f"/calendar/event/{event_id}").get_data(as_text=True)
    assert client.post(f"/awards/events/{event_id}/criterion", data={"criterion": "twinning"}).status_code == 403


def test_memberships_are_recorded_and_removed(client, login_as, staff, db):
    login_as(staff)
    response = client.post("/awards/memberships", data={"name": "  ", "since": "1998-03-01"})
    assert response.status_code == 422
    response = client.post("/awards/memberships", data={"name": "CEMR", "since": "1998-03-01"})
    assert response.status_code == 303
    membership = db.session.scalars(db.select(AssociationMembership)).one()
    assert (membership.name, membership.since) == ("CEMR", date(1998, 3, 1))
    assert client.post(f"/awards/memberships/{membership.id}/delete").status_code == 303
    assert db.session.scalars(db.select(AssociationMembership)).all() == []
