"""The placement rules applied to an event's guests and the confirmed households: load, propose, move, swap."""

from dataclasses import dataclass
from datetime import timedelta

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from clubs_exchange.clock import local
from clubs_exchange.errors import DomainError
from clubs_exchange.extensions import db
from clubs_exchange.hosting import placement as rules
from clubs_exchange.hosting.models import Guest, HostHousehold, HostStatus, Placement
from clubs_exchange.hosting.wording import violation_text
from clubs_exchange.proposals.models import Proposal, ProposalState


class PlacementError(DomainError):
    """A move or swap the placement rules refuse: every reason, each a sentence of its own."""

    def __init__(self, messages: list[str]):
        super().__init__("; ".join(str(m) for m in messages))
        self.messages = messages


def event_stay(proposal: Proposal) -> rules.Stay:
    return rules.Stay.of(local(proposal.starts_at).date(), local(proposal.ends_at).date())


def load_guests(proposal_id: int) -> list[Guest]:
    return list(
        db.session.scalars(
            sa.select(Guest)
            .where(Guest.proposal_id == proposal_id)
            .options(selectinload(Guest.placement))
            .order_by(Guest.name, Guest.id)
        )
    )


def load_households() -> list[HostHousehold]:
    """Confirmed households only: a proposed one has not been checked by staff yet."""
    return list(
        db.session.scalars(
            sa.select(HostHousehold)
            .where(HostHousehold.status == HostStatus.CONFIRMED)
            .options(selectinload(HostHousehold.unavailable_periods))
            .order_by(HostHousehold.contact_name, HostHousehold.id)
        )
    )


def lock_households(household_ids=None) -> None:
    """Placements into the same household wait for each other: the households' rows are locked (PostgreSQL's
    FOR UPDATE, in id order so two lockers cannot deadlock) until the transaction ends, and what is loaded after
    the lock is what the previous placer committed. Two people putting two guests into the last bed: the second
    sees it taken. None: every confirmed household (the proposal places anywhere). SQLite serialises writers
    with its database lock instead."""
    query = sa.select(HostHousehold.id).order_by(HostHousehold.id).with_for_update()
    if household_ids is None:
        query = query.where(HostHousehold.status == HostStatus.CONFIRMED)
    else:
        ids = sorted({i for i in household_ids if i is not None})
        if not ids:
            return
        query = query.where(HostHousehold.id.in_(ids))
    db.session.execute(query).all()


def households_of(guest_ids) -> list[int]:
    """The households the guests are placed with now."""
    return list(db.session.scalars(sa.select(Placement.household_id).where(Placement.guest_id.in_(list(guest_ids)))))


def other_stays(proposal: Proposal) -> dict[int, list[rules.Stay]]:
    """The stays of guests of other approved events that come near this one, per household."""
    margin = timedelta(days=2)
    rows = db.session.execute(
        sa.select(Placement.household_id, Proposal.starts_at, Proposal.ends_at)
        .join(Proposal, Placement.proposal_id == Proposal.id)
        .where(
            Placement.proposal_id != proposal.id,
            Proposal.state == ProposalState.APPROVED,
            Proposal.starts_at < proposal.ends_at + margin,
            Proposal.ends_at > proposal.starts_at - margin,
        )
        .distinct()
    )
    stays: dict[int, list[rules.Stay]] = {}
    for household_id, starts_at, ends_at in rows:
        stays.setdefault(household_id, []).append(rules.Stay.of(local(starts_at).date(), local(ends_at).date()))
    return stays


def as_host(household: HostHousehold, stays: dict[int, list[rules.Stay]]) -> rules.Host:
    return rules.Host(
        id=household.id,
        name=household.contact_name,
        beds=household.beds,
        languages=rules.language_set(household.language_list),
        has_pets=household.has_pets,
        takes_minors=household.takes_minors,
        caters_dietary=household.caters_dietary,
        accessible=household.accessible,
        unavailable=tuple((p.starts_on, p.ends_on) for p in household.unavailable_periods),
        other_stays=tuple(stays.get(household.id, ())),
    )


def as_needs(guests: list[Guest]) -> list[rules.GuestNeeds]:
    """Wished companions are named in the guest list; names that match no guest of the event are ignored."""
    by_name = {g.name.strip().casefold(): g.id for g in guests}
    return [
        rules.GuestNeeds(
            id=g.id,
            name=g.name,
            minor=g.is_minor,
            parental_consent=g.parental_consent,
            pet_allergy=g.pet_allergy,
            needs_accessibility=bool(g.accessibility_needs.strip()),
            needs_diet=bool(g.dietary_needs.strip()),
            languages=rules.language_set(g.language_list),
            companions=frozenset(
                by_name[n.casefold()] for n in g.companion_names if by_name.get(n.casefold(), g.id) != g.id
            ),
        )
        for g in guests
    ]


@dataclass
class EventPlacement:
    """Everything the hosting page and the placement actions need, loaded in a fixed number of queries."""

    proposal: Proposal
    guests: list[Guest]
    households: list[HostHousehold]
    needs: dict[int, rules.GuestNeeds]
    hosts: dict[int, rules.Host]
    stay: rules.Stay

    @classmethod
    def load(cls, proposal: Proposal) -> "EventPlacement":
        guests = load_guests(proposal.id)
        households = load_households()
        stays = other_stays(proposal)
        return cls(
            proposal=proposal,
            guests=guests,
            households=households,
            needs={n.id: n for n in as_needs(guests)},
            hosts={h.id: as_host(h, stays) for h in households},
            stay=event_stay(proposal),
        )

    @property
    def assignment(self) -> dict[int, int]:
        return {g.id: g.placement.household_id for g in self.guests if g.placement is not None}

    def ages(self) -> dict[int, int | None]:
        """Each guest's age on the first day of the event (from the date of birth where given)."""
        from clubs_exchange.hosting.guests import age_on

        first_day = self.stay.arrives
        return {g.id: age_on(g.date_of_birth, first_day) if g.date_of_birth else g.age for g in self.guests}

    def occupants(self) -> dict[int, list[int]]:
        by_host: dict[int, list[int]] = {h: [] for h in self.hosts}
        for guest_id, host_id in self.assignment.items():
            by_host.setdefault(host_id, []).append(guest_id)
        return by_host

    def free_beds(self) -> dict[int, int]:
        occupants = self.occupants()
        return {h.id: h.beds - len(occupants.get(h.id, [])) for h in self.hosts.values()}

    def unplaced_reasons(self) -> dict[int, rules.Unplaced]:
        """For each unplaced guest whom no household can take now, why not."""
        free = self.free_beds()
        hosts = list(self.hosts.values())
        reasons = {}
        for guest in self.guests:
            if guest.placement is None:
                unplaced = rules.explain(self.needs[guest.id], hosts, self.stay, free)
                if not any(free[h.id] > 0 and not rules.hard_rules(self.needs[guest.id], h, self.stay) for h in hosts):
                    reasons[guest.id] = unplaced
        return reasons

    def unmet(self) -> dict[int, list[rules.Preference]]:
        occupants = self.occupants()
        return {
            guest_id: rules.unmet_preferences(self.needs[guest_id], self.hosts[host_id], occupants[host_id], self.needs)
            for guest_id, host_id in self.assignment.items()
            if host_id in self.hosts
        }

    # --- changes ------------------------------------------------------------------------------------------

    def propose(self, user) -> rules.Proposal:
        """Keep the placements made so far, place everyone else who can be placed."""
        fixed = {g: h for g, h in self.assignment.items() if h in self.hosts}
        result = rules.propose(self.needs.values(), self.hosts.values(), self.stay, fixed=fixed)
        for guest in self.guests:
            host_id = result.assignment.get(guest.id)
            if host_id is not None and guest.placement is None:
                self._place(guest, host_id, user)
        return result

    def move(self, guest: Guest, household_id: int | None, user) -> None:
        """Put a guest with a household (None: take the guest out of it), if the rules allow it."""
        if household_id is not None and household_id not in self.hosts:
            raise PlacementError([_("Choose a confirmed host household.")])
        assignment = self.assignment
        assignment.pop(guest.id, None)
        if household_id is not None:
            assignment[guest.id] = household_id
        self._check(assignment, [guest.id])
        self._set(guest, household_id, user)

    def swap(self, first: Guest, second: Guest, user) -> None:
        """Exchange the households of two guests (one of them may be unplaced)."""
        assignment = self.assignment
        a, b = assignment.pop(first.id, None), assignment.pop(second.id, None)
        if b is not None:
            assignment[first.id] = b
        if a is not None:
            assignment[second.id] = a
        self._check(assignment, [first.id, second.id])
        self._set(first, b, user)
        self._set(second, a, user)

    def _check(self, assignment: dict[int, int], changed: list[int]) -> None:
        violations = rules.check(self.needs.values(), self.hosts.values(), self.stay, assignment, only=changed)
        if violations:
            raise PlacementError(
                [violation_text(v.rule, self.needs[v.guest_id].name, self.hosts[v.host_id].name) for v in violations]
            )

    def _set(self, guest: Guest, household_id: int | None, user) -> None:
        if guest.placement is not None:
            if household_id == guest.placement.household_id:
                return
            db.session.delete(guest.placement)
            guest.placement = None
            db.session.flush()
        if household_id is not None:
            self._place(guest, household_id, user)

    def _place(self, guest: Guest, household_id: int, user) -> None:
        guest.placement = Placement(
            household_id=household_id, proposal_id=guest.proposal_id, placed_by_id=user.id if user else None
        )
