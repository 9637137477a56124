"""The one way a refused step reaches the person: DomainError, show_at_field, refuse, done; every area's errors."""

import importlib
import inspect
import pkgutil

import pytest
import sqlalchemy as sa
from flask import get_flashed_messages
from flask_wtf import FlaskForm
from jinja2 import ChoiceLoader, DictLoader
from wtforms import StringField

import clubs_exchange
from clubs_exchange.errors import DomainError, done, refuse, show_at_field
from clubs_exchange.partners.models import PartnerCity

PAGE = """{% from "macros/forms.html" import field, form_errors %}<html><body><main>{{ form_errors(form) }}
<div id="the-form"><form method="post">{{ field(form.name) }}{{ field(form.country) }}</form></div>
</main></body></html>"""
BLOCK_PAGE = """<html><body>{% block the_form %}<div id="the_form">{{ form.name.errors|join }}</div>{% endblock %}
</body></html>"""


class CityForm(FlaskForm):
    class Meta:
        csrf = False

    name = StringField("Name")
    country = StringField("Country")


@pytest.fixture
def page(app):
    app.jinja_env.loader = ChoiceLoader(
        [DictLoader({"test_errors/page.html": PAGE, "test_errors/block.html": BLOCK_PAGE}), app.jinja_env.loader]
    )
    return "test_errors/page.html"


def posted(app, **data):
    return app.test_request_context("/", method="POST", data=data)


def test_a_domain_error_keeps_its_message_and_field():
    error = DomainError("Please give the country.", "country")
    assert (error.message, error.field) == ("Please give the country.", "country")
    assert str(error) == "Please give the country."
    assert DomainError("No field.").field is None


def test_show_at_field_puts_the_message_beside_its_field_and_keeps_the_entries(app):
    with posted(app, name="Tours", country=""):
        form = CityForm()
        show_at_field(form, DomainError("Please give the country.", "country"))
        assert list(form.country.errors) == ["Please give the country."]
        assert not form.name.errors and form.form_errors == []
        assert form.name.data == "Tours"


def test_show_at_field_without_a_field_of_the_form_puts_it_above_the_form(app):
    with posted(app, name="Tours"):
        form = CityForm()
        show_at_field(form, DomainError("Not now."))
        show_at_field(form, DomainError("Not here.", "no_such_field"))
        assert form.form_errors == ["Not now.", "Not here."]
        assert not form.name.errors and not form.country.errors


def test_show_at_field_without_a_form_flashes_the_message(app):
    with posted(app):
        show_at_field(None, DomainError("The candidate is a partner city already."))
        assert get_flashed_messages(with_categories=True) == [("error", "The candidate is a partner city already.")]


def test_show_at_field_rolls_back_what_the_refused_step_began(app, db):
    with posted(app, name="Tours"):
        db.session.add(PartnerCity(name="Half-saved", country="France", languages=""))
        db.session.flush()
        show_at_field(CityForm(), DomainError("Refused.", "name"))
        db.session.commit()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(PartnerCity)) == 0


def test_refuse_answers_422_with_the_message_beside_the_field_and_the_entries_kept(app, db, page):
    with posted(app, name="Tours", country="Fraance"):
        db.session.add(PartnerCity(name="Half-saved", country="France", languages=""))
        form = CityForm()
        html, status = refuse(form, DomainError("Tours (Fraance) is a partner city already.", "name"), page)
    assert status == 422
    name_field = html.split('id="name-field"')[1].split("</div>")[0]
    assert 'value="Tours"' in name_field and 'aria-invalid="true"' in name_field
    assert "Tours (Fraance) is a partner city already." in name_field
    assert 'value="Fraance"' in html and 'id="country-error"' not in html
    assert "Please correct the marked fields." in html
    assert db.session.scalar(sa.select(sa.func.count()).select_from(PartnerCity)) == 0


def test_refuse_without_a_field_shows_the_message_above_the_form(app, page):
    with posted(app, name="Tours"):
        html, status = refuse(CityForm(), DomainError("The office is closed for the day."), page)
    assert status == 422
    summary = html.split('class="form-summary"')[1].split("</div>")[0]
    assert "The office is closed for the day." in summary


def test_refuse_gives_htmx_the_block_and_a_page_the_whole_page(app, page, htmx_headers):
    with app.test_request_context("/", method="POST", data={"name": ""}, headers=htmx_headers):
        html, status = refuse(CityForm(), DomainError("Please name it.", "name"), "test_errors/block.html",
                              block="the_form")
    assert status == 422 and "<html" not in html and "Please name it." in html
    with posted(app, name=""):
        html, status = refuse(CityForm(), DomainError("Please name it.", "name"), "test_errors/block.html",
                              block="the_form")
    assert status == 422 and "<html" in html and "Please name it." in html


def test_done_commits_says_so_and_goes_on_with_303(app, db):
    with posted(app):
        db.session.add(PartnerCity(name="Tours", country="France", languages=""))
        response = done("Tours is saved.", "partners.index", _anchor="list")
        assert response.status_code == 303 and response.location == "/partners/#list"
        assert get_flashed_messages(with_categories=True) == [("success", "Tours is saved.")]
    db.session.rollback()
    assert db.session.scalar(sa.select(PartnerCity.name)) == "Tours"


def test_done_sends_htmx_on_with_hx_redirect(app, htmx_headers):
    with app.test_request_context("/", method="POST", headers=htmx_headers):
        response = done("Saved.", "partners.index")
    assert response.status_code == 204 and response.headers["HX-Redirect"] == "/partners/"


def test_a_refused_partner_city_comes_back_with_the_message_at_its_name(client, login_as, make_user, make_partner):
    from clubs_exchange.auth.models import UserRole

    make_partner(name="Tours", country="France")
    login_as(make_user(role=UserRole.STAFF))
    response = client.post("/partners/new", data={"name": "tours", "country": "FRANCE", "relationship_level": "contact",
                                                  "region": "Centre-Val de Loire"})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    name_field = html.split('id="name-field"')[1].split("</div>")[0]
    assert "is a partner city already" in name_field and 'value="tours"' in name_field
    assert 'value="Centre-Val de Loire"' in html


def _error_classes():
    """Every exception class named *Error that the package defines, module by module."""
    found = {}
    for module_info in pkgutil.walk_packages(clubs_exchange.__path__, "clubs_exchange."):
        module = importlib.import_module(module_info.name)
        for name, value in vars(module).items():
            if (inspect.isclass(value) and issubclass(value, Exception) and name.endswith("Error")
                    and value.__module__ == module.__name__):
                found[f"{module.__name__}.{name}"] = value
    return found


def test_every_error_of_the_areas_is_a_domain_error():
    classes = _error_classes()
    # The ones routes catch today; a new one is checked the day it is written.
    for expected in ("auth.invitations.InvitationError", "review.decisions.DecisionError",
                     "candidates.registry.CandidateError", "partners.errors.PartnerError",
                     "hosting.placing.PlacementError", "proposals.drafting.AmountError",
                     "proposals.workflow.WorkflowError", "awards.ladder.LadderError",
                     "organisations.registration.RegistrationError", "organisations.members.MembershipError",
                     "organisations.profile.ProfileError"):
        assert f"clubs_exchange.{expected}" in classes
    # Not a step a person takes: a setting the app cannot start with stops create_app, no route sees it; a
    # backup command's failure is the operator's (a click error on the command line).
    startup = {"clubs_exchange.config.ConfigError", "clubs_exchange.backup.BackupError"}
    assert [name for name, cls in classes.items() if not issubclass(cls, DomainError) and name not in startup] == []


def test_errors_take_the_message_first_and_the_field_second():
    from clubs_exchange.candidates.registry import CandidateError
    from clubs_exchange.organisations.profile import ProfileError
    from clubs_exchange.organisations.registration import RegistrationError
    from clubs_exchange.partners.errors import PartnerError

    for cls in (PartnerError, CandidateError, ProfileError, RegistrationError):
        error = cls("Please give the name.", "name")
        assert (error.message, error.field) == ("Please give the name.", "name")
