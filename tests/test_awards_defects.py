"""Defects of the awards ladder found by a new user (issue 10): an existing draft is offered as new, and an award
recorded for a year still to come."""

from datetime import UTC, datetime

import pytest

from clubs_exchange.auth.models import UserRole
from clubs_exchange.awards.models import ApplicationState, AwardStage
from clubs_exchange.clock import frozen

D, F = AwardStage.EUROPEAN_DIPLOMA, AwardStage.FLAG_OF_HONOUR


@pytest.fixture
def staff(make_user, login_as):
    user = make_user(role=UserRole.STAFF)
    login_as(user)
    return user


@pytest.fixture
def november_2026():
    with frozen(datetime(2026, 11, 25, 10, 0, tzinfo=UTC)):
        yield


def test_the_ladder_offers_to_continue_an_existing_draft(client, staff, november_2026, make_application,
                                                         make_partner):
    twin = make_partner(name="Annecy")
    page = client.get("/awards/").get_data(as_text=True)
    assert "Prepare the application for the European Diploma" in page
    draft = make_application(stage=D, year=2027, twin_towns=[twin])
    page = client.get("/awards/").get_data(as_text=True)
    assert "Prepare the application for the European Diploma" not in page
    assert f'href="/awards/applications/{draft.id}">Continue the draft' in page


def test_a_submitted_application_is_linked_not_offered_again(client, staff, november_2026, make_application):
    submitted = make_application(stage=D, year=2027, state=ApplicationState.SUBMITTED)
    page = client.get("/awards/").get_data(as_text=True)
    assert "Prepare the application for the European Diploma" not in page
    assert f'href="/awards/applications/{submitted.id}">See the submitted application' in page


def test_preparing_one_that_exists_links_to_it(client, staff, november_2026, make_application, make_partner):
    twin = make_partner(name="Annecy")
    draft = make_application(stage=D, year=2027, twin_towns=[twin])
    response = client.post("/awards/applications/new", data={
        "stage": D.value, "year": "2027", "twin_towns": [str(twin.id)], "previous_award_year": ""})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "There is an application for the European Diploma in 2027 already." in html
    assert f'href="/awards/applications/{draft.id}"' in html


def test_an_award_is_not_recorded_for_a_year_still_to_come(client, staff, november_2026, make_application, db):
    from clubs_exchange.awards.models import AwardApplication

    application = make_application(stage=D, year=2027, state=ApplicationState.SUBMITTED)
    response = client.post(f"/awards/applications/{application.id}/step",
                           data={"step": "award", "version": application.version})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    message = "The European Diploma 2027 is awarded in 2027 at the earliest: record it once it is awarded."
    assert message in html
    year_fact = html[html.index("<dt>Year</dt>"):html.index("<dt>Due on</dt>")]
    assert message in year_fact and 'id="year-error"' in year_fact
    db.session.expire_all()
    assert db.session.get(AwardApplication, application.id).state == ApplicationState.SUBMITTED
    # The distinctions of 2026 were decided this year: recorded.
    this_year = make_application(stage=D, year=2026, state=ApplicationState.SUBMITTED)
    assert client.post(f"/awards/applications/{this_year.id}/step",
                       data={"step": "award", "version": this_year.version}).status_code == 303
