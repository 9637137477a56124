"""A page past the end of a list, in a real browser: the last page, its navigation back, no axe violations."""

import pytest

from clubs_exchange.auth.models import UserRole

pytestmark = pytest.mark.browser


def test_a_page_past_the_end_shows_the_last_page(app, db, make_user, make_proposal, browser_login, live_server,
                                                  screenshot, axe_violations):
    from clubs_exchange.proposals.models import ProposalState

    app.config["PAGE_SIZE"] = 2
    for n in range(5):
        make_proposal(ProposalState.APPROVED, title=f"Concert {n}")
    page = browser_login(make_user(role=UserRole.STAFF))
    page.goto(f"{live_server}/calendar/list?from=2031-01-01&page=8")
    screenshot("calendar-list-page-past-the-end")
    navigation = page.get_by_role("navigation", name="Pages")
    assert "Page 3 of 3" in navigation.inner_text()
    assert navigation.get_by_role("link", name="Next").count() == 0
    assert axe_violations() == []
    navigation.get_by_role("link", name="Previous").click()
    page.wait_for_url("**page=2**")
    assert "Page 2 of 3" in page.get_by_role("navigation", name="Pages").inner_text()
