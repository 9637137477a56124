"""The review queue: oldest first, counts per state, filters, conflict flags, paging, fixed query count."""

from datetime import UTC, datetime, timedelta

import pytest

from clubs_exchange.auth.models import UserRole
from clubs_exchange.proposals.models import EventKind, ProposalState
from tests.helpers import counted_statements

S = ProposalState
START = datetime(2031, 6, 12, 16, 0, tzinfo=UTC)


@pytest.fixture
def as_staff(login_as, make_user):
    return login_as(make_user(role=UserRole.STAFF))


def text(response) -> str:
    """The page as a person reads it (Babel separates "6:00" and "PM" with a narrow no-break space)."""
    return response.get_data(as_text=True).replace("\u202f", " ")


def rows(html: str) -> list[str]:
    """The proposal titles in the order the queue shows them."""
    import re

    return re.findall(r'id="proposal-\d+-title">([^<]+)</a>', html)


def test_queue_shows_submitted_proposals_oldest_first(client, as_staff, make_proposal, db):
    newest = make_proposal(S.SUBMITTED, title="Newest")
    oldest = make_proposal(S.SUBMITTED, title="Oldest")
    middle = make_proposal(S.SUBMITTED, title="Middle")
    for i, proposal in enumerate((oldest, middle, newest)):
        proposal.submitted_at = START - timedelta(days=30 - i)
    make_proposal(S.DRAFT, title="A draft")
    make_proposal(S.APPROVED, title="Approved already")
    db.session.commit()

    response = client.get("/review/")
    assert response.status_code == 200
    assert rows(response.get_data(as_text=True)) == ["Oldest", "Middle", "Newest"]


def test_each_row_shows_what_a_reviewer_needs(client, as_staff, make_proposal, make_org, make_partner):
    make_proposal(
        S.SUBMITTED, title="Youth tournament", organisation=make_org(name="FC Testhausen"),
        partner_city=make_partner(name="Saint-Lô"), starts_at=START, participants_ours=22,
        participants_guests=16, budget_cents=150_000,
    )
    html = text(client.get("/review/"))
    for expected in ("Youth tournament", "FC Testhausen", "Saint-Lô", "12 Jun 2031, 18:00–21:00",
                 "38", "22 ours, 16 guests", "€1,500.00", ">Approve<", ">Request changes<", ">Reject<",
                 '<label for="comment-'):
        assert expected in html, expected


def test_counts_per_state_are_links_that_filter(client, as_staff, make_proposal):
    for state, n in ((S.SUBMITTED, 2), (S.CHANGES_REQUESTED, 1), (S.APPROVED, 3), (S.DRAFT, 4)):
        for i in range(n):
            make_proposal(state, title=f"{state.value} {i}")

    html = client.get("/review/").get_data(as_text=True)
    assert 'href="/review/?state=submitted"\naria-current="page">Submitted (2)</a>' in html
    assert ">Changes requested (1)</a>" in html
    assert ">Approved (3)</a>" in html and ">Rejected (0)</a>" in html and ">Cancelled (0)</a>" in html
    assert "Draft" not in html  # drafts are the organisations' business

    approved = client.get("/review/?state=approved").get_data(as_text=True)
    assert sorted(rows(approved)) == ["approved 0", "approved 1", "approved 2"]
    assert 'aria-current="page">Approved (3)' in approved.replace("\n", "")
    assert "Cancel event" in approved


def test_an_unknown_state_shows_the_submitted_ones(client, as_staff, make_proposal):
    make_proposal(S.SUBMITTED, title="Waiting")
    for state in ("draft", "nonsense", "x" * 10_000):
        response = client.get("/review/", query_string={"state": state})
        assert response.status_code == 200
        assert rows(response.get_data(as_text=True)) == ["Waiting"]


def test_filter_by_partner_city_and_kind(client, as_staff, make_proposal, make_partner):
    lo, le = make_partner(name="Saint-Lô"), make_partner(name="Leszno")
    make_proposal(S.SUBMITTED, title="Lô match", partner_city=lo, kind=EventKind.MATCH)
    make_proposal(S.SUBMITTED, title="Lô concert", partner_city=lo, kind=EventKind.CONCERT)
    make_proposal(S.SUBMITTED, title="Leszno concert", partner_city=le, kind=EventKind.CONCERT)
    make_proposal(S.APPROVED, title="Lô approved", partner_city=lo, kind=EventKind.CONCERT)

    html = client.get(f"/review/?partner={lo.id}").get_data(as_text=True)
    assert sorted(rows(html)) == ["Lô concert", "Lô match"]
    assert ">Submitted (2)</a>" in html and ">Approved (1)</a>" in html
    # The state links keep the filter.
    assert f'href="/review/?state=approved&amp;partner={lo.id}"' in html

    html = client.get(f"/review/?partner={lo.id}&kind=concert").get_data(as_text=True)
    assert rows(html) == ["Lô concert"]
    assert f'<option selected value="{lo.id}">Saint-Lô</option>' in html

    html = client.get("/review/?kind=concert&state=approved").get_data(as_text=True)
    assert rows(html) == ["Lô approved"]


def test_htmx_filter_answers_with_the_results_block_only(client, as_staff, make_proposal, htmx_headers):
    make_proposal(S.SUBMITTED, title="Concert", kind=EventKind.CONCERT)
    make_proposal(S.SUBMITTED, title="Match", kind=EventKind.MATCH)
    response = client.get("/review/?kind=concert", headers=htmx_headers)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<html" not in html and html.lstrip().startswith('<div id="queue_results">')
    assert rows(html) == ["Concert"]
    assert "HX-Request" in response.headers["Vary"]
    # A boosted request or a history restore needs the whole page.
    for header in ("HX-Boosted", "HX-History-Restore-Request"):
        page = client.get("/review/?kind=concert", headers={**htmx_headers, header: "true"})
        assert "<html" in page.get_data(as_text=True)


@pytest.mark.parametrize("query", ["partner=abc", "partner=999999", "kind=spaceflight", "partner=1.5"])
def test_a_tampered_filter_is_not_a_valid_choice_and_is_left_out(client, as_staff, make_proposal, query):
    make_proposal(S.SUBMITTED, title="Still shown")
    response = client.get(f"/review/?{query}")
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Not a valid choice" in html
    assert rows(html) == ["Still shown"]


def test_rows_with_conflicts_are_flagged(client, as_staff, make_proposal, make_partner):
    lo = make_partner(name="Saint-Lô")
    make_proposal(S.SUBMITTED, title="Clashing", partner_city=lo, starts_at=START, venue="Aula")
    make_proposal(S.SUBMITTED, title="Free", starts_at=START, venue="Kulturhaus")
    make_proposal(S.APPROVED, title="Town festival", partner_city=lo, starts_at=START, venue="Markt")

    html = client.get("/review/").get_data(as_text=True)
    clashing, free = html.split('<tr id="proposal-')[1:3]
    assert "Clashing" in clashing and "Conflict with 1 approved event" in clashing
    assert "Town festival" in clashing and "same partner city: Saint-Lô" in clashing
    assert "Free" in free and "Conflict" not in free


def test_an_empty_queue_says_so(client, as_staff):
    assert "No proposal is waiting for review." in client.get("/review/").get_data(as_text=True)


def test_the_queue_is_paged(page_cache_off, client, as_staff, make_proposal, app, db):
    app.config["REVIEW_PAGE_SIZE"] = 2
    for i in range(5):
        make_proposal(S.SUBMITTED, title=f"P{i}").submitted_at = START - timedelta(days=10 - i)
    db.session.commit()

    first = client.get("/review/?kind=match").get_data(as_text=True)
    assert rows(first) == ["P0", "P1"]
    assert "Page 1 of 3" in first
    assert 'href="/review/?state=submitted&amp;kind=match&amp;page=2"' in first
    assert rows(client.get("/review/?kind=match&page=3").get_data(as_text=True)) == ["P4"]
    assert client.get("/review/?page=abc").status_code == 200
    past_the_end = client.get("/review/?kind=match&page=99").get_data(as_text=True)
    assert rows(past_the_end) == ["P4"] and "Page 3 of 3" in past_the_end


def queue_queries(client, db) -> list[str]:
    db.session.expire_all()
    with counted_statements(db.engine) as statements:
        response = client.get("/review/")
        assert response.status_code == 200
    return statements


def test_the_queue_needs_the_same_number_of_queries_for_3_or_30_proposals(
    client, as_staff, make_proposal, make_partner, db, app
):
    app.config["REVIEW_PAGE_SIZE"] = 50  # all thirty on one page
    lo = make_partner(name="Saint-Lô")
    make_proposal(S.APPROVED, title="Festival", partner_city=lo, starts_at=START)

    # Each proposal has its own organisation and partner city; every third one clashes with the festival.
    for i in range(3):
        clash = {"partner_city": lo} if i % 3 == 0 else {}
        make_proposal(S.SUBMITTED, **clash, starts_at=START, venue=f"Hall {i}")
    few = queue_queries(client, db)

    for i in range(27):
        clash = {"partner_city": lo} if i % 3 == 0 else {}
        make_proposal(S.SUBMITTED, **clash, starts_at=START, venue=f"Hall {i}")
    many = queue_queries(client, db)

    html = client.get("/review/").get_data(as_text=True)
    assert len(rows(html)) == 30 and html.count("Conflict with 1 approved event") == 10
    assert len(few) == len(many), "\n\n".join(many)
    assert len(many) <= 10, "\n\n".join(many)


def test_the_queue_shows_twenty_proposals_a_page(page_cache_off, client, as_staff, make_proposal, db):
    for i in range(21):
        make_proposal(S.SUBMITTED, title=f"P{i:02}").submitted_at = START - timedelta(days=30 - i)
    db.session.commit()

    first = client.get("/review/").get_data(as_text=True)
    assert rows(first) == [f"P{i:02}" for i in range(20)]
    assert "Page 1 of 2" in first
    assert rows(client.get("/review/?page=2").get_data(as_text=True)) == ["P20"]
