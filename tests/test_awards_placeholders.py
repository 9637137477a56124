"""The {placeholders} of the mayor's letter, the dossier and the summary."""

import pytest

from clubs_exchange.awards.placeholders import PLACEHOLDERS, fill, placeholder_error, unknown_placeholders


@pytest.fixture(autouse=True)
def _app_context(app):
    """Messages are translated: they need the app's Babel."""


def test_known_placeholders_are_filled():
    text = "{city} applies for the {stage} {year} with {twin_towns} ({event_count} events)."
    values = {"city": "Testhausen", "stage": "European Diploma", "year": 2027, "twin_towns": "Annecy",
              "event_count": 12}
    assert fill(text, values) == "Testhausen applies for the European Diploma 2027 with Annecy (12 events)."


def test_the_same_placeholder_twice_and_text_without_any():
    assert fill("{city}, {city}!", {"city": "Lyon"}) == "Lyon, Lyon!"
    assert fill("No placeholder here.", {"city": "Lyon"}) == "No placeholder here."
    assert fill("", {}) == ""


def test_the_documented_placeholders_exist():
    for name in ("city", "twin_towns", "stage", "year", "previous_award_year", "event_count"):
        assert name in PLACEHOLDERS


def test_unknown_placeholders_are_found_once_each():
    assert unknown_placeholders("Dear {mayor}, {city} and {mayor} and {Year}") == ["mayor", "Year"]
    assert unknown_placeholders("{city} {year}") == []
    # Braces around several words or empty braces are a mistake to point out, not to ignore silently.
    assert unknown_placeholders("{}") == [""]


def test_the_error_names_the_unknown_and_lists_what_can_be_used():
    message = placeholder_error("Dear {mayor_name}")
    assert message.startswith("Unknown placeholder: {mayor_name}. You can use {city}, {twin_towns}")
    assert placeholder_error("{city}") is None


def test_an_unknown_placeholder_is_left_as_written_when_filling():
    assert fill("{nope} {city}", {"city": "Lyon"}) == "{nope} Lyon"
