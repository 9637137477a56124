"""Which approved events are public: the default on approval (PUBLIC_EVENTS_DEFAULT), staff's switch on the event's
pages (CSRF, audited), and the rate limit of the public calendar."""

import pytest
import sqlalchemy as sa

from clubs_exchange.audit.models import AuditEntry
from clubs_exchange.proposals.models import ProposalState
from clubs_exchange.public.visibility import VisibilityError, set_public

LIST = "/public/calendar/list?from=2031-06-01"


def test_set_public_takes_only_approved_events_in_and_any_event_out(make_proposal):
    for state in ProposalState:
        proposal = make_proposal(state=state)
        if state == ProposalState.APPROVED:
            assert set_public(proposal, True) is True
            assert set_public(proposal, True) is False  # already public: nothing changes
        else:
            with pytest.raises(VisibilityError):
                set_public(proposal, True)
        proposal.public = True
        assert set_public(proposal, False) is True and proposal.public is False


@pytest.mark.parametrize("default", [False, True])
def test_an_approval_makes_the_event_public_as_the_setting_says(app, client, login_as, staff, make_proposal,
                                                                default):
    app.config["PUBLIC_EVENTS_DEFAULT"] = default
    proposal = make_proposal(state=ProposalState.SUBMITTED, title="Summer concert")
    login_as(staff)
    response = client.post(f"/review/{proposal.id}", data={"action": "approve", "version": proposal.version,
                                                          "confirm_conflicts": "y"})
    assert response.status_code == 303
    assert proposal.state == ProposalState.APPROVED and proposal.public is default
    assert ("Summer concert" in client.get(LIST).get_data(as_text=True)) is default


def test_staff_put_an_approved_event_into_the_public_calendar_and_take_it_out(client, login_as, staff, approved, db):
    event = approved(title="Choir evening")
    login_as(staff)
    page = client.get(f"/calendar/event/{event.id}").get_data(as_text=True)
    assert "This event is not in the public calendar." in page
    assert f'action="/public/events/{event.id}/visibility"' in page
    response = client.post(f"/public/events/{event.id}/visibility",
                           data={"public": "1", "next": f"/calendar/event/{event.id}"})
    assert response.status_code == 303 and response.headers["Location"] == f"/calendar/event/{event.id}"
    assert event.public is True
    page = client.get(f"/calendar/event/{event.id}").get_data(as_text=True)
    assert "“Choir evening” is shown in the public calendar." in page
    assert "Remove from the public calendar" in page
    assert "Choir evening" in client.get(LIST).get_data(as_text=True)
    # The proposal's page has the switch too, and the audit trail says who changed it.
    page = client.get(f"/proposals/{event.id}").get_data(as_text=True)
    assert "Remove from the public calendar" in page
    assert "In the public calendar" in page
    client.post(f"/public/events/{event.id}/visibility", data={"public": "0", "next": f"/proposals/{event.id}"})
    assert event.public is False
    assert "Choir evening" not in client.get(LIST).get_data(as_text=True)
    changes = [e.changes for e in db.session.scalars(
        sa.select(AuditEntry).where(AuditEntry.object_type == "proposal", AuditEntry.object_id == event.id)
        .order_by(AuditEntry.id))]
    assert [c["public"] for c in changes if "public" in c][-2:] == [[False, True], [True, False]]


def test_the_switch_answers_htmx_with_the_section(client, login_as, staff, approved, htmx_headers):
    event = approved(title="Choir evening")
    login_as(staff)
    response = client.post(f"/public/events/{event.id}/visibility", data={"public": "1"}, headers=htmx_headers)
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "<html" not in html
    assert 'id="public-visibility"' in html and "is shown in the public calendar" in html


def test_a_cancelled_event_cannot_be_made_public(client, login_as, staff, make_proposal, htmx_headers):
    event = make_proposal(state=ProposalState.CANCELLED, title="Called off")
    login_as(staff)
    response = client.post(f"/public/events/{event.id}/visibility", data={"public": "1"}, headers=htmx_headers)
    assert response.status_code == 422
    assert "Only an approved event can be shown in the public calendar." in response.get_data(as_text=True)
    assert event.public is False
    # Without htmx: back to the event's page with the message.
    response = client.post(f"/public/events/{event.id}/visibility", data={"public": "1"}, follow_redirects=True)
    assert "Only an approved event can be shown in the public calendar." in response.get_data(as_text=True)


def test_members_see_no_switch_and_may_not_use_it(client, login_as, secretary, approved):
    event = approved(organisation=secretary.memberships[0].organisation)
    login_as(secretary)
    assert "public-visibility" not in client.get(f"/calendar/event/{event.id}").get_data(as_text=True)
    assert client.post(f"/public/events/{event.id}/visibility", data={"public": "1"}).status_code == 403
    assert event.public is False


def test_an_unknown_event_is_404(client, login_as, staff):
    login_as(staff)
    assert client.post("/public/events/999999/visibility", data={"public": "1"}).status_code == 404


class TestRateLimit:
    @pytest.fixture
    def app_config(self, app_config):
        return {**app_config, "RATELIMIT_ENABLED": True, "PUBLIC_LIMIT": "3 per minute"}

    def test_after_the_limit_a_client_gets_a_friendly_429_on_every_public_route(self, client, approved):
        approved(public=True)
        me = {"REMOTE_ADDR": "203.0.113.5"}
        urls = ["/public/calendar", "/public/calendar/list", "/public/calendar.ics"]
        for url in urls:  # one count for the whole area
            assert client.get(url, environ_base=me).status_code == 200
        for url in [*urls, "/public/embed"]:
            response = client.get(url, environ_base=me)
            assert response.status_code == 429, url
            assert 0 < int(response.headers["Retry-After"]) <= 60
            assert "no-store" in response.headers["Cache-Control"]
        html = response.get_data(as_text=True)
        assert "<h1>Too many requests</h1>" in html
        assert "Please try again in 1 minute." in html
        assert "Set-Cookie" not in response.headers
        # Another client is not held up, and the intranet's pages are not counted.
        assert client.get("/public/calendar", environ_base={"REMOTE_ADDR": "198.51.100.7"}).status_code == 200
        assert client.get("/login", environ_base=me).status_code == 200
