"""Lists say their order and sort as a person expects (issue 10).

"Our proposals" came in the order they were last changed: a draft touched today jumped above next week's
match. They now come by start date, coming events first; notifications come newest first, by when they
happened; every list of the area says its order above the table.
"""

import re
from datetime import UTC, datetime, timedelta

import pytest

from clubs_exchange.auth.models import UserRole
from clubs_exchange.clock import frozen
from clubs_exchange.notifications.models import Notification, NotificationKind
from clubs_exchange.proposals.models import ProposalState

NOW = datetime(2031, 5, 1, 10, 0, tzinfo=UTC)


def titles_in(html: str, names) -> list[str]:
    """The given titles in the order they appear on the page."""
    found = sorted((html.index(name), name) for name in names if name in html)
    return [name for _, name in found]


def caption(html: str) -> str:
    match = re.search(r"<caption[^>]*>(.*?)</caption>", html, re.S)
    assert match, "the table has no caption"
    return " ".join(re.sub(r"<[^>]+>", " ", match.group(1)).split())


@pytest.fixture
def proposals(db, make_proposal, choir):
    """Changed in an order unlike their dates: the last changed is the one furthest away."""
    made = {}
    for title, days, state in [
        ("Match next week", 7, ProposalState.APPROVED),
        ("Concert last month", -30, ProposalState.APPROVED),
        ("Festival next year", 300, ProposalState.DRAFT),
        ("Workshop tomorrow", 1, ProposalState.SUBMITTED),
        ("Visit last year", -200, ProposalState.APPROVED),
    ]:
        made[title] = make_proposal(state, organisation=choir, title=title, starts_at=NOW + timedelta(days=days))
    for i, title in enumerate(["Workshop tomorrow", "Visit last year", "Match next week", "Concert last month",
                               "Festival next year"]):
        made[title].updated_at = NOW - timedelta(days=10 - i)
    db.session.commit()
    return made


EXPECTED = ["Workshop tomorrow", "Match next week", "Festival next year", "Concert last month", "Visit last year"]


def test_our_proposals_come_by_start_date_coming_first_then_the_past_latest_first(
    client, login_as, secretary, proposals
):
    login_as(secretary)
    with frozen(NOW):
        html = client.get("/proposals/").get_data(as_text=True)
    assert titles_in(html, proposals) == EXPECTED
    assert "coming events first" in caption(html).lower()


def test_staff_see_all_proposals_in_the_same_order(client, login_as, make_user, proposals):
    login_as(make_user(role=UserRole.STAFF))
    with frozen(NOW):
        html = client.get("/proposals/").get_data(as_text=True)
    assert titles_in(html, proposals) == EXPECTED


def test_an_event_under_way_counts_as_coming(client, login_as, db, secretary, proposals):
    running = proposals["Concert last month"]
    running.ends_at = NOW + timedelta(days=2)  # a long festival that started a month ago and runs on
    db.session.commit()
    login_as(secretary)
    with frozen(NOW):
        html = client.get("/proposals/").get_data(as_text=True)
    assert titles_in(html, proposals)[0] == "Concert last month"


def test_the_start_page_lists_proposals_in_progress_by_start_date(client, login_as, secretary, proposals):
    login_as(secretary)
    with frozen(NOW):
        html = client.get("/").get_data(as_text=True)
    section = html.split('id="work-heading"')[1]
    assert titles_in(section, proposals) == ["Workshop tomorrow", "Festival next year"]
    assert "soonest first" in caption(section).lower()


def test_notifications_come_newest_first_by_when_they_happened(client, login_as, db, secretary):
    # Stored in another order than they happened (a digest or an import may write older ones later).
    for message, hours_ago in [("Older news", 5), ("Newest news", 1), ("Oldest news", 30)]:
        db.session.add(Notification(user_id=secretary.id, kind=NotificationKind.APPROVED, message=message,
                                    link="/", created_at=NOW - timedelta(hours=hours_ago)))
    db.session.commit()
    login_as(secretary)
    html = client.get("/notifications/").get_data(as_text=True)
    assert titles_in(html, ["Older news", "Newest news", "Oldest news"]) == ["Newest news", "Older news", "Oldest news"]
    assert "Newest first." in html  # and the page says so


def test_the_interest_lists_say_their_order(client, login_as, secretary, choir, make_interest):
    make_interest(organisation=choir, activity="concert")
    login_as(secretary)
    html = client.get("/interests/").get_data(as_text=True)
    own, open_ = html.split('id="open-heading"')
    assert "open ones first" in caption(own).lower()
    assert "newest first" in caption(open_).lower()


def test_the_organisation_list_says_its_order(client, login_as, secretary):
    login_as(secretary)
    assert "alphabetical" in caption(client.get("/organisations/").get_data(as_text=True)).lower()
