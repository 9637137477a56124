"""Demo data of the hosting area: confirmed host families, one proposed by a club, and a placed incoming visit."""

from datetime import date, timedelta

import sqlalchemy as sa

from clubs_exchange import clock
from clubs_exchange.extensions import db
from clubs_exchange.hosting.forms import CONSENT_WORDING
from clubs_exchange.hosting.guests import GuestDetails, save_guest
from clubs_exchange.hosting.models import HostUnavailability
from clubs_exchange.hosting.placing import EventPlacement
from clubs_exchange.hosting.register import HouseholdDetails, confirm_household, save_household
from clubs_exchange.proposals.models import Direction, Proposal, ProposalState

# name, street, beds, languages, pets, minors, dietary, no stairs
HOUSEHOLDS = [
    ("Familie Becker (Jana Becker)", "Lindenstraße 4", 3, "German, French", "", True, True, False),
    ("Familie Schulz (Tom Schulz)", "Am Markt 12", 2, "German, English", "a dog", True, False, False),
    ("Familie Wagner (Eva Wagner)", "Rosenweg 7", 2, "German, French, English", "", True, False, True),
    ("Familie Hoffmann (Uwe Hoffmann)", "Bahnhofstraße 31", 4, "German", "two cats", True, True, False),
    ("Familie Koch (Mia Koch)", "Kirchgasse 2", 2, "German, English", "", False, False, False),
    ("Familie Richter (Ben Richter)", "Uferweg 19", 3, "German, Polish", "", True, True, False),
    ("Familie Klein (Lea Klein)", "Gartenstraße 8", 2, "German, Italian", "a rabbit", True, False, False),
    ("Familie Wolf (Paul Wolf)", "Bergstraße 23", 2, "German, French", "", True, False, True),
    ("Familie Neumann (Ida Neumann)", "Feldweg 5", 3, "German, English", "", True, False, False),
    ("Familie Schwarz (Emil Schwarz)", "Schulstraße 14", 2, "German, Spanish", "", False, True, False),
    ("Familie Zimmermann (Ute Zimmermann)", "Mühlenweg 1", 2, "German, French", "", True, False, False),
    ("Familie Braun (Karl Braun)", "Hauptstraße 60", 3, "German, English, French", "", True, True, False),
]

# name, date of birth, languages, dietary, pet allergy, access needs, wishes with
GUESTS = [
    ("Camille Martin", date(1981, 3, 2), "French, English", "vegetarian", False, "", "Lucie Martin"),
    ("Lucie Martin", date(2012, 7, 19), "French", "", True, "", "Camille Martin"),
    ("Hugo Bernard", date(1959, 11, 1), "French, German", "", False, "no stairs", ""),
    ("Léa Dubois", date(1995, 5, 23), "French, English", "", False, "", "Chloé Laurent"),
    ("Chloé Laurent", date(1996, 1, 9), "French, English", "halal", False, "", "Léa Dubois"),
    ("Louis Moreau", date(2011, 2, 14), "French", "", False, "", "Jules Simon"),
    ("Jules Simon", date(2011, 9, 30), "French", "", True, "", "Louis Moreau"),
    ("Manon Michel", date(1988, 4, 4), "French, Spanish", "", False, "", ""),
    ("Arthur Lefèvre", date(1975, 8, 17), "French, English", "", False, "", ""),
    ("Inès Garcia", date(2000, 12, 1), "French, English", "vegan", False, "", ""),
    ("Gabriel Roux", date(1969, 6, 6), "French", "", False, "", ""),
    ("Emma Fournier", date(2010, 10, 10), "French, English", "", False, "", ""),
    ("Raphaël Girard", date(1990, 3, 3), "French, Italian", "", True, "", ""),
    ("Jade Bonnet", date(1992, 7, 7), "French", "", False, "", ""),
    ("Adam Dupont", date(1985, 1, 1), "French, English", "", False, "", "Jade Bonnet"),
    ("Louise Lambert", date(1978, 2, 28), "French, German", "", False, "", ""),
]
# What the placement page and the rooming list must show the hosts.
ALLERGIES = {"Lucie Martin": "peanuts", "Raphaël Girard": "cats, dogs"}


def seed_hosting_demo(staff, organisations: list) -> None:
    """Host families, and the next approved incoming visit with its guests placed (one, a minor, is not)."""
    now = clock.utcnow()
    by_name = {o.name: o for o in organisations}
    for i, (name, street, beds, languages, pets, minors, dietary, accessible) in enumerate(HOUSEHOLDS):
        household = save_household(None, HouseholdDetails(
            contact_name=name, address=f"{street}, Home City", phone=f"+49 30 55{i:04d}",
            email=f"{name.split()[1].lower()}@example.net", beds=beds, languages=languages, children=i % 3,
            has_pets=bool(pets), pets=pets, takes_minors=minors, caters_dietary=dietary, accessible=accessible,
            consent_on=(now - timedelta(days=200 + i)).date(), consent_wording=str(CONSENT_WORDING),
        ), [], proposed_by_id=by_name["Freundeskreis Annecy"].id if i % 4 == 0 else None)
        db.session.flush()
        confirm_household(household, staff)
        if i == 4:
            start = (now + timedelta(days=120)).date()
            household.unavailable_periods.append(HostUnavailability(starts_on=start, ends_on=start + timedelta(14)))
    save_household(None, HouseholdDetails(
        contact_name="Familie Yilmaz (Murat Yilmaz)", address="Nordring 9, Home City", beds=2,
        languages="German, Turkish, French", takes_minors=True, consent_on=now.date(),
        consent_wording=str(CONSENT_WORDING),
    ), [], proposed_by_id=by_name["Handballfreunde Nord"].id)

    events = db.session.scalars(
        sa.select(Proposal)
        .where(Proposal.state == ProposalState.APPROVED, Proposal.direction == Direction.INCOMING,
               Proposal.starts_at > now)
        .order_by(Proposal.starts_at)
    ).all()
    if not events:
        return
    visit = next((e for e in events if e.organisation.name == "FC Blau-Weiß 1921"), events[0])
    for name, born, languages, dietary, pet_allergy, access, wishes in GUESTS:
        save_guest(visit, None, GuestDetails(
            name=name, date_of_birth=born, languages=languages, dietary_needs=dietary, pet_allergy=pet_allergy,
            accessibility_needs=access, wishes_with=wishes, allergies=ALLERGIES.get(name, ""),
            parental_consent=name != "Emma Fournier",
        ))
    db.session.flush()
    EventPlacement.load(visit).propose(staff)
