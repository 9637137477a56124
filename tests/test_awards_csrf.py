"""With CSRF protection on, as in production: tagging and the application's steps need the token."""

import re

import pytest

from clubs_exchange.auth.models import UserRole
from clubs_exchange.awards.models import ApplicationState, EventCriterion
from clubs_exchange.proposals.models import ProposalState


@pytest.fixture
def app_config(app_config):
    return {**app_config, "WTF_CSRF_ENABLED": True}


@pytest.fixture
def event_page(client, login_as, make_user, make_proposal):
    login_as(make_user(role=UserRole.STAFF))
    event = make_proposal(ProposalState.APPROVED)
    return event, client.get(f"/calendar/event/{event.id}").get_data(as_text=True)


def test_tagging_without_the_token_is_refused(client, event_page, db):
    event, _ = event_page
    assert client.post(f"/awards/events/{event.id}/criterion", data={"criterion": "twinning"}).status_code == 400
    assert db.session.get(EventCriterion, event.id) is None


def test_the_tag_form_carries_the_token_and_htmx_sends_it_in_a_header(client, event_page, db):
    event, html = event_page
    header_token = re.search(r'hx-headers=\'\{"X-CSRFToken": "([^"]+)"\}\'', html).group(1)
    tag_form = html.split('class="award-tag"')[1]
    assert 'name="csrf_token"' in tag_form
    response = client.post(f"/awards/events/{event.id}/criterion", data={"criterion": "solidarity"},
                           headers={"HX-Request": "true", "X-CSRFToken": header_token})
    assert response.status_code == 200
    assert db.session.get(EventCriterion, event.id).criterion == "solidarity"


def test_a_step_without_the_token_is_refused(client, login_as, make_user, make_application, db):
    login_as(make_user(role=UserRole.STAFF))
    application = make_application()
    assert client.post(f"/awards/applications/{application.id}/step", data={"step": "submit"}).status_code == 400
    db.session.refresh(application)
    assert application.state == ApplicationState.DRAFT
