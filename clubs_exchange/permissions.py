"""Who may do what: the roles every area asks about, used by routes and templates alike.

Load, then authorise, then act: get_or_404 here, and each area's own rules and get_*_or_404 helpers in its
access.py (organisations, proposals, partners, hosting), built on these. This module imports no area.
"""

from flask import abort, current_app, request
from flask_login import current_user, login_required

from clubs_exchange.extensions import db


def is_staff(user) -> bool:
    return bool(user and user.is_authenticated and user.is_staff)


def organises(user, proposal) -> bool:
    """A member of the event's proposer or of one of its co-organisers."""
    return bool(user and user.is_authenticated and user.organisation_ids & proposal.organiser_ids)


def is_staff_or_organiser(user, proposal) -> bool:
    """An event's own data (its guests, its money, its participants): city staff and the event's organisers."""
    return is_staff(user) or organises(user, proposal)


def is_admin(user) -> bool:
    return bool(user and user.is_authenticated and user.is_admin)


def is_member_of(user, organisation_id: int | None) -> bool:
    return bool(user and user.is_authenticated and organisation_id in user.organisation_ids)


def can_decide_erasure(user, account) -> bool:
    """Who erases an account on its owner's request: staff erase members' accounts, administrators staff
    and administrator accounts too; nobody decides on their own request (a colleague does)."""
    if not is_staff(user) or account is None or account.id == user.id:
        return False
    return is_admin(user) or not account.is_staff


def require_staff() -> None:
    if not is_staff(current_user):
        abort(403)


def require_admin() -> None:
    if not is_admin(current_user):
        abort(403)


def staff_only(blueprint) -> None:
    """Every page of `blueprint` is the twinning office's: a login first, then 403 for anyone but staff; except
    the views marked `own_access`, which need the login and then authorise themselves."""

    @blueprint.before_request
    @login_required
    def staff_pages_only():
        if getattr(current_app.view_functions.get(request.endpoint), "own_access", False):
            return
        require_staff()


def own_access(view):
    """A view of a staff-only blueprint that others may reach too (an event's funding page: its organisers): it
    loads, then authorises itself, like any other area's view."""
    view.own_access = True
    return view


def get_or_404(model, ident: int | None):
    """The object, or 404. The id comes from the `<id:...>` converter or ids.parse_int (None: not a number)."""
    if ident is None:
        abort(404)
    return db.get_or_404(model, ident)
