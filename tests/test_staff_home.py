"""The staff start page shows all work waiting, each a count linking to where it is done (issue 10, part 4).

Before, it counted only the proposals waiting for review: organisations to verify, households to confirm,
guests of the coming weeks still without a host and the deadlines had to be looked for page by page.
"""

import re
from datetime import UTC, date, datetime, timedelta
from html import unescape

import pytest
import sqlalchemy as sa

from clubs_exchange.auth.models import UserRole
from clubs_exchange.awards.models import ApplicationState
from clubs_exchange.clock import frozen
from clubs_exchange.hosting.models import HostStatus, Placement
from clubs_exchange.organisations.models import OrganisationStatus
from clubs_exchange.partners.models import PartnershipState, RelationshipLevel
from clubs_exchange.proposals.models import Direction, ProposalState
from tests.helpers import counted_statements

NOW = datetime(2031, 12, 5, 9, 0, tzinfo=UTC)
TODAY = date(2031, 12, 5)


def work_lines(html: str) -> dict[str, tuple[str, str]]:
    """{kind of work: (text, link)} of the start page's work-waiting list."""
    block = html.split('class="work-waiting"')[1].split("</ul>")[0]
    return {
        key: (" ".join(unescape(text).split()), unescape(href))
        for key, href, text in re.findall(r'<li class="work-(\w+)[^"]*"><a href="([^"]*)">(.*?)</a></li>', block, re.S)
    }


@pytest.fixture
def staff(make_user):
    return make_user(role=UserRole.STAFF, name="Stefan Staff")


@pytest.fixture
def waiting(db, make_org, make_partner, make_proposal, make_host, make_guest, make_application, make_user):
    """Two of each kind of work waiting, and beside each something alike that is not (yet) work."""
    make_org(status=OrganisationStatus.PENDING)
    make_org(status=OrganisationStatus.PENDING)
    make_org()  # verified

    make_host(status=HostStatus.PROPOSED)
    make_host(status=HostStatus.PROPOSED)
    host = make_host()  # confirmed

    def event(days, state=ProposalState.APPROVED, direction=Direction.INCOMING):
        return make_proposal(state, direction=direction, starts_at=NOW + timedelta(days=days))

    soon, later, outgoing = event(14), event(70), event(20, direction=Direction.OUTGOING)
    for proposal in (soon, soon, later):
        make_guest(proposal_id=proposal.id)
    placed = make_guest(proposal_id=soon.id)
    db.session.add(Placement(guest_id=placed.id, household_id=host.id, proposal_id=soon.id))
    make_guest(proposal_id=event(-10).id)  # the visit is over
    make_guest(proposal_id=event(25, direction=Direction.BOTH).id)
    assert outgoing.direction == Direction.OUTGOING

    event(10, ProposalState.SUBMITTED)
    event(-1, ProposalState.SUBMITTED).ends_at = NOW + timedelta(days=2)  # under way and still not decided
    event(60, ProposalState.SUBMITTED)  # in the queue, but not urgent yet

    friendship = {"relationship_level": RelationshipLevel.FRIENDSHIP}
    make_partner(friendship_until=TODAY + timedelta(days=30), **friendship)
    make_partner(friendship_until=TODAY - timedelta(days=3), **friendship)  # ran out: still to be decided
    make_partner(friendship_until=TODAY + timedelta(days=400), **friendship)
    make_partner(friendship_until=TODAY + timedelta(days=10), state=PartnershipState.ENDED, **friendship)

    make_application(year=2032)
    make_application(year=2032, stage="flag_of_honour")
    make_application(year=2032, stage="plaque_of_honour", state=ApplicationState.SUBMITTED)
    make_application(year=2033, stage="europe_prize")  # a deadline further on

    from clubs_exchange.privacy.models import ErasureRequest, ErasureState

    for state in (ErasureState.PENDING, ErasureState.PENDING, ErasureState.DECLINED):
        db.session.add(ErasureRequest(user_id=make_user().id, state=state))
    db.session.commit()


def test_the_staff_start_page_counts_each_kind_of_work_and_links_to_its_list(client, login_as, staff, waiting):
    login_as(staff)
    with frozen(NOW):
        html = client.get("/").get_data(as_text=True)
    assert work_lines(html) == {
        "to_review": ("3 proposals waiting for review", "/review/"),
        "to_verify": ("2 organisations to verify", "/organisations/?status=pending"),
        "to_confirm": ("2 host households to confirm", "/hosting/hosts/"),
        "erasure_requests": ("2 requests to erase an account", "/privacy/erasure-requests"),
        "unplaced_guests": ("3 guests without a host in events of the next 6 weeks", "/hosting/"),
        "starting_soon": ("2 submitted proposals starting within 6 weeks", "/review/"),
        "friendships_ending": ("2 town friendships running out within three months", "/partners/"),
        "award_drafts": ("2 award applications in draft, due on 15 Jan 2032", "/awards/"),
    }


def test_with_nothing_waiting_each_line_says_none_quietly(client, login_as, staff):
    login_as(staff)
    with frozen(NOW):
        html = client.get("/").get_data(as_text=True)
    lines = work_lines(html)
    assert lines["to_verify"][0] == "0 organisations to verify"
    assert len(lines) == 8
    assert html.count("work-none") == 8


def test_members_see_no_office_work(client, login_as, make_user, make_org, waiting):
    login_as(make_user(make_org()))
    html = client.get("/").get_data(as_text=True)
    assert "work-waiting" not in html and "organisations to verify" not in html


def test_each_link_leads_to_a_page_staff_may_open(client, login_as, staff, waiting):
    login_as(staff)
    with frozen(NOW):
        html = client.get("/").get_data(as_text=True)
        for _text, url in work_lines(html).values():
            assert client.get(url).status_code == 200, url


def test_the_start_page_keeps_its_number_of_queries_however_much_waits(
    client, login_as, db, staff, make_org, make_host, make_partner, page_cache_off
):
    login_as(staff)

    def add(n):
        for _ in range(n):
            make_org(status=OrganisationStatus.PENDING)
            make_host(status=HostStatus.PROPOSED)
            make_partner(relationship_level=RelationshipLevel.FRIENDSHIP, friendship_until=TODAY)

    def statements():
        with frozen(NOW), counted_statements(db.engine) as seen:
            response = client.get("/")
        assert response.status_code == 200
        return len(seen), work_lines(response.get_data(as_text=True))["to_verify"][0]

    add(2)
    few, text = statements()
    assert text == "2 organisations to verify"
    add(40)
    many, text = statements()
    assert text == "42 organisations to verify"
    assert few == many <= 6


def test_the_demo_data_show_each_kind_of_work(app, client, login_as, db):
    from clubs_exchange.auth.models import User
    from clubs_exchange.demo import seed_demo_data

    seed_demo_data()
    login_as(db.session.scalar(sa.select(User).where(User.email == "staff@example.org")))
    lines = work_lines(client.get("/").get_data(as_text=True))
    empty = [key for key, (text, _url) in lines.items() if text.startswith("0 ")]
    assert len(lines) == 8 and empty == []
