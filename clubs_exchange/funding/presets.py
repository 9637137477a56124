"""The funding schemes the app ships with, as SchemeTerms: a city guideline, CERV Town Twinning 2026, a youth
office. `flask seed-funding-presets` and the demo data load them; staff then edit them like any scheme.
The sources are named in the README's "Funding" section."""

import sqlalchemy as sa

from clubs_exchange.extensions import db
from clubs_exchange.funding.models import FundingScheme
from clubs_exchange.funding.terms import AmountKind, Band, DayCounting, Direction, Rate, Rounding, SchemeTerms

# A city guideline modelled on Aachen's (€4.40 per participant-day at home, €4.90 abroad, 10% of the cheapest
# travel, 3–21 days, ages 12–21, one leader per 6, at least 4 participants and 1 leader, apply 6 weeks ahead),
# with Friedrichshafen's two funded meetings per person and year and Mülheim's report within 6 weeks. Aachen
# funds up to 27 in training: staff widen the age band where their own guideline says so.
CITY_GUIDELINE = SchemeTerms(
    name="Städtepartnerschaftliche Begegnungen",
    funder="Stadt (Richtlinie nach dem Vorbild Aachens)",
    kind=AmountKind.PER_PARTICIPANT_DAY,
    rates=(
        Rate(cents=440, direction=Direction.INCOMING),
        Rate(cents=490, direction=Direction.OUTGOING),
    ),
    day_counting=DayCounting.EACH_TRAVEL_DAY,
    min_days=3,
    max_days=21,
    min_participants=4,
    min_leaders=1,
    leader_ratio=6,
    min_age=12,
    max_age=21,
    max_meetings_per_person_year=2,
    travel_share_percent=10,
    apply_weeks_before=6,
    report_weeks_after=6,
    list_retention_months=24,
    rounding=Rounding.CENT,
)

# CERV Town Twinning, 2026 call: municipalities of at least 2 eligible countries, one an EU member state; at least
# 50 direct participants, 25 of them invited international participants; a lump sum by participant band from
# €8,455 to €50,745. The band limits and the amounts between the first and the last band below must be checked
# against the 2026 call document before anyone applies: only the lowest and highest sums are confirmed here.
CERV_TOWN_TWINNING_2026 = SchemeTerms(
    name="CERV Town Twinning 2026",
    funder="European Commission (CERV programme)",
    kind=AmountKind.LUMP_SUM_BY_BAND,
    bands=(
        Band(low=50, high=100, cents=845_500),
        Band(low=101, high=200, cents=1_691_000),
        Band(low=201, high=300, cents=2_536_500),
        Band(low=301, high=400, cents=3_382_500),
        Band(low=401, high=500, cents=4_228_500),
        Band(low=501, high=None, cents=5_074_500),
    ),
    day_counting=DayCounting.EACH_TRAVEL_DAY,
    min_countries=2,
    eu_member_required=True,
    min_direct_participants=50,
    min_invited_international=25,
    list_retention_months=60,
    rounding=Rounding.CENT,
)

# A youth office modelled on the Franco-German Youth Office: 4–21 programme days, arrival and departure together
# one day, ages 3–30, one leader per 5, apply months ahead, settle after. The daily rate is an example to be
# replaced by the office's current one.
YOUTH_OFFICE = SchemeTerms(
    name="Jugendbegegnung",
    funder="Jugendwerk (nach dem Vorbild des Deutsch-Französischen Jugendwerks)",
    kind=AmountKind.PER_PARTICIPANT_DAY,
    rates=(Rate(cents=2_000),),
    day_counting=DayCounting.TRAVEL_DAYS_AS_ONE,
    min_days=4,
    max_days=21,
    leader_ratio=5,
    min_age=3,
    max_age=30,
    apply_weeks_before=12,
    report_weeks_after=8,
    list_retention_months=60,
    rounding=Rounding.CENT,
)

PRESETS = {
    "city_guideline": (CITY_GUIDELINE, "https://www.aachen.de/"),
    "cerv_town_twinning_2026": (
        CERV_TOWN_TWINNING_2026,
        "https://ec.europa.eu/info/funding-tenders/opportunities/portal/screen/programmes/cerv",
    ),
    "youth_office": (YOUTH_OFFICE, "https://www.dfjw.org/"),
}


def seed_funding_presets() -> int:
    """Add the presets not there yet (found by their key, so a scheme staff edited stays as they left it); returns
    how many were added. The caller commits."""
    present = set(db.session.scalars(sa.select(FundingScheme.preset_key).where(FundingScheme.preset_key.is_not(None))))
    added = 0
    for key, (terms, source) in PRESETS.items():
        if key not in present:
            db.session.add(FundingScheme.from_terms(terms, preset_key=key, source_url=source, active=True))
            added += 1
    db.session.flush()
    return added
