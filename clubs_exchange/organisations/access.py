"""Who may manage an organisation: load, then authorise, for its profile, members, interests and drafts."""

from flask import abort
from flask_login import current_user

from clubs_exchange.organisations.models import Organisation
from clubs_exchange.permissions import get_or_404, is_member_of, is_staff


def can_manage_organisation(user, organisation) -> bool:
    """Edit the profile, the members, the interests and the drafts of an organisation."""
    return is_staff(user) or is_member_of(user, organisation.id)


def get_organisation_or_404(organisation_id, *, for_edit: bool = False) -> Organisation:
    organisation = get_or_404(Organisation, organisation_id)
    if for_edit and not can_manage_organisation(current_user, organisation):
        abort(403)
    return organisation
