"""The matching rules for exchange interests, tested directly: which interests fit, and the reasons given."""

from datetime import date

import pytest

from clubs_exchange.interests.matching import (
    activity_words,
    fit,
    fits_for,
    month_span,
    period_overlap,
    shared_activity,
)
from clubs_exchange.interests.models import ExchangeInterest, InterestKind
from clubs_exchange.organisations.models import AgeGroup, Organisation, OrganisationKind

SEND, HOST, JOINT = InterestKind.SEND_GROUP, InterestKind.HOST_GROUP, InterestKind.JOINT_EVENT
PUPILS, ONLINE = InterestKind.PUPIL_EXCHANGE, InterestKind.ONLINE_EXCHANGE


def interest(organisation_id=1, field=OrganisationKind.SPORTS_CLUB, **fields) -> ExchangeInterest:
    """An unsaved interest of an organisation of `field` (all of one field unless said): no database needed."""
    fields.setdefault("kind", HOST)
    fields.setdefault("activity", "football match")
    fields.setdefault("is_open", True)
    fields.setdefault("beds_offered", 0)
    organisation = Organisation(id=organisation_id, name=f"Organisation {organisation_id}", kind=field)
    return ExchangeInterest(organisation_id=organisation_id, organisation=organisation, **fields)


# --- the activity -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("mine", "theirs", "shared"),
    [
        ("football", "football match", "football"),
        ("Football match", "football", "football"),
        ("Football-Match", "football match!", "Football-Match"),
        ("  chamber   choir ", "Concert of the Chamber Choir", "chamber choir"),
        ("Fußball", "fussball turnier", "Fußball"),
        ("Café concert", "cafe concert", "Café concert"),
        ("football match", "football tournament", None),
        ("ball", "football", None),
        ("concert", "football match", None),
        ("", "football", None),
        ("!!!", "!!!", None),
    ],
)
def test_shared_activity_compares_whole_words_case_and_accents_folded(app, mine, theirs, shared):
    assert shared_activity(mine, theirs) == shared


def test_activity_words_drop_punctuation_and_case():
    assert activity_words("Football-Match, U17!") == ("football", "match", "u17")


# --- which pairs fit -------------------------------------------------------------------------------------------


def test_a_host_fits_a_sender_and_the_reason_says_who_does_what(app):
    mine = interest(1, kind=SEND, activity="concert")
    theirs = interest(2, kind=HOST, activity="football match")
    result = fit(mine, theirs)
    assert result is not None
    assert result.reasons == ["They host a group; you want to send one"]
    assert fit(theirs, mine).reasons == ["They want to send a group; you host one"]


@pytest.mark.parametrize(
    ("kind", "reason"),
    [(PUPILS, "You both want a pupil exchange"), (ONLINE, "You both want an online exchange")],
)
def test_pupil_and_online_exchanges_complement_their_own_kind(app, kind, reason):
    result = fit(interest(1, kind=kind, activity="German"), interest(2, kind=kind, activity="science project"))
    assert result.reasons == [reason]


@pytest.mark.parametrize(("a", "b"), [(HOST, HOST), (SEND, SEND), (JOINT, JOINT), (PUPILS, ONLINE), (JOINT, HOST)])
def test_kinds_that_do_not_complement_fit_only_through_the_activity(app, a, b):
    assert fit(interest(1, kind=a, activity="concert"), interest(2, kind=b, activity="football")) is None
    shared = fit(interest(1, kind=a, activity="football"), interest(2, kind=b, activity="Football match"))
    assert shared is not None
    assert shared.reasons == ["Same activity: football"]
    assert not shared.complements


def test_complement_and_shared_activity_are_both_reported(app):
    result = fit(interest(1, kind=SEND, activity="football match"), interest(2, kind=HOST, activity="football"))
    assert result.reasons == ["They host a group; you want to send one", "Same activity: football"]


def test_the_partner_city_must_be_the_same_unless_either_says_any(app):
    send = dict(kind=SEND, activity="concert")
    assert fit(interest(1, partner_city_id=7, **send), interest(2, partner_city_id=7)) is not None
    assert fit(interest(1, partner_city_id=7, **send), interest(2, partner_city_id=None)) is not None
    assert fit(interest(1, partner_city_id=None, **send), interest(2, partner_city_id=8)) is not None
    assert fit(interest(1, partner_city_id=None, **send), interest(2, partner_city_id=None)) is not None
    assert fit(interest(1, partner_city_id=7, **send), interest(2, partner_city_id=8)) is None


def test_closed_interests_and_the_own_organisation_never_fit(app):
    mine = interest(1, kind=SEND)
    assert fit(mine, interest(2, kind=HOST, is_open=False)) is None
    assert fit(mine, interest(1, kind=HOST)) is None
    assert fit(mine, mine) is None


# --- extra reasons ----------------------------------------------------------------------------------------------


def test_overlapping_periods_are_a_reason_with_the_common_months(app):
    mine = interest(1, kind=SEND, period_from=date(2027, 4, 1), period_to=date(2027, 6, 1))
    theirs = interest(2, kind=HOST, period_from=date(2027, 5, 1), period_to=date(2027, 9, 1))
    assert "Preferred periods overlap: May–June 2027" in fit(mine, theirs).reasons


def test_periods_that_do_not_overlap_or_are_not_stated_give_no_reason(app):
    mine = interest(1, kind=SEND, activity="concert", period_from=date(2027, 4, 1), period_to=date(2027, 5, 1))
    later = interest(2, kind=HOST, period_from=date(2027, 6, 1), period_to=date(2027, 9, 1))
    anytime = interest(3, kind=HOST)
    assert fit(mine, later).reasons == ["They host a group; you want to send one"]
    assert fit(mine, anytime).reasons == ["They host a group; you want to send one"]


def test_open_ended_periods_overlap_from_the_later_start(app):
    a = interest(1, period_from=date(2027, 3, 1))
    b = interest(2, period_from=date(2027, 5, 1), period_to=date(2028, 1, 1))
    assert period_overlap(a, b) == (date(2027, 5, 1), date(2028, 1, 1))
    assert period_overlap(a, interest(3, period_to=date(2027, 2, 1))) is None
    assert period_overlap(a, interest(4, period_from=date(2028, 1, 1))) == (date(2028, 1, 1), None)


def test_month_span_reads_like_a_person_writes_it(app):
    assert month_span(date(2027, 5, 1), date(2027, 6, 1)) == "May–June 2027"
    assert month_span(date(2027, 5, 1), date(2027, 5, 1)) == "May 2027"
    assert month_span(date(2026, 12, 1), date(2027, 1, 1)) == "December 2026–January 2027"
    assert month_span(date(2027, 5, 1), None) == "from May 2027"
    assert month_span(None, date(2027, 5, 1)) == "until May 2027"
    assert month_span(None, None) == ""


def test_age_groups_that_match_are_a_reason(app):
    send = dict(kind=SEND, activity="concert")
    assert "Same age group: Youth (12–17)" in fit(
        interest(1, age_group=AgeGroup.YOUTH, **send), interest(2, age_group=AgeGroup.YOUTH)
    ).reasons
    assert "Age groups go together: All ages and Youth (12–17)" in fit(
        interest(1, age_group=AgeGroup.YOUTH, **send), interest(2, age_group=AgeGroup.MIXED)
    ).reasons
    assert fit(interest(1, age_group=AgeGroup.YOUTH, **send), interest(2, age_group=AgeGroup.SENIORS)).reasons == [
        "They host a group; you want to send one"
    ]


def test_beds_that_cover_the_group_are_a_reason_and_too_few_a_remark(app):
    sender = interest(1, kind=SEND, activity="concert", group_size=20)
    enough = fit(sender, interest(2, kind=HOST, beds_offered=24))
    assert "Their 24 beds cover your group of 20" in enough.reasons
    too_few = fit(sender, interest(3, kind=HOST, beds_offered=10))
    assert too_few.reasons == ["They host a group; you want to send one"]
    assert too_few.remarks == ["Their 10 beds do not cover your group of 20"]
    host = interest(4, kind=HOST, activity="concert", beds_offered=1)
    assert fit(host, interest(5, kind=SEND, group_size=1)).reasons[-1] == "Your 1 bed covers their group of 1"


def test_in_a_pupil_exchange_both_sides_host(app):
    mine = interest(1, kind=PUPILS, activity="French", group_size=12, beds_offered=15)
    theirs = interest(2, kind=PUPILS, activity="German", group_size=14, beds_offered=12)
    result = fit(mine, theirs)
    assert "Their 12 beds cover your group of 12" in result.reasons
    assert "Your 15 beds cover their group of 14" in result.reasons


# --- fits_for: the query and the order ------------------------------------------------------------------------------


def test_fits_for_finds_open_fitting_interests_of_other_organisations_best_first(
    db, make_org, make_partner, make_interest
):
    city, other_city = make_partner(), make_partner()
    own_org = make_org(name="Choir Harmonie")
    mine = make_interest(
        organisation=own_org, partner_city=city, kind=SEND, activity="concert", group_size=20,
        period_from=date(2027, 5, 1), period_to=date(2027, 6, 1),
    )
    best = make_interest(
        organisation=make_org(name="Zither Club"), partner_city=city, kind=HOST, activity="Concert evening",
        beds_offered=25, period_from=date(2027, 6, 1), period_to=date(2027, 8, 1),
    )
    plain = make_interest(organisation=make_org(name="Athletics"), partner_city=None, kind=HOST, activity="athletics")
    shared_only = make_interest(organisation=make_org(name="Brass Band"), partner_city=city, kind=JOINT,
                                activity="concert")
    make_interest(organisation=make_org(), partner_city=other_city, kind=HOST, activity="concert")  # other city
    make_interest(organisation=make_org(), partner_city=city, kind=HOST, activity="concert", is_open=False)
    make_interest(organisation=own_org, partner_city=city, kind=HOST, activity="concert")  # own organisation
    make_interest(organisation=make_org(), partner_city=city, kind=SEND, activity="football")  # no reason

    fits = fits_for(mine)

    assert [f.interest.id for f in fits] == [best.id, plain.id, shared_only.id]
    assert fits[0].reasons == [
        "They host a group; you want to send one",
        "Same activity: concert",
        "Preferred periods overlap: June 2027",
        "Their 25 beds cover your group of 20",
    ]
