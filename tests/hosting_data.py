"""A visiting group's guest list as the partner would send it, and a dozen host families: shared by hosting tests."""

HEADER = ["name", "date_of_birth", "age", "gender", "languages", "dietary_needs", "allergies", "pet_allergy",
          "accessibility_needs", "parental_consent", "wishes_with", "notes"]
FIRST = ["Camille", "Lucie", "Hugo", "Léa", "Louis", "Chloé", "Jules", "Manon", "Arthur", "Inès", "Gabriel",
         "Emma", "Raphaël", "Jade", "Adam", "Louise", "Paul", "Alice", "Nathan", "Lina", "Tom", "Rose", "Noah",
         "Anna", "Victor", "Zoé", "Ethan", "Mia", "Sacha", "Eva"]


def guest_rows(n: int = 30) -> list[list[str]]:
    """n guests: a few minors with consent, pet allergies, one wheelchair user, companions in pairs."""
    rows = []
    for i in range(n):
        name = f"{FIRST[i % len(FIRST)]} Martin-{i + 1}"
        minor = i % 5 == 0
        rows.append([
            name,
            f"2016-04-0{1 + i % 9}" if minor else "",
            "" if minor else str(25 + i),
            "female" if i % 2 else "male",
            "French; English" if i % 3 else "French",
            "vegetarian" if i % 7 == 0 else "",
            "",
            "yes" if i % 6 == 1 else "no",
            "wheelchair" if i == 3 else "",
            "yes" if minor else "",
            f"{FIRST[(i + 1) % len(FIRST)]} Martin-{i + 2}" if i % 4 == 0 and i + 1 < n else "",
            "",
        ])
    return rows


def guest_csv(rows: list[list[str]]) -> str:
    """The rows as a partner's plain comma-separated file (no cell holds a comma or a quotation mark)."""
    assert not any("," in c or '"' in c for row in rows for c in row)
    return "".join(",".join(row) + "\n" for row in [HEADER, *rows])


def with_two_bad_rows(rows: list[list[str]]) -> list[list[str]]:
    """Row 6 (a date that is none) and row 12 (no name) of the spreadsheet are wrong."""
    rows = [list(r) for r in rows]
    rows[4][1], rows[4][2] = "31.02.2010", ""
    rows[10][0] = ""
    return rows


FAMILIES = ["Becker", "Schulz", "Wagner", "Hoffmann", "Koch", "Richter", "Klein", "Wolf", "Neumann", "Schwarz",
            "Zimmermann", "Braun"]


def twelve_host_families(make_host) -> list:
    """Twelve confirmed households, 34 beds: some keep pets, some take minors, one has no stairs."""
    hosts = []
    for i, family in enumerate(FAMILIES):
        hosts.append(make_host(
            contact_name=f"Familie {family}",
            beds=2 + i % 3,
            languages="German, French" if i % 2 else "German, English",
            has_pets=i % 4 == 1,
            pets="a cat" if i % 4 == 1 else "",
            takes_minors=i % 3 != 2,
            caters_dietary=i % 5 == 0,
            accessible=i == 0,
        ))
    return hosts
