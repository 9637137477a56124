"""Who may manage an organisation: load, then authorise, for its profile, members, interests and drafts."""

import sqlalchemy as sa
from flask import abort, g
from flask_login import current_user

from clubs_exchange.auth.models import MemberFunction, Membership
from clubs_exchange.extensions import db
from clubs_exchange.organisations.models import Organisation, OrganisationStatus
from clubs_exchange.permissions import get_or_404, is_member_of, is_staff


def can_manage_organisation(user, organisation) -> bool:
    """Edit the profile, the members, the interests and the drafts of an organisation."""
    return is_staff(user) or is_member_of(user, organisation.id)


def can_see_contacts(user, organisation) -> bool:
    """An organisation's contact e-mail and phone: for staff, the organisation's own members, and members of a
    verified organisation. Registering is open to anyone, so an account whose only organisation still awaits
    verification (or that has none) reads nobody else's contacts; the CSV export gives them to staff only."""
    if can_manage_organisation(user, organisation):
        return True
    return bool(user and user.is_authenticated) and _member_of_a_verified_organisation(user)


def _member_of_a_verified_organisation(user) -> bool:
    """One query per request, however many profiles a page shows."""
    key = ("member_of_a_verified_organisation", user.id)
    cached = g.get("contact_rule")
    if cached is None or cached[0] != key:
        found = db.session.scalar(sa.select(sa.exists().where(
            Membership.user_id == user.id, Membership.organisation_id == Organisation.id,
            Organisation.status == OrganisationStatus.VERIFIED)))
        cached = g.contact_rule = (key, bool(found))
    return cached[1]


def can_manage_members(user, organisation) -> bool:
    """Invite, remove others and change functions: the organisation's secretaries and city staff.
    Every member may see the list and leave."""
    if is_staff(user):
        return True
    return bool(user and user.is_authenticated) and any(
        m.organisation_id == organisation.id and m.function == MemberFunction.SECRETARY for m in user.memberships
    )


def require_manage_members(organisation) -> None:
    if not can_manage_members(current_user, organisation):
        abort(403)


def get_organisation_or_404(organisation_id, *, for_edit: bool = False) -> Organisation:
    organisation = get_or_404(Organisation, organisation_id)
    if for_edit and not can_manage_organisation(current_user, organisation):
        abort(403)
    return organisation
