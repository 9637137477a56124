"""Data the review queue reads instead of computing it over every proposal: the counts per state and the conflicts.

ProposalCount: how many proposals are in each state, per partner city and kind. Kept by database triggers on
`proposals` (migration 5c1e0a7d2b94), in the same transaction as the change, so
every way a proposal is inserted, changed or deleted — the ORM, a bulk insert of the scale data set, an
organisation deleted with its proposals by ON DELETE CASCADE — moves the counts along. Reading them is a sum
over at most (states × partner cities × kinds) small rows instead of a grouped count over every proposal.
On PostgreSQL the trigger runs once per statement and writes the net change of each (state, partner city,
kind) in key order, so an edit that changes none of the three writes nothing and locks no count row.

Alembic's batch mode on SQLite (a table copied and renamed) drops the triggers of `proposals`: a migration that
alters proposals that way must create them again (tests/test_review_counts.py fails if they are missing).
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


class ProposalConflict(db.Model):
    """A proposal waiting for a decision (or approved) and an approved event it clashes with: the conflicts the
    review queue shows, stored as the proposals change instead of computed for every page.

    Kept by triggers on `proposals` (migration 5c1e0a7d2b94) by the rule of review/conflicts.py: a proposal
    inserted, or changed in its state, dates, partner city or venue, has its pairs on both sides recomputed in
    the same transaction; a deleted one loses them. Why they clash (partner city, venue) is decided again in
    Python when they are read (conflicts._clashes), and the decision page and approving compute conflicts
    afresh: a pair stored by two transactions racing (one approving an event while another moves a proposal
    onto its dates) can at worst be missing from the queue's warning until either changes again, never from
    the check before approving.
    """

    __tablename__ = "proposal_conflicts"

    proposal_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    other_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False, index=True)
