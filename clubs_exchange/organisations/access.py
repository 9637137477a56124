"""Who may manage an organisation: load, then authorise, for its profile, members, interests and drafts."""

from flask import abort
from flask_login import current_user

from clubs_exchange.auth.models import MemberFunction
from clubs_exchange.organisations.models import Organisation
from clubs_exchange.permissions import get_or_404, is_member_of, is_staff


def can_manage_organisation(user, organisation) -> bool:
    """Edit the profile, the members, the interests and the drafts of an organisation."""
    return is_staff(user) or is_member_of(user, organisation.id)


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
