"""The member states of the European Union as ISO 3166-1 alpha-2 codes, for the schemes' country rules (CERV:
at least one municipality in a member state). Data, changed here when the Union changes."""

EU_MEMBER_STATES = frozenset({
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT", "LT", "LU",
    "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
})
