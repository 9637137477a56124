"""Who may do what: one place, used by routes and templates alike.

Load, then authorise, then act: the get_*_or_404 helpers return the object or abort with 404/403.
"""

from flask import abort
from flask_login import current_user

from clubs_exchange.extensions import db


def is_staff(user) -> bool:
    return bool(user and user.is_authenticated and user.is_staff)


def is_admin(user) -> bool:
    return bool(user and user.is_authenticated and user.is_admin)


def is_member_of(user, organisation_id: int | None) -> bool:
    return bool(user and user.is_authenticated and organisation_id in user.organisation_ids)


def can_manage_organisation(user, organisation) -> bool:
    """Edit the profile, the members, the interests and the drafts of an organisation."""
    return is_staff(user) or is_member_of(user, organisation.id)


def can_view_proposal(user, proposal) -> bool:
    """Drafts and reviews are private to the organisers and staff; the calendar shows only approved events."""
    from clubs_exchange.proposals.workflow import CALENDAR_STATES

    if is_staff(user):
        return True
    if user and user.is_authenticated and user.organisation_ids & proposal.organiser_ids:
        return True
    return proposal.state in CALENDAR_STATES and bool(user and user.is_authenticated)


def is_proposer(user, proposal) -> bool:
    return is_member_of(user, proposal.organisation_id)


def can_edit_proposal(user, proposal) -> bool:
    from clubs_exchange.proposals.workflow import is_editable

    return is_editable(proposal.state) and is_proposer(user, proposal)


def require_staff() -> None:
    if not is_staff(current_user):
        abort(403)


def require_admin() -> None:
    if not is_admin(current_user):
        abort(403)


def get_or_404(model, ident: int | None):
    """The object, or 404. The id comes from the `<id:...>` converter or ids.parse_int (None: not a number)."""
    if ident is None:
        abort(404)
    return db.get_or_404(model, ident)


def get_organisation_or_404(organisation_id: int, *, for_edit: bool = False):
    from clubs_exchange.organisations.models import Organisation

    organisation = get_or_404(Organisation, organisation_id)
    if for_edit and not can_manage_organisation(current_user, organisation):
        abort(403)
    return organisation


def get_proposal_or_404(proposal_id: int, *, for_edit: bool = False):
    from clubs_exchange.proposals.models import Proposal

    proposal = get_or_404(Proposal, proposal_id)
    # Someone else's draft is none of your business: it does not exist for you.
    if not can_view_proposal(current_user, proposal):
        abort(404)
    if for_edit and not can_edit_proposal(current_user, proposal):
        abort(403)
    return proposal
