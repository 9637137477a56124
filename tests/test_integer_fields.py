"""Numbers typed into forms: "٣", "²" or 400 digits are a message beside the field, never a 500."""

import importlib
import pkgutil

import pytest
from wtforms import IntegerField

import clubs_exchange
from clubs_exchange.ids import IntField


def form_classes():
    from flask_wtf import FlaskForm

    for info in pkgutil.walk_packages(clubs_exchange.__path__, "clubs_exchange."):
        if info.name.endswith(".forms"):
            importlib.import_module(info.name)

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    return [cls for cls in subclasses(FlaskForm) if cls.__module__.startswith("clubs_exchange.")]


def test_every_number_field_reads_through_the_one_parser(app):
    plain = []
    for cls in form_classes():
        for name in dir(cls):
            unbound = getattr(cls, name, None)
            field_class = getattr(unbound, "field_class", None)
            if isinstance(field_class, type) and issubclass(field_class, IntegerField) \
                    and not issubclass(field_class, IntField):
                plain.append(f"{cls.__module__}.{cls.__name__}.{name}")
    assert plain == []


@pytest.mark.parametrize("typed", ["٣", "²", "9" * 400, "-5"])
def test_a_strange_number_is_a_message_and_the_entries_stay(typed, client, login_as, secretary, choir, lyon):
    login_as(secretary)
    response = client.post("/interests/new", data={
        "organisation_id": str(choir.id), "kind": "host_group", "activity": "Chorkonzert im Dom",
        "partner_city_id": str(lyon.id), "group_size": typed, "age_group": "adults",
    })
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Chorkonzert im Dom" in html
    # Not a number at all, or a number out of the field's range (the range is the field's own message).
    expected = "Enter a number from 1 to 10,000." if typed == "-5" else "Not a valid integer value."
    assert expected in html
