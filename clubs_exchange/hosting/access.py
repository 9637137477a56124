"""Who may see and change hosting data, and the log of full views of personal data."""

from flask import abort
from flask_login import current_user
from sqlalchemy.orm import joinedload

from clubs_exchange.extensions import db
from clubs_exchange.hosting.models import Guest, HostHousehold, HostingViewLog, ViewKind
from clubs_exchange.permissions import get_or_404, is_member_of, is_staff, is_staff_or_organiser
from clubs_exchange.proposals.models import Direction, Proposal, ProposalState

# Guests come to us in these events; only approved events have a guest list.
INCOMING = (Direction.INCOMING, Direction.BOTH)


def is_incoming_event(proposal: Proposal) -> bool:
    return proposal.state == ProposalState.APPROVED and proposal.direction in INCOMING


def can_see_hosting(user, proposal: Proposal) -> bool:
    """Guests and their hosts: city staff and the organisers of the event (proposer and co-organisers)."""
    return is_staff_or_organiser(user, proposal)


def can_place(user) -> bool:
    """Placing guests with households is the twinning office's work."""
    return is_staff(user)


def can_see_host(user, household: HostHousehold) -> bool:
    """A household's data: staff, and the organisation that proposed it."""
    return is_staff(user) or (household.proposed_by_id is not None and is_member_of(user, household.proposed_by_id))


def households_shown(user, placing) -> list[HostHousehold]:
    """The households an event's hosting page names (`placing`: its EventPlacement). Staff place the guests and
    see every confirmed household; the organisers see only those hosting the event's own guests, not the
    register of the whole city."""
    if can_place(user):
        return placing.households
    hosting = set(placing.assignment.values())
    return [h for h in placing.households if h.id in hosting]


def get_incoming_event_or_404(proposal_id: int, *, for_placing: bool = False) -> Proposal:
    # The partner city and the organiser are on every hosting page: loaded with the event in one query.
    proposal = db.session.get(
        Proposal, proposal_id, options=[joinedload(Proposal.partner_city), joinedload(Proposal.organisation)]
    )
    if proposal is None:
        abort(404)
    # Someone else's guests do not exist for you.
    if not is_incoming_event(proposal) or not can_see_hosting(current_user, proposal):
        abort(404)
    if for_placing and not can_place(current_user):
        abort(403)
    return proposal


def get_guest_or_404(guest_id) -> Guest:
    guest = get_or_404(Guest, guest_id)
    get_incoming_event_or_404(guest.proposal_id)
    return guest


def get_household_or_404(household_id) -> HostHousehold:
    household = get_or_404(HostHousehold, household_id)
    if not can_see_host(current_user, household):
        abort(404)
    return household


def log_view(what: ViewKind, *, proposal_id=None, household_id=None, guest_id=None) -> None:
    """Record a full view of personal data; committed with the request."""
    db.session.add(
        HostingViewLog(
            user_id=current_user.id, what=what, proposal_id=proposal_id, household_id=household_id, guest_id=guest_id
        )
    )
