"""A funding scheme's terms as plain values: what funding/rules.py reads, and what the stored scheme (models.py)
turns itself into. Standard library only, so the rules are tested without a database.

Money is in integer cents; rates per participant-day or per person are cents too. Percentages are whole
numbers (10 = 10%) or, where a finer share is needed, basis points (say so in the field's name).
"""

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class AmountKind(StrEnum):
    PER_PARTICIPANT_DAY = "per_participant_day"  # Aachen €4.40, Bayreuth €5.11, a Münsterland town €10
    PER_PERSON = "per_person"                    # Würzburg €50 / €100 / €10 per incoming guest
    GROUP_FLAT = "group_flat"                    # Lingen: €1,500 / €2,000 for 20 or more, a share below
    LUMP_SUM_BY_BAND = "lump_sum_by_band"        # CERV Town Twinning: by number of participants
    TRAVEL_SHARE = "travel_share"                # a share of the (cheapest) travel cost
    BY_DISTANCE_BAND = "by_distance_band"        # Mannheim: €30–150 per person by distance


class Direction(StrEnum):
    INCOMING = "incoming"  # guests come to us
    OUTGOING = "outgoing"  # we travel to the partner city


class DayCounting(StrEnum):
    EACH_TRAVEL_DAY = "each_travel_day"          # arrival and departure each count (Bayreuth)
    TRAVEL_DAYS_AS_ONE = "travel_days_as_one"    # arrival and departure together count as one (youth offices)
    FULL_DAYS_ONLY = "full_days_only"            # neither counts


class Rounding(StrEnum):
    CENT = "cent"
    EURO_DOWN = "euro_down"
    EURO_NEAREST = "euro_nearest"


class Role(StrEnum):
    PARTICIPANT = "participant"
    LEADER = "leader"
    OTHER = "other"  # interpreter, driver: listed, not funded unless a scheme says so


@dataclass(frozen=True)
class Rate:
    """One rate: for a direction (None: both) and an age band (None: any age), in cents."""
    cents: int
    direction: Direction | None = None
    min_age: int | None = None
    max_age: int | None = None
    outside_europe: bool | None = None  # Würzburg: €50 to a European partner, €100 beyond (None: either)


@dataclass(frozen=True)
class Band:
    """A band of a lump-sum or distance table: from `low` to `high` (inclusive; None: open), an amount in cents.
    For LUMP_SUM_BY_BAND the bounds are participants; for BY_DISTANCE_BAND kilometres."""
    low: int
    high: int | None
    cents: int


@dataclass(frozen=True)
class SchemeTerms:
    name: str
    funder: str
    kind: AmountKind
    rates: tuple[Rate, ...] = ()
    bands: tuple[Band, ...] = ()
    day_counting: DayCounting = DayCounting.EACH_TRAVEL_DAY
    min_days: int | None = None
    max_days: int | None = None
    min_participants: int | None = None       # the group, leaders included, unless min_leaders says otherwise
    max_participants: int | None = None       # funded at most this many (the rest may come, unfunded)
    min_leaders: int | None = None
    leader_ratio: int | None = None           # one leader funded per this many participants
    invited_up_to_home: bool = False          # at home: invited guests funded up to as many as our own (Aachen)
    min_age: int | None = None                # participants (not leaders) of this age band are funded
    max_age: int | None = None
    cap_per_group_cents: int | None = None
    cap_per_participant_cents: int | None = None
    max_meetings_per_person_year: int | None = None
    min_share_in_partner_city_percent: int | None = None  # share of the days spent in the partner city (outgoing)
    travel_share_percent: int | None = None   # TRAVEL_SHARE, or a share added to a daily rate (Aachen: 10)
    full_group_size: int | None = None        # GROUP_FLAT: groups of this size or more get the full amount
    min_countries: int | None = None          # CERV: municipalities of at least 2 eligible countries
    eu_member_required: bool = False          # ... at least one of them an EU member state
    min_direct_participants: int | None = None        # CERV: at least 50
    min_invited_international: int | None = None      # CERV: at least 25 from countries other than the host's
    apply_weeks_before: int | None = None     # lead time: apply at least this many weeks before the start
    apply_months_before: int | None = None    # ... or calendar months (a Münsterland town: 2 months)
    report_weeks_after: int | None = None     # the report is due this many weeks after the end
    list_retention_months: int | None = None  # participant lists are kept this long after the end
    rounding: Rounding = Rounding.CENT


@dataclass(frozen=True)
class Participant:
    name: str
    birth_year: int | None = None
    role: Role = Role.PARTICIPANT
    invited: bool = False          # travels in from another country (CERV's "invited international participant")
    country: str | None = None     # ISO 3166-1 alpha-2 of residence, for the country rules
    days_present: int | None = None  # after the event: attendance; None = the whole event


@dataclass(frozen=True)
class Meeting:
    """The event as the rules see it."""
    starts_on: date
    ends_on: date
    direction: Direction
    participants: tuple[Participant, ...] = ()
    expected_participants: int | None = None   # for an estimate before a list exists
    expected_leaders: int | None = None
    expected_invited: int | None = None        # ... of all expected, those invited from abroad (CERV)
    countries: tuple[str, ...] = ()            # ISO codes of the municipalities taking part (home city's too)
    days_in_partner_city: int | None = None
    travel_cost_cents: int | None = None
    distance_km: int | None = None
    partner_outside_europe: bool = False       # the partner city lies beyond Europe (Würzburg's higher rate)
    applied_on: date | None = None
    meetings_this_year: dict[str, int] = field(default_factory=dict)  # participant name → funded meetings so far


@dataclass(frozen=True)
class Verdict:
    """One rule's outcome: passed or not, why, and the figures it used (shown to people)."""
    rule: str
    passed: bool
    reason: str


@dataclass(frozen=True)
class Outcome:
    verdicts: tuple[Verdict, ...]
    amount_cents: int
    arithmetic: tuple[str, ...]   # "18 participants × 5 days × €4.40 = €396.00"

    @property
    def eligible(self) -> bool:
        return all(v.passed for v in self.verdicts)

    @property
    def workings(self) -> tuple[str, ...]:
        """The arithmetic to show beside the verdicts: without the lines that are a verdict's reason (the leader
        ratio explains the sum and is a rule too), which the verdicts say already, with their mark."""
        reasons = {v.reason for v in self.verdicts}
        return tuple(line for line in self.arithmetic if line not in reasons)
