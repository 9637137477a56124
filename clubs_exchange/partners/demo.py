"""Demo data of the partnerships: partner details and contacts, level history, milestones with signed
certificates, past years' events for the figures, and partner candidates with their ties. Idempotent."""

from datetime import UTC, date, datetime, time, timedelta

import sqlalchemy as sa

from clubs_exchange.auth.models import Membership, User, UserRole
from clubs_exchange.candidates.models import Candidate, Tie, TieKind, TieStrength
from clubs_exchange.extensions import db
from clubs_exchange.organisations.models import Organisation, OrganisationStatus
from clubs_exchange.partners.languages import language_for_country
from clubs_exchange.partners.models import (
    CityStructure,
    LevelChange,
    Milestone,
    MilestoneKind,
    PartnerCity,
    PartnerContact,
    PartnershipState,
    RelationshipLevel,
)
from clubs_exchange.proposals import workflow
from clubs_exchange.proposals.models import Direction, EventKind, Proposal, ProposalAction

S, L, M = CityStructure, RelationshipLevel, MilestoneKind
DETAILS = {
    # name: region, population, structure, activities, website
    "Annecy": ("Auvergne-Rhône-Alpes", 130_000, S.URBAN, "football, rowing, choirs, schools", "https://www.annecy.fr"),
    "Tartu": ("Tartu County", 97_000, S.URBAN, "choirs, universities, basketball, schools", "https://www.tartu.ee"),
    "Gdynia": ("Pomerania", 245_000, S.INDUSTRIAL, "sailing, handball, brass bands", "https://www.gdynia.pl"),
    "Ravenna": ("Emilia-Romagna", 155_000, S.MIXED, "mosaic, music, football", "https://www.comune.ra.it"),
    "Sopron": ("Győr-Moson-Sopron", 62_000, S.MIXED, "wine, brass bands, football", "https://www.sopron.hu"),
    "Kortrijk": ("West Flanders", 78_000, S.MIXED, "cycling, choirs, design", "https://www.kortrijk.be"),
    "Girona": ("Catalonia", 103_000, S.URBAN, "football, castells, schools", "https://www.girona.cat"),
}
CONTACTS = {
    "Annecy": [("Claire Dubois", "Twinning officer", "c.dubois@annecy.example.fr", "+33 4 50 33 88 00", "French"),
               ("Marc Perrin", "Deputy mayor, culture", "m.perrin@annecy.example.fr", "", "French, German")],
    "Tartu": [("Kadri Tamm", "International relations", "kadri.tamm@tartu.example.ee", "+372 736 1100", "English")],
    "Gdynia": [("Piotr Nowak", "Mayor's office", "p.nowak@gdynia.example.pl", "+48 58 668 8000", "English")],
    "Ravenna": [("Giulia Ricci", "Mosaic project lead", "g.ricci@ravenna.example.it", "", "Italian, English")],
    "Kortrijk": [("Lotte Peeters", "City marketing", "lotte.peeters@kortrijk.example.be", "+32 56 27 70 00",
                  "Dutch, German")],
    "Girona": [("Jordi Puig", "Councillor for Europe", "j.puig@girona.example.cat", "", "Catalan, English")],
}
# (partner, kind, year, month, day, place, people, signatories)
MILESTONES = [
    ("Annecy", M.MAYORS_VISIT, 1985, 5, 4, "Annecy", "Mayor and four council members", ""),
    ("Annecy", M.RETURN_VISIT, 1986, 9, 12, "Home City", "Maire d'Annecy with a delegation of twelve", ""),
    ("Annecy", M.COUNCIL_RESOLUTION, 1987, 2, 19, "Town hall", "City council, unanimous", ""),
    ("Annecy", M.CERTIFICATE_SIGNED, 1987, 5, 9, "Annecy, Hôtel de Ville", "",
     "Oberbürgermeisterin Helga Roth\nMaire Bernard Bosson"),
    ("Tartu", M.CERTIFICATE_SIGNED, 1992, 6, 20, "Tartu Town Hall", "", "Bürgermeister Karl Adler\nLinnapea Ants Kull"),
    ("Gdynia", M.MAYORS_VISIT, 2003, 4, 2, "Gdynia", "Mayor and the twinning office", ""),
    ("Gdynia", M.CERTIFICATE_SIGNED, 2004, 5, 1, "Home City, town hall", "",
     "Bürgermeister Karl Adler\nPrezydent Wojciech Szczurek"),
    ("Sibiu", M.CERTIFICATE_SIGNED, 2007, 6, 2, "Sibiu, Primăria", "",
     "Bürgermeister Karl Adler\nPrimar Ioana Popescu"),
    ("Sopron", M.CERTIFICATE_SIGNED, 1995, 9, 16, "Sopron, Városháza", "",
     "Bürgermeister Karl Adler\nPolgármester Gábor Fodor"),
    ("Ravenna", M.OTHER, 2025, 3, 15, "Ravenna", "Kunstverein, Ravenna mosaic school", ""),
    ("Girona", M.MAYORS_VISIT, 2026, 4, 22, "Girona", "Mayor, two council members, twinning office", ""),
]
CANDIDATES = [
    # name, country, region, population, structure, languages, activities, ties
    ("Krems an der Donau", "Austria", "Lower Austria", 25_000, S.MIXED, "German", "football, choirs, wine, schools",
     [(TieKind.CLUBS, "FC Blau-Weiß 1921", "SV Krems", 2014, TieStrength.CLOSE),
      (TieKind.SCHOOLS, "Goethe-Gymnasium", "BRG Krems", 2019, TieStrength.REGULAR)]),
    ("Třebíč", "Czechia", "Vysočina", 34_000, S.MIXED, "Czech, German", "handball, brass bands, schools",
     [(TieKind.CITIZENS, "Heimatverein", "Spolek přátel Třebíče", 2008, TieStrength.LOOSE)]),
    ("Kalmar", "Sweden", "Kalmar County", 70_000, S.URBAN, "Swedish, English", "rowing, sailing, choirs", []),
    ("Esch-sur-Alzette", "Luxembourg", "Canton of Esch", 36_000, S.INDUSTRIAL, "Luxembourgish, French, German",
     "football, music, culture",
     [(TieKind.POLITICIANS, "Council member Jonas Berger", "Échevin Luc Weber", 2021, TieStrength.REGULAR)]),
    ("Sintra", "Portugal", "Lisbon District", 385_000, S.MIXED, "Portuguese", "surfing, museums", []),
]


def _at(year: int, month: int, day: int, hour: int = 11) -> datetime:
    return datetime.combine(date(year, month, day), time(hour), tzinfo=UTC)


def seed_partnerships(today: date) -> None:
    """Add the partnerships' demo data to the demo programme once."""
    if db.session.scalar(sa.select(Candidate.id).limit(1)) is not None:
        return
    staff = db.session.scalar(sa.select(User).where(User.role == UserRole.STAFF).order_by(User.id))
    # A twinning gone quiet, with no event planned: the partner list marks it (nothing for two years).
    db.session.add(PartnerCity(name="Sopron", country="Hungary", relationship_level=L.TWINNING,
                               state=PartnershipState.ACTIVE, languages="Hungarian, German"))
    # A Romanian twinning: its certificate and agreement are printed in Romanian beside the home city's language.
    db.session.add(PartnerCity(name="Sibiu", country="Romania", relationship_level=L.TWINNING,
                               state=PartnershipState.ACTIVE, languages="Romanian, German"))
    db.session.flush()
    partners = {p.name: p for p in db.session.scalars(sa.select(PartnerCity))}
    for partner in partners.values():
        # Annecy's documents in French, Sibiu's in Romanian, beside the home city's language.
        partner.language = partner.language or language_for_country(partner.country)
    for name, (region, population, structure, activities, website) in DETAILS.items():
        partner = partners.get(name)
        if partner is None:
            continue
        partner.region, partner.population, partner.structure = region, population, structure
        partner.activities, partner.website = activities, website
        partner.contacts.extend(PartnerContact(name=n, role=r, email=e, phone=p, language=lang)
                                for n, r, e, p, lang in CONTACTS.get(name, []))
    for name, kind, year, month, day, place, people, signatories in MILESTONES:
        if name in partners:
            db.session.add(Milestone(
                partner_city=partners[name], kind=kind, happened_on=date(year, month, day), place=place,
                people=people, signatories=signatories, recorded_by_id=staff.id if staff else None,
                title="Mosaic workshop exchange begins" if kind == M.OTHER else "",
                notes="Gifts exchanged: the city's coat of arms in glass." if kind == M.CERTIFICATE_SIGNED else "",
            ))
    _level_history(partners, staff, today)
    _past_events(partners, staff, today)
    _candidates()


def _level_history(partners: dict, staff, today: date) -> None:
    history = {
        "Annecy": [(None, L.CONTACT, _at(1984, 10, 1), ""),
                   (L.CONTACT, L.TWINNING, _at(1987, 5, 9), "Twinning certificate signed in Annecy.")],
        "Tartu": [(None, L.CONTACT, _at(1990, 3, 1), ""),
                  (L.CONTACT, L.TWINNING, _at(1992, 6, 20), "Twinning certificate signed in Tartu.")],
        "Gdynia": [(None, L.FRIENDSHIP, _at(1998, 1, 15), "Sailing regatta project"),
                   (L.FRIENDSHIP, L.TWINNING, _at(2004, 5, 1), "Twinning certificate signed.")],
        "Ravenna": [(None, L.CONTACT, _at(2023, 9, 1), ""),
                    (L.CONTACT, L.FRIENDSHIP, _at(2025, 3, 15), "Bound to the mosaic workshop project.")],
        "Kortrijk": [(None, L.FRIENDSHIP, _at(2024, 2, 1), "Three-year friendship agreed by the council.")],
        "Sopron": [(None, L.CONTACT, _at(1993, 4, 1), ""),
                   (L.CONTACT, L.TWINNING, _at(1995, 9, 16), "Twinning certificate signed in Sopron.")],
        "Girona": [(None, L.CONTACT, _at(2025, 11, 5), "Ties between the football clubs led to a first meeting.")],
    }
    for name, steps in history.items():
        if name not in partners:
            continue
        for from_level, to_level, at, note in steps:
            db.session.add(LevelChange(partner_city=partners[name], from_level=from_level, to_level=to_level,
                                       actor=staff, at=at, changed_on=at.date(), note=note))
    if "Ravenna" in partners:
        partners["Ravenna"].friendship_project = "Mosaic workshops 2025–2027"
    if "Kortrijk" in partners:
        # Runs out within three months: the staff start page lists it among the deadlines.
        partners["Kortrijk"].friendship_until = today + timedelta(days=75)
    if "Girona" in partners:
        partners["Girona"].state = PartnershipState.NEGOTIATING


def _past_events(partners: dict, staff, today: date) -> None:
    """Approved events of the last years, so the partnership pages have figures per year to show."""
    rows = db.session.execute(
        sa.select(Organisation, User)
        .join(Membership, Membership.organisation_id == Organisation.id)
        .join(User, User.id == Membership.user_id)
        .where(Organisation.status == OrganisationStatus.VERIFIED)
        .order_by(Organisation.id, User.id)
    ).all()
    authors = {}
    for organisation, user in rows:
        authors.setdefault(organisation, user)
    organisations = list(authors)
    if not organisations or staff is None:
        return
    # Oldest year first, up to last year; Sopron's last events lie three years back.
    plan = {"Annecy": (5, 4, 6, 3), "Tartu": (2, 3, 1, 2), "Gdynia": (1, 2, 2, 1), "Sopron": (2, 1, 0, 0)}
    n = 0
    for name, per_year in plan.items():
        if name not in partners:
            continue
        for back, count in enumerate(reversed(per_year), start=1):
            year = today.year - back
            for i in range(count):
                n += 1
                org = organisations[n % len(organisations)]
                start = _at(year, 3 + (i * 2) % 9, 5 + (n % 20), 15)
                proposal = Proposal(
                    title=f"{'Visit' if i % 2 else 'Joint event'} with {name} {year}",
                    kind=EventKind.DELEGATION_VISIT if i % 2 else EventKind.CONCERT, partner_city=partners[name],
                    organisation=org, direction=Direction.INCOMING if n % 2 else Direction.OUTGOING,
                    starts_at=start, ends_at=start + timedelta(hours=4), venue="Stadthalle",
                    participants_ours=10 + n % 30, participants_guests=8 + (n * 7) % 30,
                    description=f"{org.name} and friends from {name}.",
                )
                db.session.add(proposal)
                created = start - timedelta(days=70)
                workflow.record_creation(proposal, actor=authors[org], now=created)
                workflow.perform(proposal, ProposalAction.SUBMIT, actor=authors[org], is_proposer=True,
                                 is_staff=False, now=created + timedelta(days=2))
                workflow.perform(proposal, ProposalAction.APPROVE, actor=staff, is_proposer=False, is_staff=True,
                                 now=created + timedelta(days=9))


def _candidates() -> None:
    for name, country, region, population, structure, languages, activities, ties in CANDIDATES:
        candidate = Candidate(name=name, country=country, region=region, population=population,
                              structure=structure, languages=languages, activities=activities,
                              source="CEMR twinning search" if not ties else "Known contacts")
        candidate.ties.extend(Tie(kind=kind, ours=ours, theirs=theirs, since=date(year, 1, 1), strength=strength)
                              for kind, ours, theirs, year, strength in ties)
        db.session.add(candidate)
