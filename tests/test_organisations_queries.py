"""The organisation list and profile issue the same number of SQL statements for 3 rows as for 30."""


import pytest

from clubs_exchange.auth.models import UserRole
from clubs_exchange.proposals.models import ProposalState
from tests.helpers import counted_statements


@pytest.fixture
def statements_for(client, db):
    def run(url: str) -> int:
        with counted_statements(db.engine) as statements:
            response = client.get(url)
        assert response.status_code == 200
        return len(statements)

    return run


@pytest.mark.parametrize("role", [UserRole.MEMBER, UserRole.STAFF])
def test_organisation_list_is_a_fixed_number_of_queries(login_as, make_org, make_user, statements_for, role):
    login_as(make_user(make_org(name="Mine") if role == UserRole.MEMBER else None, role=role))
    for n in range(2):
        make_org(name=f"Chor {n}")
    few = statements_for("/organisations/")
    for n in range(2, 29):
        make_org(name=f"Chor {n}")
    assert statements_for("/organisations/") == few
    assert statements_for("/organisations/?q=chor&kind=sports_club") == few


def fill(org, make_partner, make_interest, make_proposal, make_org, n: int) -> None:
    """n rows of each kind the profile shows, each with its own partner city (a lazy load would show)."""
    for _ in range(n):
        make_interest(organisation=org, partner_city=make_partner())
        make_proposal(ProposalState.SUBMITTED, organisation=org)
        make_proposal(ProposalState.APPROVED, organisation=org)
        event = make_proposal(ProposalState.APPROVED, organisation=make_org())
        event.co_organisers.append(org)


def test_profile_is_a_fixed_number_of_queries(
    db, login_as, make_org, make_user, make_partner, make_interest, make_proposal, statements_for
):
    org = make_org()
    login_as(make_user(org))
    fill(org, make_partner, make_interest, make_proposal, make_org, 3)
    db.session.commit()
    few = statements_for(f"/organisations/{org.id}")
    fill(org, make_partner, make_interest, make_proposal, make_org, 27)
    db.session.commit()
    assert statements_for(f"/organisations/{org.id}") == few


def test_members_page_is_a_fixed_number_of_queries(db, login_as, make_org, make_user, statements_for):
    org = make_org()
    login_as(make_user(org))
    for _ in range(2):
        make_user(org)
    few = statements_for(f"/organisations/{org.id}/members")
    for _ in range(27):
        make_user(org)
    assert statements_for(f"/organisations/{org.id}/members") == few


def test_the_profile_shows_the_latest_proposals_and_past_events_only(
    page_cache_off, client, login_as, make_org, make_user, make_proposal
):
    """Ten years of history must not make the page grow: the latest 20, and a link to all events."""
    from datetime import timedelta

    from clubs_exchange.clock import utcnow

    org = make_org(name="Kammerchor")
    login_as(make_user(None, role=UserRole.STAFF))
    for n in range(23):
        make_proposal(state=ProposalState.APPROVED, organisation=org, title=f"Past concert {n:02d}",
                      starts_at=utcnow() - timedelta(days=10 + n))

    html = client.get(f"/organisations/{org.id}").get_data(as_text=True)

    assert "Past concert 00" in html and "Past concert 19" in html  # the most recent first
    assert "Past concert 20" not in html and "Past concert 22" not in html
    assert "The latest 20 proposals are shown." in html
    assert f'href="/calendar/list?organisation={org.id}&amp;from="' in html
