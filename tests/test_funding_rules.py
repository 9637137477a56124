"""The funding rules on worked examples of the researched guidelines (issue 13), each computed by hand here.

No app, no database: the rules are plain functions, and outside an app their messages are the English ones and
money is written as in en_GB ("€1,234.56"). Dates are of 2027 so the lead-time rule reads a fixed `today`.
"""

from datetime import date

import pytest

from clubs_exchange.funding.countries import EU_MEMBER_STATES, is_eu_member
from clubs_exchange.funding.rules import apply_by, assess, counted_days, estimate, money
from clubs_exchange.funding.terms import (
    AmountKind,
    Band,
    DayCounting,
    Direction,
    Meeting,
    Participant,
    Rate,
    Role,
    Rounding,
    SchemeTerms,
)

IN, OUT = Direction.INCOMING, Direction.OUTGOING


def people(count: int, born: int | None, role: Role = Role.PARTICIPANT, prefix: str = "p", **kw) -> tuple:
    return tuple(Participant(f"{prefix}{i}", birth_year=born, role=role, **kw) for i in range(count))


def leaders(count: int, born: int = 1980) -> tuple:
    return people(count, born, Role.LEADER, prefix="leader")


def verdict(outcome, rule):
    found = [v for v in outcome.verdicts if v.rule == rule]
    assert len(found) == 1, (rule, outcome.verdicts)
    return found[0]


def failed(outcome) -> dict:
    return {v.rule: v.reason for v in outcome.verdicts if not v.passed}


# ---- Aachen ---------------------------------------------------------------------------------------------------
# €4.40 per participant-day at home (also for up to as many foreign participants), €4.90 abroad, + 10% of the
# cheapest travel; 3–21 days; ages 12–21; one leader funded per 6 participants; at least 4 participants and
# 1 leader; apply 6 weeks ahead.
AACHEN = SchemeTerms(
    name="Youth exchanges", funder="City of Aachen", kind=AmountKind.PER_PARTICIPANT_DAY,
    rates=(Rate(440, IN), Rate(490, OUT)), day_counting=DayCounting.EACH_TRAVEL_DAY, min_days=3, max_days=21,
    min_participants=4, min_leaders=1, leader_ratio=6, min_age=12, max_age=21, travel_share_percent=10,
    apply_weeks_before=6, invited_up_to_home=True,
)


def test_aachen_trip_abroad_funds_the_participants_in_the_band_two_of_three_leaders_and_a_tenth_of_the_travel():
    meeting = Meeting(
        starts_on=date(2027, 7, 10), ends_on=date(2027, 7, 14), direction=OUT,  # 10th–14th: 5 days
        participants=people(17, 2010) + people(1, 2004, prefix="older") + leaders(3),  # 17 aged 17, one 23
        travel_cost_cents=123_456, applied_on=date(2027, 5, 20),
    )
    outcome = assess(AACHEN, meeting, today=date(2027, 5, 20))
    # leaders: floor(17 / 6) = 2 of 3
    # 17 × 5 × 490 = 41,650; 2 × 5 × 490 = 4,900; 10% of 123,456 = 12,345.6 → 12,346; sum 58,896
    assert outcome.eligible
    assert outcome.amount_cents == 58_896
    assert outcome.arithmetic == (
        "17 participants × 5 days × €4.90 = €416.50",
        "2 leaders × 5 days × €4.90 = €49.00",
        "+ 10% of the travel cost €1,234.56 = €123.46",
        "2 of 3 leaders within 1 per 6.",
    )
    assert verdict(outcome, "age_band").reason == (
        "17 of 18 participants within ages 12–21; 1 outside the band is not funded.")
    assert verdict(outcome, "days").reason == "5 days counted (arrival and departure each count)."
    # due: 10 July − 42 days = 29 May
    assert verdict(outcome, "lead_time").reason == (
        "Applied on 20 May 2027; due by 29 May 2027 (6 weeks before the start).")


def test_aachen_a_two_day_visit_of_three_applied_for_late_fails_three_rules_and_gets_nothing():
    meeting = Meeting(starts_on=date(2027, 3, 1), ends_on=date(2027, 3, 2), direction=IN,
                      participants=people(3, 2012) + leaders(1))
    outcome = assess(AACHEN, meeting, today=date(2027, 2, 20))
    # would be: 3 × 2 × 440 = 2,640 + 1 leader (at least one) × 2 × 440 = 880 → 3,520
    assert failed(outcome) == {
        "days": "2 days counted (arrival and departure each count); at least 3 days needed.",
        "group_size": "3 participants and 1 leader: at least 4 participants needed.",
        # due: 1 March − 42 days = 18 January
        "lead_time": "The application was due by 18 Jan 2027 (6 weeks before the start); today is 20 Feb 2027.",
    }
    assert outcome.amount_cents == 0
    assert outcome.arithmetic[-1] == "3 conditions not met: no amount (it would be €35.20)."


def test_aachen_at_home_the_guests_are_funded_up_to_as_many_as_our_own():
    meeting = Meeting(starts_on=date(2027, 7, 10), ends_on=date(2027, 7, 13), direction=IN,  # 4 days
                      participants=people(8, 2012, prefix="home") + people(12, 2012, prefix="guest", invited=True)
                      + leaders(2), applied_on=date(2027, 5, 1))
    outcome = assess(AACHEN, meeting, today=date(2027, 5, 1))
    # 8 ours + 8 of the 12 guests = 16; leaders floor(16 / 6) = 2
    # 16 × 4 × 440 = 28,160; 2 × 4 × 440 = 3,520; sum 31,680 (no travel cost given: no travel share)
    assert outcome.eligible
    assert outcome.amount_cents == 31_680
    assert verdict(outcome, "invited").reason == "8 of 12 participants from abroad funded, up to as many as ours (8)."
    assert outcome.arithmetic[:2] == ("16 participants × 4 days × €4.40 = €281.60",
                                      "2 leaders × 4 days × €4.40 = €35.20")


def test_aachen_a_group_without_a_leader_is_refused():
    meeting = Meeting(starts_on=date(2027, 7, 10), ends_on=date(2027, 7, 14), direction=IN,
                      participants=people(8, 2012))
    outcome = assess(AACHEN, meeting, today=date(2027, 5, 1))
    assert failed(outcome) == {"group_size": "8 participants and 0 leaders: at least 1 leader needed."}


# ---- a Münsterland town ---------------------------------------------------------------------------------------
# €10 per participant-day, at most 60 participants and 3 days funded, apply 2 months ahead.
MUENSTERLAND = SchemeTerms(
    name="Town twinning meetings", funder="A Münsterland town", kind=AmountKind.PER_PARTICIPANT_DAY,
    rates=(Rate(1000),), max_days=3, max_participants=60, apply_months_before=2,
)


def test_muensterland_funds_sixty_people_for_three_days_of_a_longer_meeting():
    meeting = Meeting(starts_on=date(2027, 6, 15), ends_on=date(2027, 6, 19), direction=IN,  # 5 days
                      participants=people(62, 1990) + leaders(2), applied_on=date(2027, 4, 15))
    outcome = assess(MUENSTERLAND, meeting, today=date(2027, 4, 15))
    # 64 listed, 60 funded: the 2 leaders and 58 participants, 3 of the 5 days
    # 58 × 3 × 1,000 = 174,000; 2 × 3 × 1,000 = 6,000; sum 180,000
    assert outcome.eligible
    assert outcome.amount_cents == 180_000
    assert outcome.arithmetic == ("58 participants × 3 days × €10.00 = €1,740.00",
                                  "2 leaders × 3 days × €10.00 = €60.00")
    assert verdict(outcome, "days").reason == (
        "5 days counted (arrival and departure each count); 3 days funded at most.")
    assert verdict(outcome, "max_participants").reason == "60 of 64 funded (at most 60)."
    # 2 months before 15 June: 15 April, the day itself still in time
    assert verdict(outcome, "lead_time").passed


def test_muensterland_one_day_after_the_two_months_is_too_late():
    meeting = Meeting(starts_on=date(2027, 6, 15), ends_on=date(2027, 6, 17), direction=IN,
                      participants=people(10, 1990), applied_on=date(2027, 4, 16))
    outcome = assess(MUENSTERLAND, meeting, today=date(2027, 4, 16))
    assert failed(outcome) == {
        "lead_time": "Applied on 16 Apr 2027; due by 15 Apr 2027 (2 months before the start)."}
    assert outcome.amount_cents == 0  # would be 10 × 3 × 1,000 = 30,000
    assert outcome.arithmetic[-1] == "1 condition not met: no amount (it would be €300.00)."


def test_calendar_months_before_a_month_end_land_on_the_shorter_months_last_day():
    assert apply_by(MUENSTERLAND, date(2027, 4, 30)) == date(2027, 2, 28)
    assert apply_by(MUENSTERLAND, date(2027, 1, 31)) == date(2026, 11, 30)
    assert apply_by(AACHEN, date(2027, 1, 31)) == date(2026, 12, 20)  # 6 weeks = 42 days


# ---- Lingen ---------------------------------------------------------------------------------------------------
# At least 5 people, at least half of the trip in the partner city; groups of 20 or more a flat €1,500 (adults)
# or €2,000 (youth), smaller groups a share. Assumed: youth means under 27, and the share is proportional
# (people ÷ 20 × the flat amount); the group is a youth group when most of its participants are young.
LINGEN = SchemeTerms(
    name="Partnership trips", funder="City of Lingen (Ems)", kind=AmountKind.GROUP_FLAT,
    rates=(Rate(200_000, max_age=26), Rate(150_000, min_age=27)), min_participants=5,
    min_share_in_partner_city_percent=50, full_group_size=20,
)


def test_lingen_a_group_of_twenty_two_adults_gets_the_full_flat_amount():
    meeting = Meeting(starts_on=date(2027, 8, 1), ends_on=date(2027, 8, 6), direction=OUT,  # 6 days
                      participants=people(22, 1970), days_in_partner_city=4)
    outcome = assess(LINGEN, meeting, today=date(2027, 6, 1))
    assert outcome.eligible
    assert outcome.amount_cents == 150_000
    assert outcome.arithmetic == ("22 participants: the full €1,500.00",)
    assert verdict(outcome, "partner_city").reason == "4 days of 6 days in the partner city; at least 50% needed."


def test_lingen_a_youth_group_of_fourteen_gets_its_share_of_the_youth_amount():
    meeting = Meeting(starts_on=date(2027, 8, 1), ends_on=date(2027, 8, 6), direction=OUT,
                      participants=people(12, 2012) + leaders(2, 1985), days_in_partner_city=3)  # 3 of 6: half
    outcome = assess(LINGEN, meeting, today=date(2027, 6, 1))
    # 14 people: 200,000 × 14 / 20 = 140,000
    assert outcome.eligible
    assert outcome.amount_cents == 140_000
    assert outcome.arithmetic == ("14 participants of 20: 14/20 × €2,000.00 = €1,400.00",)


def test_lingen_four_people_mostly_on_the_road_fail_twice():
    meeting = Meeting(starts_on=date(2027, 8, 1), ends_on=date(2027, 8, 6), direction=OUT,
                      participants=people(4, 1970), days_in_partner_city=2)
    outcome = assess(LINGEN, meeting, today=date(2027, 6, 1))
    assert failed(outcome) == {
        "group_size": "4 participants and 0 leaders: at least 5 people needed.",
        "partner_city": "2 days of 6 days in the partner city; at least 50% needed.",  # 33%
    }
    assert outcome.amount_cents == 0  # would be 150,000 × 4 / 20 = 30,000
    assert outcome.arithmetic[-1] == "2 conditions not met: no amount (it would be €300.00)."


# ---- Würzburg -------------------------------------------------------------------------------------------------
# At least 10 people and 3 days; €50 per person to a European partner, €100 beyond Europe, €10 per incoming
# guest, at most €300. Read as a cap per group (per meeting): as a cap per person it could never bind, the
# highest rate being €100. So a trip of 10 or more always gets €300; the rates tell for incoming groups.
WUERZBURG = SchemeTerms(
    name="Partnership meetings", funder="City of Würzburg", kind=AmountKind.PER_PERSON,
    rates=(Rate(5_000, OUT, outside_europe=False), Rate(10_000, OUT, outside_europe=True), Rate(1_000, IN)),
    min_participants=10, min_days=3, cap_per_group_cents=30_000,
)


def test_wuerzburg_twenty_four_incoming_guests_at_ten_euros():
    meeting = Meeting(starts_on=date(2027, 5, 6), ends_on=date(2027, 5, 9), direction=IN,
                      participants=people(24, 1975, invited=True))
    outcome = assess(WUERZBURG, meeting, today=date(2027, 4, 1))
    assert outcome.eligible
    assert outcome.amount_cents == 24_000  # 24 × 1,000
    assert outcome.arithmetic == ("24 participants × €10.00 = €240.00",)


def test_wuerzburg_a_trip_to_europe_is_capped_at_three_hundred_euros():
    meeting = Meeting(starts_on=date(2027, 5, 6), ends_on=date(2027, 5, 9), direction=OUT,
                      participants=people(12, 1975))
    outcome = assess(WUERZBURG, meeting, today=date(2027, 4, 1))
    # 12 × 5,000 = 60,000 > 30,000
    assert outcome.amount_cents == 30_000
    assert outcome.arithmetic == ("12 participants × €50.00 = €600.00",
                                  "€600.00, at most €300.00 per group: €300.00")


def test_wuerzburg_beyond_europe_the_higher_rate():
    meeting = Meeting(starts_on=date(2027, 5, 6), ends_on=date(2027, 5, 9), direction=OUT,
                      participants=people(10, 1975), partner_outside_europe=True)
    outcome = assess(WUERZBURG, meeting, today=date(2027, 4, 1))
    assert outcome.arithmetic[0] == "10 participants × €100.00 = €1,000.00"  # then capped
    assert outcome.amount_cents == 30_000


def test_wuerzburg_a_weekend_of_eight_is_refused():
    meeting = Meeting(starts_on=date(2027, 5, 8), ends_on=date(2027, 5, 9), direction=OUT,
                      participants=people(8, 1975))
    outcome = assess(WUERZBURG, meeting, today=date(2027, 4, 1))
    assert failed(outcome) == {
        "days": "2 days counted (arrival and departure each count); at least 3 days needed.",
        "group_size": "8 participants and 0 leaders: at least 10 people needed.",
    }
    assert outcome.amount_cents == 0


# ---- Bayreuth -------------------------------------------------------------------------------------------------
# Youth €5.11 per day up to 27; arrival and departure days each count.
BAYREUTH = SchemeTerms(
    name="Youth meetings", funder="City of Bayreuth", kind=AmountKind.PER_PARTICIPANT_DAY, rates=(Rate(511),),
    max_age=27, day_counting=DayCounting.EACH_TRAVEL_DAY,
)


def test_bayreuth_a_weekend_counts_three_days_and_the_one_over_27_is_not_funded():
    meeting = Meeting(starts_on=date(2027, 9, 3), ends_on=date(2027, 9, 5), direction=OUT,  # Fri–Sun
                      participants=people(8, 2005) + people(1, 1998, prefix="older"))  # 22 and 29
    outcome = assess(BAYREUTH, meeting, today=date(2027, 8, 1))
    # 8 × 3 × 511 = 12,264
    assert outcome.amount_cents == 12_264
    assert outcome.arithmetic == ("8 participants × 3 days × €5.11 = €122.64",)
    assert verdict(outcome, "age_band").reason == (
        "8 of 9 participants within ages up to 27; 1 outside the band is not funded.")


def test_bayreuth_after_the_event_attendance_sets_the_days():
    present = (Participant("left early", birth_year=2005, days_present=2),)
    meeting = Meeting(starts_on=date(2027, 9, 3), ends_on=date(2027, 9, 5), direction=OUT,
                      participants=people(7, 2005) + present)
    outcome = assess(BAYREUTH, meeting, today=date(2027, 9, 10))
    # 7 × 3 × 511 = 10,731; 1 × 2 × 511 = 1,022; sum 11,753
    assert outcome.amount_cents == 11_753
    assert outcome.arithmetic == ("7 participants × 3 days × €5.11 = €107.31",
                                  "1 participant × 2 days × €5.11 = €10.22")


def test_bayreuth_rounded_down_to_whole_euros_when_the_scheme_says_so():
    terms = SchemeTerms(**{**BAYREUTH.__dict__, "rounding": Rounding.EURO_DOWN})
    meeting = Meeting(starts_on=date(2027, 9, 3), ends_on=date(2027, 9, 5), direction=OUT,
                      participants=people(8, 2005))
    outcome = assess(terms, meeting, today=date(2027, 8, 1))
    assert outcome.amount_cents == 12_200  # 12,264 → 12,200
    assert outcome.arithmetic[-1] == "€122.64 rounded to whole euros: €122.00"


def test_bayreuth_a_group_over_27_gets_nothing():
    meeting = Meeting(starts_on=date(2027, 9, 3), ends_on=date(2027, 9, 5), direction=OUT,
                      participants=people(3, 1990) + people(1, None, prefix="unknown"))
    outcome = assess(BAYREUTH, meeting, today=date(2027, 8, 1))
    assert failed(outcome) == {"age_band": "0 of 4 participants within ages up to 27; 3 outside the band are not "
                                           "funded; 1 without a year of birth is not funded."}
    assert outcome.amount_cents == 0


# ---- Mannheim -------------------------------------------------------------------------------------------------
# €30–150 per person by distance, at most €2,000 per group. The band table is an example of the kind the
# guideline gives (its own figures between €30 and €150 to be checked when the preset is entered).
MANNHEIM = SchemeTerms(
    name="Partnership travel", funder="City of Mannheim", kind=AmountKind.BY_DISTANCE_BAND,
    bands=(Band(0, 300, 3_000), Band(301, 800, 6_000), Band(801, 1_500, 10_000), Band(1_501, None, 15_000)),
    cap_per_group_cents=200_000,
)


def test_mannheim_twelve_people_650_km():
    meeting = Meeting(starts_on=date(2027, 4, 1), ends_on=date(2027, 4, 4), direction=OUT,
                      participants=people(12, 1980), distance_km=650)
    outcome = assess(MANNHEIM, meeting, today=date(2027, 3, 1))
    assert outcome.amount_cents == 72_000  # 12 × 6,000
    assert outcome.arithmetic == ("12 participants × €60.00 (650 km) = €720.00",)


def test_mannheim_twenty_five_people_1100_km_capped_at_two_thousand():
    meeting = Meeting(starts_on=date(2027, 4, 1), ends_on=date(2027, 4, 4), direction=OUT,
                      participants=people(25, 1980), distance_km=1_100)
    outcome = assess(MANNHEIM, meeting, today=date(2027, 3, 1))
    # 25 × 10,000 = 250,000 > 200,000
    assert outcome.amount_cents == 200_000
    assert outcome.arithmetic[-1] == "€2,500.00, at most €2,000.00 per group: €2,000.00"


def test_mannheim_without_the_distance_there_is_no_amount():
    meeting = Meeting(starts_on=date(2027, 4, 1), ends_on=date(2027, 4, 4), direction=OUT,
                      participants=people(25, 1980))
    outcome = assess(MANNHEIM, meeting, today=date(2027, 3, 1))
    assert failed(outcome) == {"amount": "The distance is not known."}
    assert outcome.amount_cents == 0


# ---- Friedrichshafen ------------------------------------------------------------------------------------------
# At most 2 funded meetings per person and year; paid after the trip on the participants and days. The rate
# (€8 per participant-day) is an example: the issue names the cap, not the rate.
FRIEDRICHSHAFEN = SchemeTerms(
    name="Exchanges", funder="City of Friedrichshafen", kind=AmountKind.PER_PARTICIPANT_DAY, rates=(Rate(800),),
    max_meetings_per_person_year=2,
)


def test_friedrichshafen_a_person_with_two_funded_meetings_this_year_is_not_funded_again():
    meeting = Meeting(starts_on=date(2027, 10, 1), ends_on=date(2027, 10, 4), direction=OUT,  # 4 days
                      participants=people(6, 1980), meetings_this_year={"p0": 2, "p1": 1})
    outcome = assess(FRIEDRICHSHAFEN, meeting, today=date(2027, 9, 1))
    # p0 is out; 5 × 4 × 800 = 16,000
    assert outcome.eligible
    assert outcome.amount_cents == 16_000
    assert verdict(outcome, "yearly_cap").reason == (
        "1 person has had the funded meetings of this year already (at most 2 funded meetings per person and "
        "year): not funded.")


def test_friedrichshafen_nobody_left_under_the_yearly_cap():
    meeting = Meeting(starts_on=date(2027, 10, 1), ends_on=date(2027, 10, 4), direction=OUT,
                      participants=people(2, 1980), meetings_this_year={"p0": 2, "p1": 3})
    outcome = assess(FRIEDRICHSHAFEN, meeting, today=date(2027, 9, 1))
    assert failed(outcome) == {"yearly_cap": "2 people have had the funded meetings of this year already (at most "
                                             "2 funded meetings per person and year): not funded."}
    assert outcome.amount_cents == 0


# ---- CERV Town Twinning 2026 ----------------------------------------------------------------------------------
# Municipalities of at least 2 eligible countries, one an EU member; at least 50 direct participants of whom
# 25 invited international; a lump sum by band from €8,455 to €50,745. The bands between are a plausible
# evenly spaced table ((50,745 − 8,455) / 5 = 8,458 a step); the call document is the source, to be checked.
CERV_BANDS = (Band(50, 100, 845_500), Band(101, 200, 1_691_300), Band(201, 300, 2_537_100),
              Band(301, 400, 3_382_900), Band(401, 500, 4_228_700), Band(501, None, 5_074_500))
CERV = SchemeTerms(
    name="CERV Town Twinning 2026", funder="European Commission (CERV)", kind=AmountKind.LUMP_SUM_BY_BAND,
    bands=CERV_BANDS, min_countries=2, eu_member_required=True, min_direct_participants=50,
    min_invited_international=25,
)


def test_cerv_seventy_direct_participants_from_three_countries_get_the_first_band():
    meeting = Meeting(starts_on=date(2027, 6, 4), ends_on=date(2027, 6, 7), direction=IN,
                      participants=people(40, 1980, prefix="home") + people(30, 1980, invited=True, country="FR"),
                      countries=("DE", "FR", "UA"))
    outcome = assess(CERV, meeting, today=date(2027, 3, 1))
    assert outcome.eligible
    assert outcome.amount_cents == 845_500
    assert outcome.arithmetic == ("70 participants: the band 50–100, a lump sum of €8,455.00",)
    assert verdict(outcome, "countries").reason == "3 countries (DE, FR, UA); at least 2 needed."
    assert verdict(outcome, "eu_member").reason == "EU member states among them: DE, FR."
    assert verdict(outcome, "invited_international").reason == (
        "30 invited international participants; at least 25 needed.")


def test_cerv_too_few_invited_and_no_eu_member():
    meeting = Meeting(starts_on=date(2027, 6, 4), ends_on=date(2027, 6, 7), direction=IN,
                      participants=people(40, 1980, prefix="home") + people(20, 1980, invited=True),
                      countries=("UA", "MD"))
    outcome = assess(CERV, meeting, today=date(2027, 3, 1))
    assert failed(outcome) == {
        "eu_member": "No EU member state among the countries; one is needed.",
        "invited_international": "20 invited international participants; at least 25 needed.",
    }
    assert outcome.amount_cents == 0  # 60 direct: would be the first band
    assert outcome.arithmetic[-1] == "2 conditions not met: no amount (it would be €8,455.00)."


def test_cerv_estimate_from_the_expected_participants_before_a_list_exists():
    meeting = Meeting(starts_on=date(2027, 6, 4), ends_on=date(2027, 6, 7), direction=IN,
                      expected_participants=140, expected_leaders=10, expected_invited=60, countries=("DE", "PL"))
    outcome = estimate(CERV, meeting, today=date(2027, 3, 1))
    # 150 direct → band 101–200
    assert outcome.eligible
    assert outcome.amount_cents == 1_691_300
    assert verdict(outcome, "direct_participants").reason == "150 direct participants; at least 50 needed."
    assert assess(CERV, meeting, today=date(2027, 3, 1)).amount_cents == 0  # no list: nobody yet


# ---- a youth office (the Franco-German one as the model) ------------------------------------------------------
# 4–21 programme days, arrival and departure together count as one, ages 3–30, one leader per 5. The rate
# (€12 per participant-day) is an example: youth offices publish theirs per programme.
YOUTH_OFFICE = SchemeTerms(
    name="Youth meetings", funder="A youth office", kind=AmountKind.PER_PARTICIPANT_DAY, rates=(Rate(1_200),),
    day_counting=DayCounting.TRAVEL_DAYS_AS_ONE, min_days=4, max_days=21, min_age=3, max_age=30, leader_ratio=5,
)


def test_youth_office_six_calendar_days_are_five_programme_days_and_two_of_three_leaders():
    meeting = Meeting(starts_on=date(2027, 10, 18), ends_on=date(2027, 10, 23), direction=OUT,  # Mon–Sat
                      participants=people(11, 2011) + leaders(3))
    outcome = assess(YOUTH_OFFICE, meeting, today=date(2027, 6, 1))
    # 6 − 1 = 5 days; floor(11 / 5) = 2 leaders
    # 11 × 5 × 1,200 = 66,000; 2 × 5 × 1,200 = 12,000; sum 78,000
    assert outcome.eligible
    assert outcome.amount_cents == 78_000
    assert outcome.arithmetic == ("11 participants × 5 days × €12.00 = €660.00",
                                  "2 leaders × 5 days × €12.00 = €120.00",
                                  "2 of 3 leaders within 1 per 5.")
    assert verdict(outcome, "days").reason == (
        "5 days counted (arrival and departure together count as one day).")


def test_youth_office_four_calendar_days_are_too_few_programme_days():
    meeting = Meeting(starts_on=date(2027, 10, 18), ends_on=date(2027, 10, 21), direction=OUT,
                      participants=people(11, 2011) + leaders(2))
    outcome = assess(YOUTH_OFFICE, meeting, today=date(2027, 6, 1))
    assert failed(outcome) == {
        "days": "3 days counted (arrival and departure together count as one day); at least 4 days needed."}
    assert outcome.amount_cents == 0


def test_youth_office_estimate_from_twenty_expected_and_four_leaders():
    meeting = Meeting(starts_on=date(2027, 10, 18), ends_on=date(2027, 10, 23), direction=OUT,
                      expected_participants=20, expected_leaders=4)
    outcome = estimate(YOUTH_OFFICE, meeting, today=date(2027, 6, 1))
    # floor(20 / 5) = 4 leaders; 20 × 5 × 1,200 = 120,000; 4 × 5 × 1,200 = 24,000; sum 144,000
    assert outcome.amount_cents == 144_000
    assert "4 of 4 leaders within 1 per 5." in outcome.arithmetic


def test_a_cap_per_participant_limits_each_persons_amount():
    terms = SchemeTerms(name="Capped", funder="A city", kind=AmountKind.PER_PARTICIPANT_DAY, rates=(Rate(1_000),),
                        cap_per_participant_cents=2_500)
    meeting = Meeting(starts_on=date(2027, 1, 1), ends_on=date(2027, 1, 4), direction=OUT,
                      participants=people(3, 1980))
    outcome = assess(terms, meeting, today=date(2026, 12, 1))
    # each 4 × 1,000 = 4,000, capped at 2,500: 3 × 2,500 = 7,500
    assert outcome.amount_cents == 7_500
    assert outcome.arithmetic == ("3 participants × 4 days × €10.00 = €120.00",
                                  "3 people capped at €25.00 each; in all €75.00")


# ---- the pieces -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("ends_on", "each", "as_one", "full"), [
    (date(2027, 1, 1), 1, 1, 1),   # a day's meeting is one day whatever the counting
    (date(2027, 1, 2), 2, 1, 0),
    (date(2027, 1, 5), 5, 4, 3),
])
def test_the_three_ways_of_counting_days(ends_on, each, as_one, full):
    meeting = Meeting(starts_on=date(2027, 1, 1), ends_on=ends_on, direction=OUT)
    assert [counted_days(meeting, c) for c in DayCounting] == [each, as_one, full]


def test_the_eu_has_27_member_states_and_greece_is_gr():
    assert len(EU_MEMBER_STATES) == 27
    assert is_eu_member("gr") and is_eu_member("DE") and not is_eu_member("UA") and not is_eu_member("GB")


def test_money_and_reasons_follow_the_readers_language_inside_a_request(app):
    meeting = Meeting(starts_on=date(2027, 3, 1), ends_on=date(2027, 3, 2), direction=IN,
                      participants=people(3, 2012) + leaders(1))
    with app.test_request_context(headers={"Accept-Language": "de"}):
        outcome = assess(AACHEN, meeting, today=date(2027, 2, 20))
        assert money(39_600) == "396,00\xa0€"
    assert verdict(outcome, "days").reason == (
        "2 Tage gezählt (An- und Abreisetag zählen je einzeln); mindestens 3 Tage erforderlich.")
