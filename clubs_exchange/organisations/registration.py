"""A club registers itself: the organisation, pending until staff verify it, and its first account."""

import sqlalchemy as sa

from clubs_exchange.auth.email_verification import verification_token
from clubs_exchange.auth.invitations import find_user_by_email, normalise_email
from clubs_exchange.auth.models import MemberFunction, Membership, User, UserRole, hash_for_nobody
from clubs_exchange.auth.passwords import check_new_password
from clubs_exchange.clock import utcnow
from clubs_exchange.errors import DomainError
from clubs_exchange.extensions import db
from clubs_exchange.notifications.notify import notify
from clubs_exchange.organisations.models import Organisation, OrganisationKind, OrganisationStatus


class RegistrationError(DomainError):
    """A registration that is refused; `field` names the form field the message belongs to."""


def organisation_name_taken(name: str, *, except_id: int | None = None) -> bool:
    query = sa.select(Organisation.id).where(sa.func.lower(Organisation.name) == name.strip().lower())
    if except_id is not None:
        query = query.where(Organisation.id != except_id)
    return db.session.scalar(query) is not None


def register_organisation(
    *,
    organisation_name: str,
    kind: OrganisationKind,
    discipline: str,
    member_count: int | None,
    description: str,
    name: str,
    email: str,
    phone: str,
    password: str,
) -> Organisation | None:
    """The new organisation with its first account, pending, and the account's address still to be confirmed;
    None when the address has an account already. A password the rules refuse raises PasswordError.

    Then nothing is registered and the owner of the address hears of it by mail, while the person registering
    gets the same answer as for a new address ("check your mail"), after the same work (a password hashed):
    neither the page nor its time tells anyone which addresses have an account.
    """
    from flask_babel import gettext as _

    # Before the address is looked up: a refused password is refused alike for a known and a new address.
    check_new_password(password, email=email, names=(name,))
    if organisation_name_taken(organisation_name):
        raise RegistrationError(_("An organisation of this name is registered already."), "organisation_name")
    existing = find_user_by_email(email)
    if existing is not None:
        hash_for_nobody(password)
        notify("registration_with_known_address", user=existing, organisation_name=organisation_name.strip())
        return None
    organisation = Organisation(
        name=organisation_name.strip(),
        kind=kind,
        discipline=discipline.strip(),
        member_count=member_count,
        description=description.strip(),
        contact_name=name.strip(),
        email=normalise_email(email),
        phone=phone.strip(),
        status=OrganisationStatus.PENDING,
    )
    user = User(email=normalise_email(email), name=name.strip(), role=UserRole.MEMBER)
    user.set_password(password)
    user.memberships.append(Membership(organisation=organisation, function=MemberFunction.SECRETARY))
    db.session.add_all([organisation, user])
    db.session.flush()  # the confirmation link needs the account's id
    # The account may log in once the link in the mail proves the address (email_verification.py).
    notify("organisation_registered", organisation=organisation, user=user, verification_token=verification_token(user))
    return organisation


def verify_organisation(organisation: Organisation, *, by: User) -> None:
    organisation.status = OrganisationStatus.VERIFIED
    organisation.verified_at = utcnow()
    organisation.verified_by_id = by.id
