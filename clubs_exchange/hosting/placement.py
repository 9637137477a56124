"""Placement rules on plain values: who may stay with whom, how well it fits, and a proposal for a whole group.

Hard rules are never broken (beds, other stays, unavailable periods, pets, minors, accessibility); soft
preferences (a shared language, wished companions together, dietary catering) are scored. Everything is
deterministic: the same guests and hosts give the same proposal.
"""

import enum
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta


class Rule(enum.StrEnum):
    """A hard rule that keeps a guest from a household."""

    NO_CONSENT = "no_consent"  # a minor without recorded parental consent: no household at all
    NO_BEDS = "no_beds"
    BUSY = "busy"  # the household hosts guests of another event at the same time
    UNAVAILABLE = "unavailable"
    PETS = "pets"
    MINORS = "minors"
    ACCESSIBILITY = "accessibility"


class Preference(enum.StrEnum):
    """A soft preference; unmet ones are shown, never enforced."""

    LANGUAGE = "language"
    COMPANIONS = "companions"
    DIET = "diet"


# Weights of the soft preferences: a shared language matters most to a stay, then friends, then the kitchen.
LANGUAGE_POINTS, COMPANION_POINTS, DIET_POINTS = 3, 2, 2


@dataclass(frozen=True)
class Stay:
    """The nights of a visit: from the night of `arrives` up to, not including, the night of `leaves`."""

    arrives: date
    leaves: date

    @classmethod
    def of(cls, first_day: date, last_day: date) -> "Stay":
        # A one-day event still means one night for the guests.
        return cls(first_day, max(last_day, first_day + timedelta(days=1)))

    def overlaps(self, other: "Stay") -> bool:
        return self.arrives < other.leaves and other.arrives < self.leaves

    def meets_days(self, first: date, last: date) -> bool:
        """Whether a period of whole days (both included) falls on a night of the stay."""
        return first < self.leaves and last >= self.arrives


def language_set(languages: Iterable[str]) -> frozenset[str]:
    return frozenset(lang.strip().casefold() for lang in languages if lang.strip())


@dataclass(frozen=True)
class Host:
    id: int
    name: str
    beds: int
    languages: frozenset[str] = frozenset()
    has_pets: bool = False
    takes_minors: bool = False
    caters_dietary: bool = False
    accessible: bool = False
    unavailable: tuple[tuple[date, date], ...] = ()
    other_stays: tuple[Stay, ...] = ()  # stays of guests of other events in this household


@dataclass(frozen=True)
class GuestNeeds:
    id: int
    name: str
    minor: bool = False
    parental_consent: bool = False
    pet_allergy: bool = False
    needs_accessibility: bool = False
    needs_diet: bool = False
    languages: frozenset[str] = frozenset()
    companions: frozenset[int] = frozenset()  # ids of other guests this guest wishes to stay with


@dataclass(frozen=True)
class Violation:
    guest_id: int
    host_id: int | None
    rule: Rule


@dataclass(frozen=True)
class Unplaced:
    """Why a guest found no household: each rule with the number of households it ruled out."""

    guest_id: int
    reasons: tuple[tuple[Rule, int], ...]
    hosts_total: int


@dataclass
class Proposal:
    assignment: dict[int, int] = field(default_factory=dict)  # guest id → host id
    unplaced: list[Unplaced] = field(default_factory=list)
    score: int = 0


def hard_rules(guest: GuestNeeds, host: Host, stay: Stay) -> list[Rule]:
    """The hard rules (beds aside) that keep this guest from this household for this stay."""
    broken = []
    if guest.minor and not guest.parental_consent:
        broken.append(Rule.NO_CONSENT)
    if any(stay.overlaps(other) for other in host.other_stays):
        broken.append(Rule.BUSY)
    if any(stay.meets_days(first, last) for first, last in host.unavailable):
        broken.append(Rule.UNAVAILABLE)
    if guest.pet_allergy and host.has_pets:
        broken.append(Rule.PETS)
    if guest.minor and not host.takes_minors:
        broken.append(Rule.MINORS)
    if guest.needs_accessibility and not host.accessible:
        broken.append(Rule.ACCESSIBILITY)
    return broken


def wished_together(guest: GuestNeeds, other_id: int, guests: Mapping[int, GuestNeeds]) -> bool:
    other = guests.get(other_id)
    return other_id in guest.companions or (other is not None and guest.id in other.companions)


def score(guest: GuestNeeds, host: Host, housemates: Iterable[int], guests: Mapping[int, GuestNeeds]) -> int:
    """How well a household suits a guest among these housemates (other guest ids); higher is better."""
    points = LANGUAGE_POINTS if guest.languages & host.languages else 0
    if guest.needs_diet and host.caters_dietary:
        points += DIET_POINTS
    points += COMPANION_POINTS * sum(1 for m in housemates if m != guest.id and wished_together(guest, m, guests))
    return points


def unmet_preferences(
    guest: GuestNeeds, host: Host, housemates: Iterable[int], guests: Mapping[int, GuestNeeds]
) -> list[Preference]:
    unmet = []
    if guest.languages and host.languages and not guest.languages & host.languages:
        unmet.append(Preference.LANGUAGE)
    if guest.companions - set(housemates):
        unmet.append(Preference.COMPANIONS)
    if guest.needs_diet and not host.caters_dietary:
        unmet.append(Preference.DIET)
    return unmet


def _occupants(assignment: Mapping[int, int]) -> dict[int, list[int]]:
    by_host: dict[int, list[int]] = {}
    for guest_id, host_id in sorted(assignment.items()):
        by_host.setdefault(host_id, []).append(guest_id)
    return by_host


def check(
    guests: Iterable[GuestNeeds],
    hosts: Iterable[Host],
    stay: Stay,
    assignment: Mapping[int, int],
    only: Iterable[int] | None = None,
) -> list[Violation]:
    """Every hard rule an assignment breaks; `only` limits the check to these guests and their households
    (a manual move is judged on what it changes, not on an older problem elsewhere)."""
    guest_by_id = {g.id: g for g in guests}
    host_by_id = {h.id: h for h in hosts}
    watched = set(assignment if only is None else only)
    violations = []
    for guest_id in sorted(watched):
        host_id = assignment.get(guest_id)
        if host_id is None:
            continue
        host = host_by_id.get(host_id)
        if host is None:
            raise KeyError(f"unknown household {host_id}")
        violations += [Violation(guest_id, host_id, rule) for rule in hard_rules(guest_by_id[guest_id], host, stay)]
    occupants = _occupants(assignment)
    for host_id in sorted({assignment[g] for g in watched if g in assignment}):
        over = len(occupants[host_id]) - host_by_id[host_id].beds
        if over > 0:
            # The guests placed last (highest ids among the watched) are the ones too many.
            crowd = [g for g in occupants[host_id] if g in watched] or occupants[host_id]
            violations += [Violation(g, host_id, Rule.NO_BEDS) for g in crowd[-over:]]
    return violations


def _companion_groups(guests: list[GuestNeeds]) -> list[list[GuestNeeds]]:
    """Guests linked by wishes (either way, transitively) form a group, smallest id first."""
    parent = {g.id: g.id for g in guests}

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for g in guests:
        for c in g.companions:
            if c in parent:
                a, b = root(g.id), root(c)
                parent[max(a, b)] = min(a, b)
    groups: dict[int, list[GuestNeeds]] = {}
    for g in sorted(guests, key=lambda g: g.id):
        groups.setdefault(root(g.id), []).append(g)
    return list(groups.values())


def propose(
    guests: Iterable[GuestNeeds], hosts: Iterable[Host], stay: Stay, fixed: Mapping[int, int] | None = None
) -> Proposal:
    """Place every guest not in `fixed` (guest → household, kept as it is) and explain who could not be placed.

    Greedy and deterministic: the hardest to place go first (fewest suitable households, then bigger groups);
    a group of companions goes to one household where it fits, else its members go one by one. Each guest
    takes the household that scores best, then the one whose beds it fills most exactly, then the lowest id.
    """
    guests = sorted(guests, key=lambda g: g.id)
    hosts = sorted(hosts, key=lambda h: h.id)
    guest_by_id = {g.id: g for g in guests}
    assignment = {g: h for g, h in (fixed or {}).items() if g in guest_by_id}
    free = {h.id: h.beds for h in hosts}
    for host_id in assignment.values():
        free[host_id] = free.get(host_id, 0) - 1
    suitable = {g.id: [h for h in hosts if not hard_rules(g, h, stay)] for g in guests}
    suitable_ids = {g: {h.id for h in hs} for g, hs in suitable.items()}
    occupants: dict[int, list[int]] = {h.id: [] for h in hosts}
    for guest_id, host_id in sorted(assignment.items()):
        occupants.setdefault(host_id, []).append(guest_id)

    def place(guest: GuestNeeds, host: Host) -> None:
        assignment[guest.id] = host.id
        occupants[host.id].append(guest.id)
        free[host.id] -= 1

    waiting = [g for g in guests if g.id not in assignment]
    groups = _companion_groups(waiting)
    groups.sort(key=lambda grp: (min(len(suitable[g.id]) for g in grp), -len(grp), grp[0].id))
    for group in groups:
        if len(group) > 1:
            together = [
                h for h in hosts
                if free[h.id] >= len(group) and all(h.id in suitable_ids[g.id] for g in group)
            ]
            if together:
                best = min(together, key=lambda h, group=group: _group_key(h, group, occupants, free, guest_by_id))
                for g in group:
                    place(g, best)
                continue
        for g in sorted(group, key=lambda g: (len(suitable[g.id]), g.id)):
            candidates = [h for h in suitable[g.id] if free[h.id] > 0]
            if candidates:
                best = min(
                    candidates,
                    key=lambda h: (-score(g, h, occupants[h.id] + [g.id], guest_by_id), free[h.id] - 1, h.id),
                )
                place(g, best)

    result = Proposal(assignment=assignment)
    host_by_id = {h.id: h for h in hosts}
    for guest_id, host_id in assignment.items():
        result.score += score(guest_by_id[guest_id], host_by_id[host_id], occupants[host_id], guest_by_id)
    for g in guests:
        if g.id not in assignment:
            result.unplaced.append(explain(g, hosts, stay, free))
    return result


def _group_key(host: Host, group: list[GuestNeeds], occupants, free, guests) -> tuple:
    housemates = occupants[host.id] + [g.id for g in group]
    total = sum(score(g, host, housemates, guests) for g in group)
    return (-total, free[host.id] - len(group), host.id)


def explain(guest: GuestNeeds, hosts: list[Host], stay: Stay, free: Mapping[int, int]) -> Unplaced:
    """For each rule, how many households it ruled out for this guest (a household may count under several)."""
    counts: Counter[Rule] = Counter()
    for host in hosts:
        broken = hard_rules(guest, host, stay)
        if not broken and free.get(host.id, 0) <= 0:
            broken = [Rule.NO_BEDS]
        counts.update(broken)
    reasons = tuple((rule, counts[rule]) for rule in Rule if counts[rule])
    return Unplaced(guest.id, reasons, len(hosts))
