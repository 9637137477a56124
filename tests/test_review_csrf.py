"""With CSRF protection on, as in production: decisions need the token, htmx sends it in a header."""

import re

import pytest

from clubs_exchange.auth.models import UserRole
from clubs_exchange.proposals.models import ProposalState


@pytest.fixture
def app_config(app_config):
    return {**app_config, "WTF_CSRF_ENABLED": True}


@pytest.fixture
def queue_page(client, login_as, make_user, make_proposal):
    login_as(make_user(role=UserRole.STAFF))
    proposal = make_proposal(ProposalState.SUBMITTED)
    return proposal, client.get("/review/").get_data(as_text=True)


def test_a_decision_without_the_token_is_refused(client, queue_page, db):
    proposal, _ = queue_page
    response = client.post(f"/review/{proposal.id}", data={"action": "approve"})
    assert response.status_code == 400
    htmx = client.post(f"/review/{proposal.id}", data={"action": "approve"}, headers={"HX-Request": "true"})
    assert htmx.status_code == 400 and "<html" not in htmx.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(type(proposal), proposal.id).state == ProposalState.SUBMITTED


def test_the_row_form_carries_the_token_and_htmx_sends_it_in_a_header(client, queue_page, make_proposal):
    proposal, html = queue_page
    header_token = re.search(r'hx-headers=\'\{"X-CSRFToken": "([^"]+)"\}\'', html).group(1)
    row_form = html.split('class="review-decision"')[1]
    form_token = re.search(r'name="csrf_token" value="([^"]+)"', row_form).group(1)

    plain = client.post(f"/review/{proposal.id}", data={"action": "reject", "comment": "No.", "csrf_token": form_token})
    assert plain.status_code == 303

    another = make_proposal(ProposalState.SUBMITTED)
    response = client.post(
        f"/review/{another.id}",
        data={"action": "approve"},
        headers={"HX-Request": "true", "X-CSRFToken": header_token},
    )
    assert response.status_code == 200
    assert response.headers["HX-Trigger"] == "proposalReviewed"
