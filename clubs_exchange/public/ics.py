"""The public feed's events: what anyone may read of them (calendar/ics.py writes the rest of the feed)."""

from clubs_exchange.calendar.ics import event_facts
from clubs_exchange.proposals.models import Proposal


def public_description(proposal: Proposal) -> str:
    """Kind, partner city and organisers; never the organisers' description (it may hold what the office was told
    in confidence), participants, hosting needs or the budget."""
    return "\n".join(event_facts(proposal))
