"""How many proposals are in each state, per partner city and kind: the review queue's counts per state.

Kept by database triggers on `proposals` (migration 5c1e0a7d2b94), in the same transaction as the change, so
every way a proposal is inserted, changed or deleted — the ORM, a bulk insert of the scale data set, an
organisation deleted with its proposals by ON DELETE CASCADE — moves the counts along. Reading them is a sum
over at most (states × partner cities × kinds) small rows instead of a grouped count over every proposal.
On PostgreSQL the trigger runs once per statement and writes the net change of each (state, partner city,
kind) in key order, so an edit that changes none of the three writes nothing and locks no count row.
"""

from sqlalchemy.orm import Mapped, mapped_column

from clubs_exchange.extensions import db
from clubs_exchange.proposals.models import EventKind, ProposalState


class ProposalCount(db.Model):
    __tablename__ = "proposal_counts"

    state: Mapped[ProposalState] = mapped_column(primary_key=True)
    # No foreign key: derived data, and a partner city without proposals may be deleted (its rows say 0).
    partner_city_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    kind: Mapped[EventKind] = mapped_column(primary_key=True)
    n: Mapped[int] = mapped_column(default=0)
