"""Stating an exchange interest: who may state one for which organisation, and every kind of bad input."""

from datetime import date

import pytest
import sqlalchemy as sa

from clubs_exchange.auth.models import MemberFunction, Membership, UserRole
from clubs_exchange.interests.forms import MonthField
from clubs_exchange.interests.models import ExchangeInterest, InterestKind
from clubs_exchange.organisations.models import AgeGroup


@pytest.fixture
def setting(db, make_org, make_user, make_partner):
    choir = make_org(name="Choir Harmonie")
    school = make_org(name="Goethe School")
    stranger = make_org(name="Rowing Club")
    member = make_user(choir)  # a secretary of the choir and a teacher at the school
    member.memberships.append(Membership(organisation=school, function=MemberFunction.TEACHER))
    db.session.commit()
    return {
        "choir": choir, "school": school, "stranger": stranger, "member": member,
        "city": make_partner(name="Saint-Amand"),
    }


def valid(setting, **changes) -> dict:
    data = {
        "organisation_id": str(setting["choir"].id), "partner_city_id": str(setting["city"].id),
        "kind": "send_group", "activity": "Concert", "group_size": "24", "age_group": "adults",
        "period_from": "2027-05", "period_to": "2027-06", "beds_offered": "0", "notes": "Evening concert",
    }
    data.update(changes)
    return data


def interests(db):
    return db.session.scalars(sa.select(ExchangeInterest)).all()


# --- the organisation select --------------------------------------------------------------------------------------


def test_members_choose_among_their_own_organisations_only(client, login_as, setting):
    login_as(setting["member"])
    html = client.get("/interests/new").get_data(as_text=True)
    assert "Choir Harmonie" in html and "Goethe School" in html
    assert "Rowing Club" not in html
    assert "Any partner city" in html and 'type="month"' in html


def test_the_organisation_in_the_address_is_preselected(client, login_as, setting):
    login_as(setting["member"])
    html = client.get(f"/interests/new?organisation_id={setting['school'].id}").get_data(as_text=True)
    assert f'<option selected value="{setting["school"].id}">Goethe School' in html


def test_someone_elses_organisation_in_the_address_is_not_offered(client, login_as, setting):
    login_as(setting["member"])
    response = client.get(f"/interests/new?organisation_id={setting['stranger'].id}")
    assert response.status_code == 200
    assert "Rowing Club" not in response.get_data(as_text=True)


def test_staff_may_choose_any_organisation(client, login_as, make_user, setting):
    login_as(make_user(role=UserRole.STAFF))
    html = client.get("/interests/new").get_data(as_text=True)
    assert all(name in html for name in ("Choir Harmonie", "Goethe School", "Rowing Club"))


def test_a_person_without_an_organisation_cannot_state_an_interest(client, login_as, make_user):
    login_as(make_user())
    assert client.get("/interests/new").status_code == 403


# --- saving -------------------------------------------------------------------------------------------------------


def test_a_member_states_an_interest_and_lands_on_its_page(client, login_as, db, setting):
    login_as(setting["member"])
    response = client.post("/interests/new", data=valid(setting))
    assert response.status_code == 303
    saved = interests(db)
    assert len(saved) == 1
    assert response.headers["Location"].endswith(f"/interests/{saved[0].id}")
    interest = saved[0]
    assert interest.organisation_id == setting["choir"].id
    assert (interest.kind, interest.age_group) == (InterestKind.SEND_GROUP, AgeGroup.ADULTS)
    assert (interest.period_from, interest.period_to) == (date(2027, 5, 1), date(2027, 6, 1))
    assert interest.is_open
    assert "Your exchange interest is saved" in client.get(response.headers["Location"]).get_data(as_text=True)


def test_optional_fields_may_stay_empty(client, login_as, db, setting):
    login_as(setting["member"])
    data = valid(setting, partner_city_id="", group_size="", age_group="", period_from="", period_to="",
                 beds_offered="", notes="")
    assert client.post("/interests/new", data=data).status_code == 303
    interest = interests(db)[0]
    assert interest.partner_city_id is None and interest.age_group is None and interest.period_from is None
    assert interest.beds_offered == 0 and interest.group_size is None


# --- bad input: 422, the message at the field, the entries kept -------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"period_from": "2027-13"}, "Enter a month as YYYY-MM, for example 2027-05."),
        ({"period_to": "June 2027"}, "Enter a month as YYYY-MM, for example 2027-05."),
        ({"period_from": "1850-01"}, "Choose a year from 2000 to 2100."),
        ({"period_from": "2027-08", "period_to": "2027-06"},
         "The end of the preferred period cannot be before its start."),
        ({"group_size": "-3"}, "Enter a number from 1 to 10,000."),
        ({"group_size": "0"}, "Enter a number from 1 to 10,000."),
        ({"group_size": "many"}, "Not a valid integer value."),
        ({"beds_offered": "-1"}, "Enter a number from 0 to 10,000."),
        ({"beds_offered": "9" * 5000}, "Not a valid integer value."),
        ({"activity": "x" * 10_000}, "At most 120 characters: this has 10000."),
        ({"activity": "   "}, "This field is required."),
        ({"notes": "n" * 10_000}, "At most 4000 characters: this has 10000."),
        ({"kind": "fly_to_the_moon"}, "Not a valid choice."),
        ({"age_group": "toddlers"}, "Not a valid choice."),
        ({"partner_city_id": "abc"}, "Not a valid choice."),
        ({"partner_city_id": "999999"}, "Not a valid choice."),
    ],
)
def test_bad_input_is_refused_with_a_message(client, login_as, db, setting, changes, message):
    login_as(setting["member"])
    response = client.post("/interests/new", data=valid(setting, **changes))
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert message in html
    assert 'class="error"' in html and "Please correct the marked fields." in html
    assert changes.get("notes", "Evening concert") in html  # what was typed is still there
    assert interests(db) == []


def test_a_bad_month_is_shown_again_as_typed(client, login_as, setting):
    login_as(setting["member"])
    html = client.post("/interests/new", data=valid(setting, period_to="June 2027")).get_data(as_text=True)
    assert 'value="June 2027"' in html
    assert 'value="2027-05"' in html  # the good month next to it is kept too


def test_a_tampered_organisation_is_refused(client, login_as, db, setting):
    login_as(setting["member"])
    response = client.post("/interests/new", data=valid(setting, organisation_id=str(setting["stranger"].id)))
    assert response.status_code == 422
    assert "Not a valid choice." in response.get_data(as_text=True)
    assert interests(db) == []


def test_editing_refuses_bad_input_and_keeps_the_old_values(client, login_as, db, setting, make_interest):
    interest = make_interest(organisation=setting["choir"], activity="Concert")
    login_as(setting["member"])
    response = client.post(f"/interests/{interest.id}/edit", data={
        "kind": "host_group", "activity": "Concert", "beds_offered": "-5", "partner_city_id": "", "age_group": "",
    })
    assert response.status_code == 422
    assert "Enter a number from 0 to 10,000." in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(ExchangeInterest, interest.id).beds_offered == 0


# --- the month field on its own -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "month"),
    [("2027-05", date(2027, 5, 1)), ("2027-5", date(2027, 5, 1)), (" 2031-12 ", date(2031, 12, 1)), ("", None)],
)
def test_the_month_field_keeps_the_first_of_the_month(app, typed, month):
    from flask_wtf import FlaskForm
    from werkzeug.datastructures import MultiDict

    class Form(FlaskForm):
        when = MonthField("When")

    with app.test_request_context(method="POST"):
        form = Form(formdata=MultiDict({"when": typed}), meta={"csrf": False})
        assert form.validate()
        assert form.when.data == month
