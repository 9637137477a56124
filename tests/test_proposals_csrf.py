"""With CSRF protection on, as in production: saving, steps and inline checks need the token; htmx sends it."""

import re

import pytest
import sqlalchemy as sa

from clubs_exchange.proposals.models import Proposal, ProposalState
from tests.test_proposals_form import form_data


@pytest.fixture
def app_config(app_config):
    return {**app_config, "WTF_CSRF_ENABLED": True}


@pytest.fixture
def member(client, login_as, make_org, make_user, make_partner):
    choir = make_org(name="Chor am Markt")
    login_as(make_user(choir))
    return choir, make_partner(name="Lyon")


def token_in(html: str, *, header: bool = False) -> str:
    if header:
        return re.search(r'hx-headers=\'\{"X-CSRFToken": "([^"]+)"\}\'', html).group(1)
    return re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', html).group(1)


def test_saving_needs_the_token_the_form_carries(client, db, member):
    choir, lyon = member
    assert client.post("/proposals/new", data=form_data(choir, lyon)).status_code == 400
    assert db.session.scalars(sa.select(Proposal)).all() == []

    token = token_in(client.get("/proposals/new").get_data(as_text=True))
    response = client.post("/proposals/new", data={**form_data(choir, lyon), "csrf_token": token})
    assert response.status_code == 303
    assert len(db.session.scalars(sa.select(Proposal)).all()) == 1


def test_the_inline_check_sends_the_token_in_the_htmx_header(client, member):
    choir, lyon = member
    html = client.get("/proposals/new").get_data(as_text=True)
    data = form_data(choir, lyon, ends_at="2031-06-12T10:00")
    headers = {"HX-Request": "true", "HX-Trigger-Name": "ends_at"}

    refused = client.post("/proposals/validate", data=data, headers=headers)
    assert refused.status_code == 400 and "<html" not in refused.get_data(as_text=True)

    checked = client.post(
        "/proposals/validate", data=data, headers={**headers, "X-CSRFToken": token_in(html, header=True)}
    )
    assert checked.status_code == 422 and "The end must be after the start." in checked.get_data(as_text=True)


def test_a_step_needs_the_token_and_htmx_sends_it_in_a_header(client, db, member, make_proposal):
    choir, _ = member
    proposal = make_proposal(organisation=choir)
    html = client.get(f"/proposals/{proposal.id}").get_data(as_text=True)

    assert client.post(f"/proposals/{proposal.id}/step", data={"action": "submit"}).status_code == 400
    db.session.expire_all()
    assert db.session.get(Proposal, proposal.id).state == ProposalState.DRAFT

    response = client.post(
        f"/proposals/{proposal.id}/step",
        data={"action": "submit"},
        headers={"HX-Request": "true", "X-CSRFToken": token_in(html, header=True)},
    )
    assert response.status_code == 200 and response.headers["HX-Trigger"] == "proposalReviewed"
    db.session.expire_all()
    assert db.session.get(Proposal, proposal.id).state == ProposalState.SUBMITTED

    step_form = html.split('class="step-form"')[1]
    assert 'name="csrf_token"' in step_form
