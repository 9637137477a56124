"""Which approved events the public sees: the default on approval (PUBLIC_EVENTS_DEFAULT) and staff's choice."""

from flask import current_app
from flask_babel import lazy_gettext as _l

from clubs_exchange.errors import DomainError
from clubs_exchange.proposals.models import Proposal, ProposalState


class VisibilityError(DomainError):
    """The event cannot be shown publicly (not approved)."""


def on_approval(proposal: Proposal) -> None:
    """An approved event starts public or not as the setting says; staff change it on the event's page."""
    proposal.public = bool(current_app.config["PUBLIC_EVENTS_DEFAULT"])


def set_public(proposal: Proposal, public: bool) -> bool:
    """Show the event in the public calendar or take it out; True when that changed anything. Taking an event out
    is always possible; only an approved one goes in."""
    if public and proposal.state != ProposalState.APPROVED:
        raise VisibilityError(_l("Only an approved event can be shown in the public calendar."))
    if proposal.public == public:
        return False
    proposal.public = public
    return True
