"""The languages content is written and read in: the four of the app, their names, the reader's and the original's."""

from babel import Locale
from flask import current_app
from flask_babel import get_locale


def supported_languages() -> tuple[str, ...]:
    """The app's languages (SUPPORTED_LANGUAGES, clubs_exchange/languages.py), in the order forms offer them."""
    from clubs_exchange.languages import offered

    return tuple(offered())


def language_of(code: str | None) -> str:
    """A locale such as de_AT or "de-AT" read as its language, de."""
    return str(code or "").replace("-", "_").split("_")[0].lower()


def reader_language() -> str:
    return language_of(str(get_locale() or current_app.config["BABEL_DEFAULT_LOCALE"]))


def city_language() -> str:
    return language_of(current_app.config["BABEL_DEFAULT_LOCALE"])


def original_language(subject) -> str:
    """The language the subject's own texts are written in; texts from before languages were recorded are in
    the city's language."""
    return language_of(subject.text_language) or city_language()


def language_name(code: str, *, in_language: str | None = None) -> str:
    """The language's name in the reader's language (or in `in_language`), as written inside a sentence:
    German, allemand, Deutsch."""
    try:
        return Locale.parse(code).get_display_name(in_language or reader_language()) or code
    except (ValueError, TypeError):
        return code


def language_choices(*, leave_out: str | None = None) -> list[tuple[str, str]]:
    """The languages for a select, named as a list item is (capitalised: Anglais, Română)."""
    return [(code, language_name(code)[:1].upper() + language_name(code)[1:])
            for code in supported_languages() if code != leave_out]
