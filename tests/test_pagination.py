"""Lists that page: a page past the end shows the last page ("Page 2 of 2"), never "Page 8 of 7"."""

import re

import pytest

from clubs_exchange.auth.models import UserRole
from clubs_exchange.ids import MAX_ID

PAGED_LISTS = ["/audit/", "/calendar/list", "/organisations/", "/proposals/", "/review/", "/interests/",
               "/notifications/", "/outbox/", "/accounts/"]


@pytest.fixture
def staff_with_lists(app, db, make_user, make_org, make_proposal, make_interest, login_as):
    """Staff, and at least two pages of everything at one item a page (accounts page by 50: 51 accounts)."""
    from clubs_exchange.auth.models import User
    from clubs_exchange.mail.models import OutboxMail
    from clubs_exchange.notifications.models import Notification, NotificationKind
    from clubs_exchange.proposals.models import ProposalState

    app.config["PAGE_SIZE"] = 1
    app.config["REVIEW_PAGE_SIZE"] = 1  # the review queue has its own (review rows are heavy)
    staff = make_user(role=UserRole.STAFF)
    for n in range(3):
        organisation = make_org(name=f"Club {n}")
        make_proposal(ProposalState.APPROVED, organisation=organisation)
        make_proposal(ProposalState.SUBMITTED, organisation=organisation)
        make_interest(organisation=organisation)
        db.session.add(Notification(user_id=staff.id, kind=NotificationKind.APPROVED, message=f"N{n}", link="/"))
        db.session.add(OutboxMail(recipient=f"r{n}@example.org", subject=f"S{n}", text_body="Hello"))
    db.session.add_all([User(email=f"many{n}@example.org", name=f"Many {n}", password_hash="x") for n in range(50)])
    db.session.commit()
    return login_as(staff)


def shown_page(html: str) -> tuple[int, int]:
    match = re.search(r"Page (\d+) of (\d+)", html)
    assert match, "no page navigation"
    return int(match[1]), int(match[2])


@pytest.mark.parametrize("path", PAGED_LISTS)
def test_a_page_past_the_end_shows_the_last_page(staff_with_lists, path):
    first = staff_with_lists.get(path)
    assert first.status_code == 200
    _, pages = shown_page(first.text)
    assert pages >= 2
    for asked in (pages + 1, 8 * pages, MAX_ID, 10**20):
        response = staff_with_lists.get(f"{path}?page={asked}")
        assert response.status_code == 200, asked
        assert shown_page(response.text) == (pages, pages), asked
        assert 'rel="next"' not in response.text


@pytest.mark.parametrize("path", PAGED_LISTS)
@pytest.mark.parametrize("asked", ["0", "-3", "²", "abc", ""])
def test_a_page_that_is_no_number_shows_the_first(staff_with_lists, path, asked):
    response = staff_with_lists.get(f"{path}?page={asked}")
    assert response.status_code == 200
    assert shown_page(response.text)[0] == 1


def test_the_last_page_links_back(staff_with_lists):
    response = staff_with_lists.get("/notifications/?page=8")
    assert 'rel="prev"' in response.text and "page=2" in response.text
