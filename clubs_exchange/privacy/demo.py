"""Demo data of the privacy area: a request to erase an account, waiting for staff (the list has content)."""

from datetime import timedelta

from clubs_exchange.clock import utcnow
from clubs_exchange.extensions import db
from clubs_exchange.privacy.models import ErasureRequest


def seed_privacy_demo(member) -> None:
    """`member`: a person who is none of the demo logins, so every login keeps its account."""
    db.session.add(ErasureRequest(user_id=member.id, requested_at=utcnow() - timedelta(days=3),
                                  reason="I am moving abroad and leave the club; please remove my account."))
