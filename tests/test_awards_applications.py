"""Applications through the pages: preparing, refusals beside the field, texts with placeholders, steps, access."""

from contextlib import ExitStack
from datetime import date, datetime, time

import pytest
import sqlalchemy as sa

from clubs_exchange import clock
from clubs_exchange.awards.models import ApplicationState, AwardApplication, AwardStage
from clubs_exchange.partners.models import RelationshipLevel

D, F = AwardStage.EUROPEAN_DIPLOMA, AwardStage.FLAG_OF_HONOUR


@pytest.fixture
def today():
    """The city's today, set by the test: the deadline and the reminder depend on it."""
    with ExitStack() as stack:

        def set_today(day: date):
            stack.enter_context(clock.frozen(datetime.combine(day, time(12), tzinfo=clock.city_tz())))

        set_today(date(2026, 11, 25))
        yield set_today


@pytest.fixture
def staff(staff, login_as):
    """The conftest's staff member, logged in: every test here that names staff works as staff."""
    login_as(staff)
    return staff


@pytest.fixture
def twins(make_partner):
    return make_partner(name="Annecy"), make_partner(name="Tartu", country="Estonia")


def application_form(**fields):
    return {"stage": D.value, "year": "2027", "twin_towns": [], "previous_award_year": "", **fields}


def test_staff_prepare_a_european_diploma_application(client, db, staff, today, twins):
    page = client.get("/awards/applications/new").get_data(as_text=True)
    assert 'value="2027"' in page  # the next deadline is 15 January 2027
    response = client.post("/awards/applications/new", data=application_form(twin_towns=[str(twins[0].id)]))
    assert response.status_code == 303
    application = db.session.scalars(sa.select(AwardApplication)).one()
    assert (application.stage, application.year, application.state) == (D, 2027, ApplicationState.DRAFT)
    assert [t.name for t in application.twin_towns] == ["Annecy"]
    assert (application.period_start, application.period_end) == (date(2024, 1, 1), date(2026, 12, 31))
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Testhausen applies for the European Diploma 2027" in page
    assert "twin towns Annecy (France)" in page


def test_the_flag_of_honour_first_is_refused_beside_the_field(client, db, staff, today, twins):
    response = client.post("/awards/applications/new", data=application_form(
        stage=F.value, twin_towns=[str(twins[0].id)], previous_award_year="2025"))
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert ('id="stage-error">The Flag of Honour can only be applied for once the European Diploma has been '
            'awarded.') in page
    assert 'value="2025"' in page  # the entries are kept
    assert db.session.scalars(sa.select(AwardApplication)).all() == []


def test_no_twin_town_is_refused(client, staff, today, twins):
    response = client.post("/awards/applications/new", data=application_form())
    assert response.status_code == 422
    assert 'id="twin_towns-error">Please name at least one twin town.' in response.get_data(as_text=True)


def test_only_twinnings_are_offered(client, staff, today, make_partner):
    make_partner(name="Girona", relationship_level=RelationshipLevel.CONTACT)
    make_partner(name="Annecy")
    page = client.get("/awards/applications/new").get_data(as_text=True)
    assert "Annecy (France)" in page and "Girona" not in page


def test_a_past_deadline_is_refused(client, staff, today, twins):
    today(date(2027, 1, 16))
    response = client.post("/awards/applications/new", data=application_form(twin_towns=[str(twins[0].id)]))
    assert response.status_code == 422
    assert "Applications for 2027 were due on 15 January 2027; apply for 2028 instead." in response.get_data(
        as_text=True)


def test_the_flag_of_honour_after_the_diploma_with_its_year(client, db, staff, today, twins, make_application):
    make_application(D, 2024, ApplicationState.AWARDED, twin_towns=[twins[0]])
    page = client.get("/awards/applications/new").get_data(as_text=True)
    assert '<option selected value="flag_of_honour">' in page  # the next rung is offered
    wrong = client.post("/awards/applications/new", data=application_form(
        stage=F.value, twin_towns=[str(twins[0].id)], previous_award_year="2023"))
    assert "The European Diploma was awarded in 2024, not in 2023." in wrong.get_data(as_text=True)
    right = client.post("/awards/applications/new", data=application_form(
        stage=F.value, twin_towns=[str(twins[0].id)], previous_award_year="2024"))
    assert right.status_code == 303
    flag = db.session.scalars(sa.select(AwardApplication).where(AwardApplication.stage == F)).one()
    assert (flag.period_start, flag.period_end) == (date(2025, 1, 1), date(2026, 12, 31))


def test_texts_with_an_unknown_placeholder_are_refused_clearly(client, db, staff, today, twins, make_application):
    application = make_application(D, 2027, twin_towns=[twins[0]])
    form = application_form(twin_towns=[str(twins[0].id)], mayor_letter="Dear {president}, {city} applies.",
                            dossier="{city}", summary="{city} {stage} {year}", version=application.version)
    response = client.post(f"/awards/applications/{application.id}/edit", data=form)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert 'id="mayor_letter-error">Unknown placeholder: {president}. You can use {city}' in page
    assert "Dear {president}, {city} applies." in page  # kept for correcting
    form["mayor_letter"] = "Dear President, {city} applies with {twin_towns} ({event_count} events)."
    assert client.post(f"/awards/applications/{application.id}/edit", data=form).status_code == 303
    page = client.get(f"/awards/applications/{application.id}").get_data(as_text=True)
    assert "Dear President, Testhausen applies with Annecy (France) (0 events)." in page


def test_the_steps_of_an_application_through_the_page(client, db, staff, today, twins, make_application):
    application = make_application(D, 2027, twin_towns=[twins[0]])
    url = f"/awards/applications/{application.id}/step"
    response = client.post(url, data={"step": "award", "version": application.version})
    assert response.status_code == 422
    assert "An application that is draft cannot take the step “Record the award”." in response.get_data(as_text=True)
    assert client.post(url, data={"step": "submit", "version": application.version}).status_code == 303
    assert client.get(f"/awards/applications/{application.id}/edit").status_code == 200
    refused = client.post(f"/awards/applications/{application.id}/edit", data=application_form(
        twin_towns=[str(twins[0].id)], version=application.version))
    assert refused.status_code == 422  # a submitted application is not edited
    assert "was changed by" not in refused.get_data(as_text=True)
    today(date(2027, 6, 1))  # the distinctions of 2027 are awarded in 2027
    assert client.post(url, data={"step": "award", "version": application.version}).status_code == 303
    db.session.refresh(application)
    assert application.state == ApplicationState.AWARDED and application.decided_at is not None
    page = client.get("/awards/").get_data(as_text=True)
    assert "awarded in 2027" in page
    assert "Activity report 2027" in page  # the yearly reports since the award


def test_a_second_award_in_the_same_year_is_refused(client, db, staff, today, twins, make_application):
    make_application(D, 2026, ApplicationState.AWARDED, twin_towns=[twins[0]])
    make_application(F, 2027, ApplicationState.AWARDED, twin_towns=[twins[0]], previous_award_year=2026)
    plaque = make_application(AwardStage.PLAQUE_OF_HONOUR, 2027, ApplicationState.SUBMITTED,
                              twin_towns=[twins[0]], previous_award_year=2027)
    response = client.post(f"/awards/applications/{plaque.id}/step", data={"step": "award", "version": plaque.version})
    assert response.status_code == 422
    assert "can be applied for from 2028 on" in response.get_data(as_text=True)


def test_the_reminder_on_the_staff_start_page(client, staff, today):
    today(date(2026, 11, 30))
    assert "applications for 2027 are due" not in client.get("/").get_data(as_text=True)
    today(date(2026, 12, 1))
    assert "Council of Europe awards: applications for 2027 are due on 15 Jan 2027." in client.get("/").get_data(
        as_text=True)
    today(date(2027, 1, 15))
    assert "applications for 2027 are due" in client.get("/").get_data(as_text=True)
    today(date(2027, 1, 16))
    assert "applications for 2027 are due" not in client.get("/").get_data(as_text=True)


def test_members_see_no_reminder(client, login_as, make_user, make_org, today):
    today(date(2026, 12, 10))
    login_as(make_user(make_org()))
    assert "Council of Europe" not in client.get("/").get_data(as_text=True)


def test_organisation_members_never_see_award_drafts(client, login_as, make_user, make_org, make_application):
    draft = make_application()
    login_as(make_user(make_org()))
    for url in ("/awards/", f"/awards/applications/{draft.id}", f"/awards/applications/{draft.id}/report.csv",
                "/awards/report", "/awards/memberships"):
        response = client.get(url)
        assert response.status_code == 403, url
        assert "European Diploma" not in response.get_data(as_text=True)
    assert "/awards/" not in client.get("/").get_data(as_text=True)  # no link in the navigation


def test_anonymous_visitors_are_sent_to_log_in(client, make_application, htmx_headers):
    draft = make_application()
    response = client.get(f"/awards/applications/{draft.id}")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert client.get("/awards/", headers=htmx_headers).status_code == 401


def test_unknown_and_malformed_ids_are_404(client, staff):
    assert client.get("/awards/applications/999999").status_code == 404
    assert client.get("/awards/applications/abc").status_code == 404
    assert client.post("/awards/events/999999/criterion", data={"criterion": "twinning"}).status_code == 404
