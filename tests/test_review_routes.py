"""Deciding on a proposal and cancelling an event, through the client: each role, page and htmx answers."""

from datetime import UTC, datetime

import pytest

from clubs_exchange.auth.models import UserRole
from clubs_exchange.proposals.models import ProposalAction, ProposalState

S = ProposalState
START = datetime(2031, 6, 12, 16, 0, tzinfo=UTC)


@pytest.fixture
def proposal(make_proposal):
    return make_proposal(S.SUBMITTED, title="Choir evening in Saint-Lô", starts_at=START)


@pytest.fixture
def as_staff(login_as, staff):
    return login_as(staff)


def text(response) -> str:
    """The page as a person reads it (Babel separates "6:00" and "PM" with a narrow no-break space)."""
    return response.get_data(as_text=True).replace("\u202f", " ")


def reload(db, proposal):
    db.session.expire_all()
    return db.session.get(type(proposal), proposal.id)


# --- who may come in ---------------------------------------------------------------------------------------


def review_urls(proposal_id):
    return [
        "/review/",
        "/review/badge",
        f"/review/{proposal_id}",
        f"/review/{proposal_id}/cancel",
    ]


def test_anonymous_is_sent_to_log_in(client, proposal):
    for url in review_urls(proposal.id):
        response = client.get(url)
        assert response.status_code == 302, url
        assert "/login" in response.headers["Location"]


def test_anonymous_htmx_request_gets_401_with_a_redirect_to_log_in(client, proposal, htmx_headers):
    response = client.post(f"/review/{proposal.id}",
                           data={"version": proposal.version, "action": "approve"}, headers=htmx_headers)
    assert response.status_code == 401
    assert "/login" in response.headers["HX-Redirect"]
    assert client.get("/review/badge", headers=htmx_headers).status_code == 401


def test_members_are_refused_even_of_the_proposing_organisation(
    client, login_as, make_user, proposal, db, make_org
):
    for user in (make_user(proposal.organisation), make_user(make_org())):
        login_as(user)
        for url in review_urls(proposal.id):
            assert client.get(url).status_code == 403, url
        response = client.post(f"/review/{proposal.id}", data={"version": proposal.version, "action": "approve"})
        assert response.status_code == 403
    assert reload(db, proposal).state == S.SUBMITTED


@pytest.mark.parametrize("role", [UserRole.STAFF, UserRole.ADMIN])
def test_staff_and_admins_see_every_review_page(client, login_as, make_user, make_proposal, role):
    approved = make_proposal(S.APPROVED)
    login_as(make_user(role=role))
    for url in review_urls(approved.id):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("suffix", ["", "/cancel"])
@pytest.mark.parametrize("bad_id", ["999999", "abc", "1.5", "-1"])
def test_unknown_and_non_integer_ids_are_404(client, as_staff, bad_id, suffix):
    assert client.get(f"/review/{bad_id}{suffix}").status_code == 404
    response = client.post(f"/review/{bad_id}{suffix}", data={"action": "approve", "reason": "x"})
    assert response.status_code == 404


# --- the review page ---------------------------------------------------------------------------------------


def test_review_page_shows_facts_history_and_the_decision_form(client, as_staff, proposal):
    html = text(client.get(f"/review/{proposal.id}"))
    assert "Choir evening in Saint-Lô" in html
    assert proposal.organisation.name in html and proposal.partner_city.name in html
    assert "12 Jun 2031, 18:00–21:00" in html  # 16:00 UTC is 18:00 in the city
    assert '<ol class="history">' in html and "Created" in html
    assert 'name="action" value="request_changes"' in html
    assert "No decision is pending" not in html
    assert "Conflict" not in html


def test_review_page_of_a_decided_proposal_says_no_decision_is_pending(client, as_staff, make_proposal):
    rejected = make_proposal(S.REJECTED)
    html = client.get(f"/review/{rejected.id}").get_data(as_text=True)
    assert "No decision is pending: this proposal is “Rejected”." in html
    assert 'name="action"' not in html


@pytest.mark.parametrize("action", ["approve", "request_changes", "reject"])
def test_deciding_on_a_proposal_that_is_not_submitted_is_refused_with_a_message(
    client, as_staff, make_proposal, db, action
):
    approved = make_proposal(S.APPROVED)
    response = client.post(f"/review/{approved.id}",
                           data={"version": approved.version, "action": action, "comment": "Because."})
    assert response.status_code == 422
    assert "A proposal that is “Approved” cannot be given the step" in response.get_data(as_text=True)
    assert reload(db, approved).state == S.APPROVED


# --- plain forms -------------------------------------------------------------------------------------------


def test_plain_approve_redirects_back_to_the_queue_with_a_message(client, as_staff, proposal, staff, db):
    response = client.post(
        f"/review/{proposal.id}", data={"version": proposal.version, "action": "approve", "next": "/review/?kind=match"}
    )
    assert response.status_code == 303
    assert response.headers["Location"] == "/review/?kind=match"

    proposal = reload(db, proposal)
    assert proposal.state == S.APPROVED
    step = proposal.steps[-1]
    assert (step.action, step.actor_id) == (ProposalAction.APPROVE, staff.id)
    assert "is approved and in the partnership calendar" in client.get("/review/").get_data(as_text=True)


@pytest.mark.parametrize("target", ["https://evil.example/review/", "//evil.example/review/", "/accounts/"])
def test_next_never_leads_off_the_queue(client, as_staff, proposal, target):
    response = client.post(f"/review/{proposal.id}",
                           data={"version": proposal.version, "action": "approve", "next": target})
    assert response.status_code == 303
    assert response.headers["Location"] == "/review/"


def test_plain_request_changes_records_the_comment(client, as_staff, proposal, db):
    response = client.post(
        f"/review/{proposal.id}",
        data={"version": proposal.version, "action": "request_changes", "comment": "  Please add the venue.  "}
    )
    assert response.status_code == 303
    proposal = reload(db, proposal)
    assert proposal.state == S.CHANGES_REQUESTED
    assert proposal.steps[-1].comment == "Please add the venue."


@pytest.mark.parametrize("action", ["request_changes", "reject"])
@pytest.mark.parametrize("comment", ["", "   "])
def test_plain_decision_without_a_comment_is_422_with_the_message_at_the_field(
    client, as_staff, proposal, db, action, comment
):
    response = client.post(f"/review/{proposal.id}",
                           data={"version": proposal.version, "action": action, "comment": comment})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'id="comment-error"' in html and "a comment is required" in html
    assert 'aria-invalid="true"' in html
    assert reload(db, proposal).state == S.SUBMITTED


def test_a_too_long_comment_is_refused_and_kept(client, as_staff, proposal, db):
    comment = "Why " * 2500
    response = client.post(f"/review/{proposal.id}",
                           data={"version": proposal.version, "action": "reject", "comment": comment})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Field cannot be longer than 5000 characters." in html
    assert comment.strip() in html
    assert reload(db, proposal).state == S.SUBMITTED


@pytest.mark.parametrize("action", ["", "delete", "cancel", "submit"])
def test_a_tampered_action_is_not_a_valid_choice(client, as_staff, proposal, db, action):
    response = client.post(f"/review/{proposal.id}",
                           data={"version": proposal.version, "action": action, "comment": "x"})
    assert response.status_code == 422
    assert "Not a valid choice" in response.get_data(as_text=True)
    assert reload(db, proposal).state == S.SUBMITTED


# --- htmx: the row is swapped ------------------------------------------------------------------------------


def test_htmx_approve_answers_with_the_row_and_triggers_the_badge(
    client, as_staff, proposal, db, htmx_headers
):
    response = client.post(
        f"/review/{proposal.id}",
        data={"version": proposal.version, "action": "approve", "next": "/review/"},
        headers=htmx_headers
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<html" not in html
    assert html.lstrip().startswith(f'<tr id="proposal-{proposal.id}"')
    assert 'state-approved">Approved' in html
    assert "is approved and in the partnership calendar" in html
    assert 'name="action"' not in html  # nothing left to decide in this row
    assert response.headers["HX-Trigger"] == "proposalReviewed"
    assert reload(db, proposal).state == S.APPROVED


def test_htmx_request_changes_swaps_the_row_to_its_new_state(client, as_staff, proposal, db, htmx_headers):
    response = client.post(
        f"/review/{proposal.id}",
        data={"version": proposal.version, "action": "request_changes", "comment": "Which hall?"},
        headers=htmx_headers,
    )
    assert response.status_code == 200
    assert 'state-changes_requested">Changes requested' in response.get_data(as_text=True)
    assert response.headers["HX-Trigger"] == "proposalReviewed"
    assert reload(db, proposal).steps[-1].comment == "Which hall?"


def test_htmx_reject_without_comment_is_a_422_row_with_the_message(
    client, as_staff, proposal, db, htmx_headers
):
    response = client.post(
        f"/review/{proposal.id}",
        data={"version": proposal.version, "action": "reject", "comment": ""},
        headers=htmx_headers
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "<html" not in html and html.lstrip().startswith("<tr")
    assert f'id="comment-{proposal.id}-error"' in html and "a comment is required" in html
    assert "<details class=\"review-more\" open>" in html
    assert "HX-Trigger" not in response.headers
    assert reload(db, proposal).state == S.SUBMITTED


def test_htmx_decision_on_an_already_decided_proposal_shows_why_in_the_row(
    client, as_staff, make_proposal, htmx_headers
):
    rejected = make_proposal(S.REJECTED)
    response = client.post(f"/review/{rejected.id}",
                           data={"version": rejected.version, "action": "approve"}, headers=htmx_headers)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "<html" not in html
    assert "cannot be given the step" in html
    assert 'state-rejected">Rejected' in html


# --- approving despite conflicts ---------------------------------------------------------------------------


@pytest.fixture
def clashing(make_proposal, proposal):
    """An approved event at the same time with the same partner city."""
    return make_proposal(
        S.APPROVED, title="Twinning festival", partner_city=proposal.partner_city, starts_at=START,
        venue="Markt",
    )


def test_review_page_lists_the_conflicts(client, as_staff, proposal, clashing):
    html = client.get(f"/review/{proposal.id}").get_data(as_text=True)
    assert "Conflict with 1 approved event" in html
    assert "Twinning festival" in html and "same partner city" in html
    assert "I have seen the conflicts; approve anyway" in html


def test_plain_approve_with_conflicts_first_shows_them(client, as_staff, proposal, clashing, db):
    response = client.post(f"/review/{proposal.id}",
                           data={"version": proposal.version, "action": "approve", "comment": "Fine by us"})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Twinning festival" in html
    assert 'id="confirm_conflicts"' in html and 'id="confirm_conflicts-error"' in html
    assert "Fine by us" in html  # the entry is kept
    assert reload(db, proposal).state == S.SUBMITTED

    response = client.post(
        f"/review/{proposal.id}",
        data={"version": proposal.version, "action": "approve", "comment": "Fine by us", "confirm_conflicts": "y"},
    )
    assert response.status_code == 303
    proposal = reload(db, proposal)
    assert proposal.state == S.APPROVED and proposal.steps[-1].comment == "Fine by us"


def test_htmx_approve_with_conflicts_swaps_in_a_row_to_confirm(
    client, as_staff, proposal, clashing, db, htmx_headers
):
    response = client.post(f"/review/{proposal.id}",
                           data={"version": proposal.version, "action": "approve"}, headers=htmx_headers)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "<html" not in html and html.lstrip().startswith("<tr")
    assert "Approving would clash with:" in html and "Twinning festival" in html
    assert 'name="confirm_conflicts" value="1"' in html
    assert "I have seen the conflicts; approve anyway" in html
    assert "HX-Trigger" not in response.headers
    assert reload(db, proposal).state == S.SUBMITTED

    response = client.post(
        f"/review/{proposal.id}",
        data={"version": proposal.version, "action": "approve", "confirm_conflicts": "1"},
        headers=htmx_headers
    )
    assert response.status_code == 200
    assert response.headers["HX-Trigger"] == "proposalReviewed"
    assert reload(db, proposal).state == S.APPROVED


def test_rejecting_a_proposal_with_conflicts_needs_no_confirmation(client, as_staff, proposal, clashing, db):
    response = client.post(f"/review/{proposal.id}",
                           data={"version": proposal.version, "action": "reject", "comment": "Date taken."})
    assert response.status_code == 303
    assert reload(db, proposal).state == S.REJECTED


# --- cancelling an approved event --------------------------------------------------------------------------


def test_cancel_page_asks_for_the_reason(client, as_staff, make_proposal):
    event = make_proposal(S.APPROVED, title="Summer concert")
    html = client.get(f"/review/{event.id}/cancel").get_data(as_text=True)
    assert "Cancel “Summer concert”" in html
    assert '<label for="reason">' in html


def test_cancel_redirects_to_the_calendar_event_with_a_message(client, as_staff, make_proposal, staff, db):
    event = make_proposal(S.APPROVED, title="Summer concert")
    response = client.post(f"/review/{event.id}/cancel",
                           data={"version": event.version, "reason": "The hall burnt down."})
    assert response.status_code == 303
    assert response.headers["Location"] == f"/calendar/event/{event.id}"

    event = reload(db, event)
    assert event.state == S.CANCELLED
    step = event.steps[-1]
    assert step.action == ProposalAction.CANCEL
    assert (step.comment, step.actor_id) == ("The hall burnt down.", staff.id)
    with client.session_transaction() as session:
        assert any("is cancelled" in message for _, message in session["_flashes"])


@pytest.mark.parametrize("reason", ["", "    "])
def test_cancel_without_a_reason_is_422_at_the_field(client, as_staff, make_proposal, db, reason):
    event = make_proposal(S.APPROVED)
    response = client.post(f"/review/{event.id}/cancel", data={"version": event.version, "reason": reason})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'id="reason-error"' in html and "Please give the reason" in html
    assert reload(db, event).state == S.APPROVED


def test_cancel_keeps_a_too_long_reason_and_says_so(client, as_staff, make_proposal, db):
    event = make_proposal(S.APPROVED)
    reason = "x" * 10_000
    response = client.post(f"/review/{event.id}/cancel", data={"version": event.version, "reason": reason})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Field cannot be longer than 5000 characters." in html and reason in html
    assert reload(db, event).state == S.APPROVED


@pytest.mark.parametrize("state", [S.SUBMITTED, S.CANCELLED, S.REJECTED])
def test_only_an_approved_event_can_be_cancelled(client, as_staff, make_proposal, db, state):
    proposal = make_proposal(state)
    page = client.get(f"/review/{proposal.id}/cancel").get_data(as_text=True)
    assert "Only an approved event can be cancelled" in page

    response = client.post(f"/review/{proposal.id}/cancel", data={"version": proposal.version, "reason": "Weather"})
    assert response.status_code == 422
    assert "cannot be given the step" in response.get_data(as_text=True)
    assert reload(db, proposal).state == state


# --- the badge ---------------------------------------------------------------------------------------------


def test_badge_counts_what_waits_for_review(client, as_staff, make_proposal, htmx_headers):
    for _ in range(3):
        make_proposal(S.SUBMITTED)
    make_proposal(S.CHANGES_REQUESTED)
    response = client.get("/review/badge", headers=htmx_headers)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<html" not in html
    assert 'id="review-badge"' in html and 'hx-trigger="proposalReviewed from:body"' in html
    assert ">3<span class=\"visually-hidden\"> waiting for review" in html
    assert response.headers["Cache-Control"] == "no-store"


def test_badge_after_the_last_decision_is_empty(client, as_staff, proposal, htmx_headers):
    client.post(f"/review/{proposal.id}", data={"version": proposal.version, "action": "approve"}, headers=htmx_headers)
    html = client.get("/review/badge", headers=htmx_headers).get_data(as_text=True)
    assert "badge-empty" in html and "waiting for review" not in html


def test_badge_is_forbidden_to_members(client, login_as, make_user, make_org):
    login_as(make_user(make_org()))
    assert client.get("/review/badge", headers={"HX-Request": "true"}).status_code == 403
