"""The member states of the European Union as data (ISO 3166-1 alpha-2), for the country rules of EU grants."""

# The 27 member states since 1 February 2020. Greece is "GR" in ISO 3166-1 (the EU's own "EL" is not ISO).
EU_MEMBER_STATES: frozenset[str] = frozenset({
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT", "LT", "LU",
    "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
})


def is_eu_member(country: str | None) -> bool:
    return (country or "").strip().upper() in EU_MEMBER_STATES
