"""The review queue: what city staff have to decide, oldest first."""

import sqlalchemy as sa

from clubs_exchange.extensions import db
from clubs_exchange.proposals.models import Proposal, ProposalState


def pending_count() -> int:
    return db.session.scalar(
        sa.select(sa.func.count()).select_from(Proposal).where(Proposal.state == ProposalState.SUBMITTED)
    )
