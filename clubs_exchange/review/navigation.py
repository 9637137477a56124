"""The review badge in the staff navigation: proposals waiting for a decision, counted with the other badges."""

import sqlalchemy as sa
from flask_login import current_user

from clubs_exchange.permissions import is_staff
from clubs_exchange.proposals.models import Proposal, ProposalState
from clubs_exchange.review import bp
from clubs_exchange.templating import navigation_badge, navigation_counts


def waiting_subquery(user) -> sa.ScalarSelect | None:
    if not is_staff(user):
        return None
    waiting = sa.select(sa.func.count()).select_from(Proposal).where(Proposal.state == ProposalState.SUBMITTED)
    return waiting.scalar_subquery()


navigation_badge("pending", waiting_subquery)


@bp.app_template_global()
def pending_review_count() -> int | None:
    """The number in the staff navigation's review badge; None for everyone else."""
    if not is_staff(current_user):
        return None
    return navigation_counts()["pending"]
