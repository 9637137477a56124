"""The host register's rules: a household proposed by an organisation or entered by staff, and its confirmation."""

from dataclasses import dataclass
from datetime import date

from clubs_exchange.clock import utcnow
from clubs_exchange.extensions import db
from clubs_exchange.hosting.guests import clean
from clubs_exchange.hosting.models import HostHousehold, HostStatus, HostUnavailability


@dataclass
class HouseholdDetails:
    contact_name: str
    address: str
    phone: str = ""
    email: str = ""
    beds: int = 1
    languages: str = ""
    children: int = 0
    has_pets: bool = False
    pets: str = ""
    smoke_free: bool = True
    takes_minors: bool = False
    caters_dietary: bool = False
    accessible: bool = False
    notes: str = ""
    consent_on: date | None = None
    consent_wording: str = ""


def save_household(household: HostHousehold | None, details: HouseholdDetails, periods: list[tuple[date, date]],
                   *, proposed_by_id: int | None = None) -> HostHousehold:
    """A new household starts as proposed; staff confirm it (confirm_household)."""
    if household is None:
        household = HostHousehold(status=HostStatus.PROPOSED, proposed_by_id=proposed_by_id)
        db.session.add(household)
    for name, value in vars(details).items():
        setattr(household, name, clean(value))
    household.unavailable_periods = [HostUnavailability(starts_on=a, ends_on=b) for a, b in periods]
    return household


def confirm_household(household: HostHousehold, staff_user) -> None:
    household.status = HostStatus.CONFIRMED
    household.confirmed_by_id = staff_user.id
    household.confirmed_at = utcnow()
