"""The member states of the European Union as data (ISO 3166-1 alpha-2), for the country rules of EU grants."""

# The 27 member states since 1 February 2020. Greece is "GR" in ISO 3166-1 (the EU's own "EL" is not ISO).
EU_MEMBER_STATES: frozenset[str] = frozenset({
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT", "LT", "LU",
    "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
})


def is_eu_member(country: str | None) -> bool:
    return (country or "").strip().upper() in EU_MEMBER_STATES


# Countries of Europe (ISO), for the schemes that pay more beyond Europe (Würzburg): the Council of Europe's
# members and observers-in-Europe, the EU's, and the European microstates.
EUROPEAN_COUNTRIES: frozenset[str] = EU_MEMBER_STATES | frozenset({
    "AD", "AL", "AM", "AZ", "BA", "BY", "CH", "GB", "GE", "IS", "LI", "MC", "MD", "ME", "MK", "NO", "RS", "RU",
    "SM", "TR", "UA", "VA", "XK",
})

_NAME_LANGUAGES = ("en", "de", "fr", "ro")
_codes_by_name: dict[str, str] | None = None


def _normalised(name: str) -> str:
    return " ".join((name or "").casefold().replace("-", " ").split())


def country_code(country: str | None) -> str | None:
    """The ISO 3166-1 alpha-2 code of a country as staff type it on a partner city ("France", "Frankreich",
    "România", "FR"); None when it is not a country Babel knows in English, German, French or Romanian."""
    global _codes_by_name
    text = (country or "").strip()
    if not text:
        return None
    if len(text) == 2 and text.isalpha():
        return text.upper()
    if _codes_by_name is None:
        from babel import Locale

        table: dict[str, str] = {}
        for language in _NAME_LANGUAGES:
            for code, name in Locale.parse(language).territories.items():
                if len(code) == 2 and code.isalpha():
                    table.setdefault(_normalised(name), code)
        # Names people write that Babel spells otherwise.
        table.update({"republic of moldova": "MD", "moldova": "MD", "czech republic": "CZ", "holland": "NL",
                      "great britain": "GB", "england": "GB", "scotland": "GB", "wales": "GB", "uk": "GB",
                      "türkiye": "TR", "turkey": "TR"})
        _codes_by_name = table
    return _codes_by_name.get(_normalised(text))


def in_europe(code: str | None) -> bool:
    return (code or "").upper() in EUROPEAN_COUNTRIES
