"""The scale data set for `flask seed-scale`: ten years of a big city's twinning office, bulk-inserted.

At factor 1.0: 2,000 organisations, 60 partner cities, 10,000 users, 100,000 proposals over ten years in every
state (40,000 approved), their steps, co-organisers and interests in proportion. Deterministic: the same seed
and anchor month give the same rows. Rows carry their ids, so links between tables need no round trip; the
whole set goes in with executemany, a few thousand rows per statement.
"""

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from werkzeug.security import generate_password_hash

from clubs_exchange import clock
from clubs_exchange.auth.models import MemberFunction, Membership, User, UserRole
from clubs_exchange.extensions import db
from clubs_exchange.interests.models import ExchangeInterest, InterestKind
from clubs_exchange.organisations.models import AgeGroup, Organisation, OrganisationKind, OrganisationStatus
from clubs_exchange.partners.models import PartnerCity, RelationshipLevel
from clubs_exchange.proposals.models import (
    Direction,
    EventKind,
    Proposal,
    ProposalAction,
    ProposalState,
    ProposalStep,
    proposal_co_organisers,
    venue_key_of,
)

SEED = 20261125
SCALE_PASSWORD = "scale-data-2026"
STAFF_EMAIL = "staff@scale.example.org"
ADMIN_EMAIL = "admin@scale.example.org"
FULL = {"organisations": 2_000, "partners": 60, "users": 10_000, "proposals": 100_000, "interests": 3_000}
# Shares of the proposals in each state; approved is 40% as the issue asks.
STATE_SHARES = [
    (ProposalState.APPROVED, 0.40),
    (ProposalState.CANCELLED, 0.03),
    (ProposalState.REJECTED, 0.10),
    (ProposalState.WITHDRAWN, 0.08),
    (ProposalState.CHANGES_REQUESTED, 0.07),
    (ProposalState.SUBMITTED, 0.12),
    (ProposalState.DRAFT, 0.20),
]
YEARS_BACK = 10
BATCH = 5_000

S, A = ProposalState, ProposalAction
# The steps that lead to each state after "create" (a share of approved ones went through a round of changes).
PATHS = {
    S.DRAFT: [],
    S.SUBMITTED: [(A.SUBMIT, S.DRAFT, S.SUBMITTED)],
    S.CHANGES_REQUESTED: [(A.SUBMIT, S.DRAFT, S.SUBMITTED), (A.REQUEST_CHANGES, S.SUBMITTED, S.CHANGES_REQUESTED)],
    S.APPROVED: [(A.SUBMIT, S.DRAFT, S.SUBMITTED), (A.APPROVE, S.SUBMITTED, S.APPROVED)],
    S.REJECTED: [(A.SUBMIT, S.DRAFT, S.SUBMITTED), (A.REJECT, S.SUBMITTED, S.REJECTED)],
    S.WITHDRAWN: [(A.SUBMIT, S.DRAFT, S.SUBMITTED), (A.WITHDRAW, S.SUBMITTED, S.WITHDRAWN)],
    S.CANCELLED: [(A.SUBMIT, S.DRAFT, S.SUBMITTED), (A.APPROVE, S.SUBMITTED, S.APPROVED),
                  (A.CANCEL, S.APPROVED, S.CANCELLED)],
}
STAFF_ACTIONS = {A.APPROVE, A.REJECT, A.REQUEST_CHANGES, A.CANCEL}
COMMENTS = {
    A.REQUEST_CHANGES: ["Please add the travel plan.", "The budget needs a breakdown.",
                        "Who hosts the guests? Please add the number of beds needed."],
    A.REJECT: ["Clashes with the city festival.", "No budget left this year.", "Outside the partnership's scope."],
    A.CANCEL: ["The partner city cancelled the trip.", "Venue unavailable after storm damage.",
               "Too few participants registered."],
}

PARTNER_CITIES = [
    ("Annecy", "France", "French"), ("Tartu", "Estonia", "Estonian, English"), ("Gdynia", "Poland", "Polish"),
    ("Ravenna", "Italy", "Italian"), ("Kortrijk", "Belgium", "Dutch, French"), ("Girona", "Spain", "Catalan"),
    ("Brno", "Czechia", "Czech"), ("Pécs", "Hungary", "Hungarian"), ("Aarhus", "Denmark", "Danish"),
    ("Uppsala", "Sweden", "Swedish"), ("Tampere", "Finland", "Finnish"), ("Bergen", "Norway", "Norwegian"),
    ("Galway", "Ireland", "English, Irish"), ("York", "United Kingdom", "English"), ("Porto", "Portugal",
    "Portuguese"), ("Graz", "Austria", "German"), ("Lucerne", "Switzerland", "German"), ("Maribor", "Slovenia",
    "Slovenian"), ("Split", "Croatia", "Croatian"), ("Kaunas", "Lithuania", "Lithuanian"), ("Liepāja", "Latvia",
    "Latvian"), ("Plovdiv", "Bulgaria", "Bulgarian"), ("Cluj-Napoca", "Romania", "Romanian"), ("Košice",
    "Slovakia", "Slovak"), ("Thessaloniki", "Greece", "Greek"), ("Izmir", "Turkey", "Turkish"), ("Lviv",
    "Ukraine", "Ukrainian"), ("Haarlem", "Netherlands", "Dutch"), ("Esch-sur-Alzette", "Luxembourg",
    "Luxembourgish, French"), ("Nantes", "France", "French"), ("Lyon", "France", "French"), ("Bologna", "Italy",
    "Italian"), ("Verona", "Italy", "Italian"), ("Valencia", "Spain", "Spanish"), ("Kraków", "Poland", "Polish"),
    ("Wrocław", "Poland", "Polish"), ("Trondheim", "Norway", "Norwegian"), ("Turku", "Finland", "Finnish"),
    ("Ghent", "Belgium", "Dutch"), ("Lille", "France", "French"), ("Bristol", "United Kingdom", "English"),
    ("Cork", "Ireland", "English"), ("Innsbruck", "Austria", "German"), ("Basel", "Switzerland", "German"),
    ("Olomouc", "Czechia", "Czech"), ("Debrecen", "Hungary", "Hungarian"), ("Odense", "Denmark", "Danish"),
    ("Malmö", "Sweden", "Swedish"), ("Braga", "Portugal", "Portuguese"), ("Zadar", "Croatia", "Croatian"),
    ("Ljubljana", "Slovenia", "Slovenian"), ("Varna", "Bulgaria", "Bulgarian"), ("Iași", "Romania", "Romanian"),
    ("Patras", "Greece", "Greek"), ("Antalya", "Turkey", "Turkish"), ("Kharkiv", "Ukraine", "Ukrainian"),
    ("Utrecht", "Netherlands", "Dutch"), ("Toulouse", "France", "French"), ("Modena", "Italy", "Italian"),
    ("Bilbao", "Spain", "Spanish, Basque"),
]
DISCIPLINES = {
    OrganisationKind.SPORTS_CLUB: ["football", "handball", "rowing", "table tennis", "athletics", "basketball",
                                   "volleyball", "swimming", "judo", "cycling", "chess", "hockey"],
    OrganisationKind.CHOIR_MUSIC: ["chamber choir", "brass band", "youth orchestra", "gospel choir",
                                   "big band", "accordion ensemble", "men's choir", "folk music"],
    OrganisationKind.SCHOOL: ["primary school", "secondary school", "vocational college", "music school",
                              "comprehensive school"],
    OrganisationKind.ASSOCIATION: ["friendship society", "visual arts", "local history", "scouts",
                                   "amateur theatre", "gardening", "photography", "youth club"],
}
KIND_WEIGHTS = [(OrganisationKind.SPORTS_CLUB, 45), (OrganisationKind.CHOIR_MUSIC, 20),
                (OrganisationKind.SCHOOL, 15), (OrganisationKind.ASSOCIATION, 20)]
PREFIXES = {
    OrganisationKind.SPORTS_CLUB: ["SV", "TSV", "FC", "SC", "VfL", "TuS", "Sportfreunde", "Club"],
    OrganisationKind.CHOIR_MUSIC: ["Chor", "Ensemble", "Kapelle", "Orchester", "Musikverein", "Singkreis"],
    OrganisationKind.SCHOOL: ["Schule", "Gymnasium", "Kolleg", "Akademie", "Realschule"],
    OrganisationKind.ASSOCIATION: ["Verein", "Freundeskreis", "Gruppe", "Initiative", "Förderverein"],
}
DISTRICTS = ["Nord", "Süd", "Ost", "West", "Altstadt", "Neustadt", "am See", "am Park", "am Fluss", "Hafen",
             "Bergviertel", "Lindenau", "Schlosspark", "Rosenhöhe", "Eichwald", "Mühlental", "Kirchberg",
             "Am Markt", "Feldmark", "Sonnenhang"]
FIRST_NAMES = ["Anna", "Jonas", "Lea", "Murat", "Sabine", "Thomas", "Grace", "Felix", "Heike", "Ralf", "Petra",
               "Monique", "Walter", "Lina", "Paul", "Emma", "Ali", "Sofia", "Lukas", "Mia", "Ben", "Nora",
               "Elif", "David", "Marie", "Jan", "Clara", "Tim", "Julia", "Noah"]
LAST_NAMES = ["Berger", "Kraus", "Yilmaz", "Lehmann", "Weber", "Huber", "Schmitt", "Okafor", "Lang", "Vogel",
              "Sommer", "Fischer", "Braun", "Scholz", "Meyer", "Wagner", "Becker", "Hoffmann", "Schulz", "Koch",
              "Richter", "Klein", "Wolf", "Neumann", "Schwarz", "Zimmermann", "Krüger", "Hartmann", "Nowak",
              "Kaya"]
VENUES = ["Stadium am See", "Town hall", "Concert hall", "School gym", "Market square", "Cultural centre",
          "Youth hostel", "Sports park Nord", "St. Mary's church", "Community hall", "Library forum",
          "Riverside rowing club", "Open-air stage"]
TITLES = {
    EventKind.MATCH: ["Friendly match", "Youth tournament", "Twinning cup", "Veterans' match"],
    EventKind.CONCERT: ["Joint concert", "Summer concert", "Advent concert", "Choir evening"],
    EventKind.PUPIL_EXCHANGE: ["Pupil exchange", "Class exchange", "Language week"],
    EventKind.DELEGATION_VISIT: ["Delegation visit", "Mayor's visit", "Study trip"],
    EventKind.FESTIVAL: ["Twinning festival", "Culture days", "Street festival"],
    EventKind.WORKSHOP: ["Workshop", "Coaching weekend", "Masterclass"],
    EventKind.OTHER: ["Exhibition", "Reading", "Meeting"],
}
EVENT_KINDS_BY_ORG = {
    OrganisationKind.SPORTS_CLUB: [EventKind.MATCH] * 6 + [EventKind.WORKSHOP, EventKind.FESTIVAL],
    OrganisationKind.CHOIR_MUSIC: [EventKind.CONCERT] * 5 + [EventKind.FESTIVAL, EventKind.WORKSHOP],
    OrganisationKind.SCHOOL: [EventKind.PUPIL_EXCHANGE] * 5 + [EventKind.CONCERT, EventKind.MATCH],
    OrganisationKind.ASSOCIATION: [EventKind.DELEGATION_VISIT, EventKind.FESTIVAL, EventKind.OTHER,
                                   EventKind.WORKSHOP],
}
# How long events of each kind last: (minimum, maximum) in hours.
DURATIONS = {
    EventKind.MATCH: (2, 4), EventKind.CONCERT: (2, 3), EventKind.PUPIL_EXCHANGE: (5 * 24, 10 * 24),
    EventKind.DELEGATION_VISIT: (2 * 24, 4 * 24), EventKind.FESTIVAL: (24, 3 * 24), EventKind.WORKSHOP: (3, 8),
    EventKind.OTHER: (2, 5),
}


@dataclass(frozen=True)
class ScaleSizes:
    organisations: int
    partners: int
    users: int
    proposals: int
    interests: int

    @classmethod
    def for_factor(cls, factor: float) -> "ScaleSizes":
        def scaled(n: int, least: int) -> int:
            return max(least, round(n * factor))

        return cls(
            organisations=scaled(FULL["organisations"], 4),
            partners=min(len(PARTNER_CITIES), scaled(FULL["partners"], 3)),
            users=scaled(FULL["users"], 10),
            proposals=scaled(FULL["proposals"], len(STATE_SHARES) * 2),
            interests=scaled(FULL["interests"], 4),
        )

    def state_counts(self) -> dict[ProposalState, int]:
        """Exact numbers per state; drafts take what rounding leaves."""
        counts = {state: round(self.proposals * share) for state, share in STATE_SHARES[:-1]}
        counts[ProposalState.DRAFT] = self.proposals - sum(counts.values())
        return counts


def anchor_month(today: date | None = None) -> date:
    """The first day of the current month: the data set's "now", the end of its ten years."""
    return (today or clock.today()).replace(day=1)


def _batches(rows: Iterator[dict]) -> Iterator[list[dict]]:
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _insert(table, rows: Iterator[dict]) -> int:
    """executemany through Core: no ORM objects, no per-row round trip."""
    n = 0
    for batch in _batches(rows):
        db.session.execute(sa.insert(table), batch)
        n += len(batch)
    return n


class ScaleData:
    """Generates the rows; each generator reads only the rng and what was generated before it."""

    def __init__(self, sizes: ScaleSizes, *, anchor: date, seed: int = SEED, tz: str = "Europe/Berlin"):
        self.sizes = sizes
        self.rng = random.Random(seed)
        self.tz = ZoneInfo(tz)
        self.anchor = anchor
        self.now = datetime.combine(anchor, time(12), tzinfo=self.tz).astimezone(UTC)
        self.first_day = anchor.replace(year=anchor.year - YEARS_BACK)
        self.days = (anchor - self.first_day).days
        self.org_kinds: list[OrganisationKind] = []
        self.org_members: dict[int, list[int]] = {}
        self.staff_ids: list[int] = []

    def moment(self, day: date, hour: int, minute: int = 0) -> datetime:
        return datetime.combine(day, time(hour, minute), tzinfo=self.tz).astimezone(UTC)

    def partners(self) -> Iterator[dict]:
        levels = list(RelationshipLevel)
        for i, (name, country, languages) in enumerate(PARTNER_CITIES[: self.sizes.partners], start=1):
            yield {"id": i, "name": name, "country": country, "relationship_level": levels[i % 3],
                   "languages": languages, "created_at": self.moment(self.first_day, 9)}

    def organisations(self) -> Iterator[dict]:
        rng = self.rng
        kinds = [k for k, w in KIND_WEIGHTS for _ in range(w)]
        groups = list(AgeGroup)
        for i in range(1, self.sizes.organisations + 1):
            kind = rng.choice(kinds)
            discipline = rng.choice(DISCIPLINES[kind])
            # The number keeps names unique however many are drawn; real clubs carry founding years too.
            name = f"{rng.choice(PREFIXES[kind])} {discipline.title()} {rng.choice(DISTRICTS)} {1850 + i}"
            self.org_kinds.append(kind)
            verified = rng.random() < 0.93
            yield {
                "id": i, "name": name, "kind": kind, "discipline": discipline,
                "member_count": rng.randint(12, 1500), "age_groups": ",".join(
                    g.value for g in groups if rng.random() < 0.4) or AgeGroup.ADULTS.value,
                "languages": rng.choice(["German", "German, English", "German, French", "German, English, Polish"]),
                "contact_name": f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                "email": f"contact{i}@org{i}.example.org", "phone": f"+49 30 {rng.randint(100000, 999999)}",
                "description": f"{name}: {discipline} in the city since {1850 + i % 170}.",
                "status": OrganisationStatus.VERIFIED if verified else OrganisationStatus.PENDING,
                "created_at": self.moment(self.first_day + timedelta(days=rng.randrange(self.days // 2)), 10),
                "verified_at": self.now if verified else None,
            }

    def users(self, password_hash: str) -> Iterator[dict]:
        rng = self.rng
        staff_count = max(2, self.sizes.users // 500)
        for i in range(1, self.sizes.users + 1):
            if i == 1:
                role, email = UserRole.ADMIN, ADMIN_EMAIL
            elif i <= staff_count:
                role, email = UserRole.STAFF, STAFF_EMAIL if i == 2 else f"staff{i}@scale.example.org"
            else:
                role, email = UserRole.MEMBER, f"member{i}@scale.example.org"
            if role != UserRole.MEMBER:
                self.staff_ids.append(i)
            yield {
                "id": i, "email": email, "name": f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                "password_hash": password_hash, "role": role, "active": rng.random() > 0.02 or i <= staff_count,
                "calendar_token": f"scale{i:06d}{rng.getrandbits(96):024x}",
                "created_at": self.moment(self.first_day, 9),
                "email_verified_at": self.moment(self.first_day, 9),
            }

    def memberships(self) -> Iterator[dict]:
        """Every member belongs to one organisation; each organisation gets its secretary first."""
        functions = [MemberFunction.MEMBER, MemberFunction.MEMBER, MemberFunction.TEACHER]
        first_member = len(self.staff_ids) + 1
        n_orgs = self.sizes.organisations
        for n, user_id in enumerate(range(first_member, self.sizes.users + 1)):
            org_id = n % n_orgs + 1
            self.org_members.setdefault(org_id, []).append(user_id)
            function = MemberFunction.SECRETARY if n < n_orgs else self.rng.choice(functions)
            yield {"id": n + 1, "user_id": user_id, "organisation_id": org_id, "function": function,
                   "created_at": self.moment(self.first_day, 9)}

    def interests(self) -> Iterator[dict]:
        rng = self.rng
        kinds = list(InterestKind)
        for i in range(1, self.sizes.interests + 1):
            org_id = rng.randint(1, self.sizes.organisations)
            start = self.anchor + timedelta(days=rng.randrange(-400, 500))
            start = start.replace(day=1)
            created = self.moment(self.anchor - timedelta(days=rng.randrange(1, 900)), 11)
            yield {
                "id": i, "organisation_id": org_id,
                "partner_city_id": rng.randint(1, self.sizes.partners) if rng.random() < 0.7 else None,
                "kind": rng.choice(kinds), "activity": rng.choice(DISCIPLINES[self.org_kinds[org_id - 1]]),
                "group_size": rng.randint(6, 60), "age_group": rng.choice(list(AgeGroup)),
                "period_from": start, "period_to": (start + timedelta(days=rng.randrange(0, 180))).replace(day=1),
                "beds_offered": rng.choice([0, 0, 4, 10, 20]), "notes": "", "is_open": rng.random() < 0.6,
                "created_at": created, "updated_at": created,
            }

    def proposals(self) -> tuple[list[dict], list[dict], list[dict]]:
        """Proposals, their steps and co-organisers; states in exact numbers, shuffled over ten years."""
        rng = self.rng
        states = [s for s, n in self.sizes.state_counts().items() for _ in range(n)]
        rng.shuffle(states)
        proposals, steps, co_organisers = [], [], []
        step_id = 0
        n_orgs = self.sizes.organisations
        for pid, state in enumerate(states, start=1):
            org_id = rng.randint(1, n_orgs)
            kind = rng.choice(EVENT_KINDS_BY_ORG[self.org_kinds[org_id - 1]])
            # Proposed up to today, for an event two to eight months later: the years behind are full,
            # the months ahead thin out as they do in a real office.
            created_day = self.first_day + timedelta(days=rng.randrange(self.days))
            created = self.moment(created_day, rng.randint(8, 17), rng.randrange(60))
            day = created_day + timedelta(days=rng.randint(60, 240))
            starts = self.moment(day, rng.choice([9, 10, 14, 16, 18, 19]), rng.choice([0, 30]))
            low, high = DURATIONS[kind]
            ends = starts + timedelta(hours=rng.randint(low, high))
            members = self.org_members.get(org_id) or [None]
            creator = rng.choice(members)
            at = created
            history = [(A.CREATE, None, S.DRAFT, creator, created, "")]
            submitted_at = None
            for action, source, target in PATHS[state]:
                at = min(at + timedelta(days=rng.randint(1, 20), hours=rng.randint(0, 8)), self.now)
                actor = rng.choice(self.staff_ids) if action in STAFF_ACTIONS else creator
                history.append((action, source, target, actor, at, rng.choice(COMMENTS.get(action, [""]))))
                if action == A.SUBMIT:
                    submitted_at = at
            title = f"{rng.choice(TITLES[kind])} with {PARTNER_CITIES[(pid * 7) % self.sizes.partners][0]}"
            proposals.append({
                "id": pid, "title": title, "kind": kind,
                "partner_city_id": (pid * 7) % self.sizes.partners + 1, "organisation_id": org_id,
                "direction": rng.choice(list(Direction)), "starts_at": starts, "ends_at": ends,
                "venue": (venue := rng.choice(VENUES)), "venue_key": venue_key_of(venue),
                "participants_ours": rng.randint(5, 60),
                "participants_guests": rng.randint(0, 50), "guests_needing_host": rng.randint(0, 20),
                "budget_cents": rng.randrange(0, 2_000_000, 500),
                "description": f"{title}: {rng.choice(VENUES)}, with the partner city's guests.",
                "state": state, "created_by_id": creator, "created_at": created, "updated_at": at,
                "submitted_at": submitted_at,
            })
            for action, source, target, actor, when, comment in history:
                step_id += 1
                steps.append({"id": step_id, "proposal_id": pid, "action": action, "from_state": source,
                              "to_state": target, "actor_id": actor, "at": when, "comment": comment})
            if rng.random() < 0.1:
                other = rng.randint(1, n_orgs)
                if other != org_id:
                    co_organisers.append({"proposal_id": pid, "organisation_id": other})
        return proposals, steps, co_organisers



# PostgreSQL: the pairs of review/models.py's ProposalConflict, found for all proposals at once by the rule the
# row trigger of migration 5c1e0a7d2b94 follows for one (a proposal waiting or approved, an approved event
# overlapping it, the same partner city or venue; no event longer than MAX_EVENT_LENGTH, 92 days, which closes
# both index ranges).
_PG_FILL_CONFLICTS = [
    "INSERT INTO proposal_conflicts (proposal_id, other_id) SELECT n.id, o.id FROM proposals n, proposals o"
    " WHERE n.state IN ('submitted', 'approved') AND o.state = 'approved' AND o.id <> n.id"
    " AND o.starts_at < n.ends_at AND o.ends_at > n.starts_at"
    " AND o.starts_at > n.starts_at - interval '92 days' AND n.starts_at > o.starts_at - interval '92 days'"
    f" AND {match} ON CONFLICT DO NOTHING"
    for match in ("o.partner_city_id = n.partner_city_id", "n.venue_key <> '' AND o.venue_key = n.venue_key")
]


def _insert_proposals(proposals: list[dict]) -> int:
    """The proposals, bulk-inserted. On PostgreSQL the conflicts' row trigger is off meanwhile and the pairs are
    found afterwards in two statements: row by row, its four queries per proposal made seeding 100,000
    proposals take 14 minutes instead of seconds (SQLite's triggers run in-process and stay on)."""
    if db.engine.dialect.name != "postgresql":
        return _insert(Proposal, iter(proposals))
    db.session.execute(sa.text("ALTER TABLE proposals DISABLE TRIGGER proposal_conflicts_insert"))
    n = _insert(Proposal, iter(proposals))
    db.session.execute(sa.text("ALTER TABLE proposals ENABLE TRIGGER proposal_conflicts_insert"))
    for statement in _PG_FILL_CONFLICTS:
        db.session.execute(sa.text(statement))
    return n


def database_is_empty() -> bool:
    return not db.session.scalar(sa.select(sa.func.count()).select_from(Proposal)) and not db.session.scalar(
        sa.select(sa.func.count()).select_from(Organisation)
    )


def _reset_sequences() -> None:
    """PostgreSQL: rows came with their ids, so move each id sequence past them."""
    if db.engine.dialect.name != "postgresql":
        return
    for table in ("partner_cities", "organisations", "users", "memberships", "exchange_interests", "proposals",
                  "proposal_steps"):
        db.session.execute(sa.text(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), COALESCE((SELECT max(id) FROM {table}), 1))"
        ))


def seed_scale(factor: float = 1.0, *, anchor: date | None = None, seed: int = SEED,
               password: str = SCALE_PASSWORD, tz: str = "Europe/Berlin") -> dict[str, int]:
    """Insert the scale data set into an empty database; returns how many rows went into each table."""
    sizes = ScaleSizes.for_factor(factor)
    data = ScaleData(sizes, anchor=anchor or anchor_month(), seed=seed, tz=tz)
    # Hashed once: scrypt is slow on purpose, and every account shares the one password.
    password_hash = generate_password_hash(password)
    counts = {
        "partner_cities": _insert(PartnerCity, data.partners()),
        "organisations": _insert(Organisation, data.organisations()),
        "users": _insert(User, data.users(password_hash)),
        "memberships": _insert(Membership, data.memberships()),
        "exchange_interests": _insert(ExchangeInterest, data.interests()),
    }
    proposals, steps, co_organisers = data.proposals()
    counts["proposals"] = _insert_proposals(proposals)
    counts["proposal_steps"] = _insert(ProposalStep, iter(steps))
    counts["proposal_co_organisers"] = _insert(proposal_co_organisers, iter(co_organisers))
    _reset_sequences()
    db.session.commit()
    return counts
