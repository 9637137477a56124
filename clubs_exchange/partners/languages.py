"""Which languages a partnership's printed documents are in: the home city's, and the partner city's beside it.

The twinning certificate and the partnership agreement are read in both cities: where the partner city's
language (PartnerCity.language, set by staff, first guessed from the country) is one of the app's languages and
not the home city's, each is printed in two columns, the home city's first. Otherwise in the home city's alone.
"""

from flask import current_app

from clubs_exchange import languages

# Countries whose language is plainly one of the four. Belgium, Switzerland, Luxembourg and Canada read more than
# one: staff choose for those. Written as staff type the country, in English or in the country's language.
COUNTRY_LANGUAGES = {
    "germany": "de", "deutschland": "de", "austria": "de", "österreich": "de", "liechtenstein": "de",
    "france": "fr", "monaco": "fr",
    "romania": "ro", "românia": "ro", "moldova": "ro", "republic of moldova": "ro",
    "united kingdom": "en", "ireland": "en", "malta": "en",
}


def home_language() -> str:
    """The home city's language, its documents' first: CITY_LANGUAGE, else the default language."""
    language = current_app.config.get("CITY_LANGUAGE")
    return language if language in languages.offered() else languages.default_language()


def language_for_country(country: str) -> str:
    """The partner city's language guessed from its country; "" where it is none of the four or not plain."""
    return COUNTRY_LANGUAGES.get(" ".join((country or "").lower().split()), "")


def document_languages(partner) -> list[str]:
    """The home city's language, then the partner city's where it is another of the four."""
    home = home_language()
    theirs = partner.language
    return [home, theirs] if theirs in languages.offered() and theirs != home else [home]
