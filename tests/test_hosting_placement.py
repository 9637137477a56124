"""The placement rules on plain values: hard rules never broken, preferences scored, the proposal explained."""

from datetime import date

import pytest

from clubs_exchange.hosting.placement import (
    GuestNeeds,
    Host,
    Preference,
    Rule,
    Stay,
    Violation,
    check,
    hard_rules,
    language_set,
    propose,
    unmet_preferences,
)

STAY = Stay.of(date(2031, 6, 12), date(2031, 6, 15))


def host(id, beds=2, **kw):
    return Host(id=id, name=f"Host {id}", beds=beds, **kw)


def guest(id, **kw):
    return GuestNeeds(id=id, name=f"Guest {id}", **kw)


def test_stays_overlap_by_nights_not_by_departure_day():
    assert STAY.overlaps(Stay.of(date(2031, 6, 14), date(2031, 6, 20)))
    # Leaving on the 15th frees the bed for someone arriving on the 15th.
    assert not STAY.overlaps(Stay.of(date(2031, 6, 15), date(2031, 6, 18)))
    # A one-day event is one night.
    assert Stay.of(date(2031, 6, 12), date(2031, 6, 12)).leaves == date(2031, 6, 13)


@pytest.mark.parametrize(
    "needs, home, rule",
    [
        (dict(pet_allergy=True), dict(has_pets=True), Rule.PETS),
        (dict(minor=True, parental_consent=True), dict(takes_minors=False), Rule.MINORS),
        (dict(minor=True, parental_consent=False), dict(takes_minors=True), Rule.NO_CONSENT),
        (dict(needs_accessibility=True), dict(accessible=False), Rule.ACCESSIBILITY),
        ({}, dict(unavailable=((date(2031, 6, 14), date(2031, 6, 14)),)), Rule.UNAVAILABLE),
        ({}, dict(other_stays=(Stay.of(date(2031, 6, 10), date(2031, 6, 13)),)), Rule.BUSY),
    ],
)
def test_each_hard_rule_keeps_a_guest_from_a_household(needs, home, rule):
    assert hard_rules(guest(1, **needs), host(1, **home), STAY) == [rule]
    assert rule not in propose([guest(1, **needs)], [host(1, **home)], STAY).assignment


def test_matching_needs_break_no_rule():
    g = guest(1, pet_allergy=True, minor=True, parental_consent=True, needs_accessibility=True)
    h = host(1, takes_minors=True, accessible=True, unavailable=((date(2031, 6, 15), date(2031, 6, 30)),),
             other_stays=(Stay.of(date(2031, 6, 15), date(2031, 6, 16)),))
    assert hard_rules(g, h, STAY) == []


def test_capacity_is_never_exceeded():
    guests = [guest(i) for i in range(1, 8)]
    result = propose(guests, [host(1, beds=2), host(2, beds=3)], STAY)
    per_host = {h: list(result.assignment.values()).count(h) for h in (1, 2)}
    assert per_host == {1: 2, 2: 3}
    assert len(result.unplaced) == 2
    assert all(u.reasons == ((Rule.NO_BEDS, 2),) for u in result.unplaced)


def test_fixed_placements_are_kept_and_count_against_the_beds():
    result = propose([guest(1), guest(2), guest(3)], [host(1, beds=1), host(2, beds=2)], STAY, fixed={1: 2})
    assert result.assignment[1] == 2
    assert sorted(result.assignment.values()) == [1, 2, 2]


def test_the_hardest_guests_are_placed_first():
    # Only household 1 is accessible; a guest who does not need it must not take its only bed.
    guests = [guest(1), guest(2, needs_accessibility=True)]
    result = propose(guests, [host(1, beds=1, accessible=True), host(2, beds=1)], STAY)
    assert result.assignment == {2: 1, 1: 2}


def test_a_shared_language_wins_over_a_household_without():
    g = guest(1, languages=language_set(["French"]))
    result = propose([g], [host(1), host(2, languages=language_set(["german", "FRENCH "]))], STAY)
    assert result.assignment == {1: 2}


def test_dietary_needs_prefer_a_household_that_caters():
    result = propose([guest(1, needs_diet=True)], [host(1), host(2, caters_dietary=True)], STAY)
    assert result.assignment == {1: 2}


def test_wished_companions_are_placed_together():
    guests = [guest(1, companions=frozenset({3})), guest(2), guest(3), guest(4, companions=frozenset({2}))]
    result = propose(guests, [host(1, beds=2), host(2, beds=2), host(3, beds=1)], STAY)
    assert result.assignment[1] == result.assignment[3]
    assert result.assignment[2] == result.assignment[4]


def test_companions_are_split_when_no_household_takes_them_all():
    guests = [guest(1, companions=frozenset({2, 3})), guest(2), guest(3)]
    result = propose(guests, [host(1, beds=2), host(2, beds=2)], STAY)
    assert len(result.assignment) == 3
    assert unmet_preferences(guests[0], host(1), [], {g.id: g for g in guests}) == [Preference.COMPANIONS]


def test_the_proposal_is_deterministic_whatever_the_input_order():
    guests = [guest(i, languages=language_set(["French"] if i % 2 else ["Polish"]),
                    companions=frozenset({i + 1}) if i % 3 == 0 else frozenset()) for i in range(1, 25)]
    hosts = [host(i, beds=1 + i % 3, languages=language_set(["French"] if i % 2 else [])) for i in range(1, 11)]
    first = propose(guests, hosts, STAY)
    again = propose(list(reversed(guests)), list(reversed(hosts)), STAY)
    assert first.assignment == again.assignment
    assert first.unplaced == again.unplaced


def test_an_impossible_case_explains_every_unplaced_guest():
    hosts = [
        host(1, beds=3, has_pets=True, takes_minors=True),
        host(2, beds=1, takes_minors=True, unavailable=((date(2031, 6, 1), date(2031, 6, 30)),)),
        host(3, beds=1, takes_minors=False),
    ]
    guests = [
        guest(1, pet_allergy=True, minor=True, parental_consent=True),  # host 1 pets, 2 away, 3 no minors
        guest(2, minor=True, parental_consent=False),  # no consent: nowhere
        guest(3, needs_accessibility=True),  # nobody accessible
    ]
    result = propose(guests, hosts, STAY)
    assert result.assignment == {}
    reasons = {u.guest_id: dict(u.reasons) for u in result.unplaced}
    assert reasons[1] == {Rule.UNAVAILABLE: 1, Rule.PETS: 1, Rule.MINORS: 1}
    assert reasons[2][Rule.NO_CONSENT] == 3
    assert reasons[3] == {Rule.UNAVAILABLE: 1, Rule.ACCESSIBILITY: 3}
    assert all(u.hosts_total == 3 for u in result.unplaced)


def test_no_household_at_all():
    result = propose([guest(1)], [], STAY)
    assert result.unplaced[0].hosts_total == 0 and result.unplaced[0].reasons == ()


def test_a_manual_move_is_checked_by_the_same_rules():
    guests = [guest(1, pet_allergy=True), guest(2), guest(3)]
    hosts = [host(1, beds=1, has_pets=True), host(2, beds=1)]
    assert check(guests, hosts, STAY, {1: 1}) == [Violation(1, 1, Rule.PETS)]
    over = check(guests, hosts, STAY, {2: 2, 3: 2}, only=[3])
    assert [(v.guest_id, v.rule) for v in over] == [(3, Rule.NO_BEDS)]
    # An older problem elsewhere does not block an unrelated change.
    assert check(guests, hosts, STAY, {1: 1, 2: 2}, only=[2]) == []


def test_a_swap_that_breaks_a_rule_is_found():
    guests = [guest(1, pet_allergy=True), guest(2)]
    hosts = [host(1, beds=1), host(2, beds=1, has_pets=True)]
    swapped = {1: 2, 2: 1}
    assert [(v.guest_id, v.rule) for v in check(guests, hosts, STAY, swapped, only=[1, 2])] == [(1, Rule.PETS)]
