"""proposal_counts and proposal_conflicts, kept by triggers on proposals: the review queue's counts per state and
its conflicts, stored instead of computed for each page (issue 14)

Revision ID: 5c1e0a7d2b94
Revises: 5d1e7a9c3b20
Create Date: 2026-12-02 18:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5c1e0a7d2b94'
down_revision = '5d1e7a9c3b20'
branch_labels = None
depends_on = None

STATES = ('draft', 'submitted', 'changes_requested', 'approved', 'rejected', 'withdrawn', 'cancelled')
KINDS = ('match', 'concert', 'pupil_exchange', 'delegation_visit', 'festival', 'workshop', 'other')

KEY = "state, partner_city_id, kind"

# SQLite: row triggers. A decrement is a plain UPDATE (the row exists whenever the proposal does), so deleting
# the counts before the proposals (emptying the database) leaves no negative rows behind.
SQLITE_TRIGGERS = (
    f"""CREATE TRIGGER proposal_counts_insert AFTER INSERT ON proposals BEGIN
  INSERT INTO proposal_counts ({KEY}, n) VALUES (NEW.state, NEW.partner_city_id, NEW.kind, 1)
  ON CONFLICT ({KEY}) DO UPDATE SET n = n + 1;
END""",
    """CREATE TRIGGER proposal_counts_delete AFTER DELETE ON proposals BEGIN
  UPDATE proposal_counts SET n = n - 1
  WHERE state = OLD.state AND partner_city_id = OLD.partner_city_id AND kind = OLD.kind;
END""",
    f"""CREATE TRIGGER proposal_counts_update AFTER UPDATE OF {KEY} ON proposals
WHEN OLD.state IS NOT NEW.state OR OLD.partner_city_id IS NOT NEW.partner_city_id OR OLD.kind IS NOT NEW.kind
BEGIN
  UPDATE proposal_counts SET n = n - 1
  WHERE state = OLD.state AND partner_city_id = OLD.partner_city_id AND kind = OLD.kind;
  INSERT INTO proposal_counts ({KEY}, n) VALUES (NEW.state, NEW.partner_city_id, NEW.kind, 1)
  ON CONFLICT ({KEY}) DO UPDATE SET n = n + 1;
END""",
)

# PostgreSQL: one trigger per statement with its transition tables; the net change per key, written in key
# order (two transactions moving proposals between the same keys lock the rows in the same order).
_UPSERT = (f"INSERT INTO proposal_counts ({KEY}, n) SELECT {KEY}, sum(d) FROM (%s) AS changes"
           f" GROUP BY {KEY} HAVING sum(d) <> 0 ORDER BY {KEY}"
           f" ON CONFLICT ({KEY}) DO UPDATE SET n = proposal_counts.n + excluded.n;")
_NEW = f"SELECT {KEY}, 1 AS d FROM new_proposals"
_OLD = f"SELECT {KEY}, -1 AS d FROM old_proposals"
PG_FUNCTION = f"""CREATE FUNCTION proposal_counts_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    {_UPSERT % _NEW}
  ELSIF TG_OP = 'DELETE' THEN
    {_UPSERT % _OLD}
  ELSE
    {_UPSERT % (_NEW + ' UNION ALL ' + _OLD)}
  END IF;
  RETURN NULL;
END
$$"""
PG_TRIGGERS = (
    "CREATE TRIGGER proposal_counts_insert AFTER INSERT ON proposals"
    " REFERENCING NEW TABLE AS new_proposals FOR EACH STATEMENT EXECUTE FUNCTION proposal_counts_follow()",
    "CREATE TRIGGER proposal_counts_delete AFTER DELETE ON proposals"
    " REFERENCING OLD TABLE AS old_proposals FOR EACH STATEMENT EXECUTE FUNCTION proposal_counts_follow()",
    "CREATE TRIGGER proposal_counts_update AFTER UPDATE ON proposals"
    " REFERENCING OLD TABLE AS old_proposals NEW TABLE AS new_proposals"
    " FOR EACH STATEMENT EXECUTE FUNCTION proposal_counts_follow()",
)


# proposal_conflicts: (proposal, event) for each proposal waiting for a decision or approved and each approved
# event it clashes with (review/conflicts.py's rule: overlapping in time, half-open, and the same partner city or
# the same non-empty venue key; no event is longer than MAX_EVENT_LENGTH, 92 days, which closes each index range).
# A proposal inserted, or changed in its state, dates, partner city or venue, has its pairs on both sides
# recomputed; a deleted one loses them.
PAIR_STATES = "('submitted', 'approved')"


def _pairs(new: str, earlier: str) -> list[str]:
    """SELECTs of (proposal_id, other_id) for the proposals of `new` (a row alias or a table of rows): its
    conflicts as a proposal, and the proposals it conflicts with as an approved event. `earlier(x)` is SQL for
    x minus 92 days."""
    selects = []
    for match in ("o.partner_city_id = n.partner_city_id", "n.venue_key <> '' AND o.venue_key = n.venue_key"):
        overlap = (f"o.starts_at < n.ends_at AND o.starts_at > {earlier.format('n.starts_at')}"
                   f" AND o.ends_at > n.starts_at AND o.id <> n.id AND {match}")
        selects.append(f"SELECT n.id, o.id FROM {new}, proposals o"
                       f" WHERE n.state IN {PAIR_STATES} AND o.state = 'approved' AND {overlap}")
        selects.append(f"SELECT o.id, n.id FROM {new}, proposals o"
                       f" WHERE n.state = 'approved' AND o.state IN {PAIR_STATES} AND {overlap}")
    return selects


_SQLITE_EARLIER = "datetime({}, '-92 days')"
_SQLITE_INSERTS = "\n".join(
    f"  INSERT OR IGNORE INTO proposal_conflicts (proposal_id, other_id) {select};"
    for select in _pairs("(SELECT NEW.id AS id, NEW.state AS state, NEW.partner_city_id AS partner_city_id,"
                         " NEW.venue_key AS venue_key, NEW.starts_at AS starts_at, NEW.ends_at AS ends_at) AS n",
                         _SQLITE_EARLIER)
)
_SQLITE_FORGET = """  DELETE FROM proposal_conflicts WHERE proposal_id = OLD.id;
  DELETE FROM proposal_conflicts WHERE other_id = OLD.id;"""
_PAIR_COLUMNS = "state, starts_at, ends_at, partner_city_id, venue_key"
SQLITE_CONFLICT_TRIGGERS = (
    f"""CREATE TRIGGER proposal_conflicts_insert AFTER INSERT ON proposals WHEN NEW.state IN {PAIR_STATES} BEGIN
{_SQLITE_INSERTS}
END""",
    f"""CREATE TRIGGER proposal_conflicts_update AFTER UPDATE OF {_PAIR_COLUMNS} ON proposals
WHEN OLD.state IS NOT NEW.state OR OLD.starts_at IS NOT NEW.starts_at OR OLD.ends_at IS NOT NEW.ends_at
  OR OLD.partner_city_id IS NOT NEW.partner_city_id OR OLD.venue_key IS NOT NEW.venue_key
BEGIN
{_SQLITE_FORGET}
{_SQLITE_INSERTS}
END""",
    f"""CREATE TRIGGER proposal_conflicts_delete AFTER DELETE ON proposals BEGIN
{_SQLITE_FORGET}
END""",
)

_PG_EARLIER = "{} - interval '92 days'"
# Row triggers here (not per statement as for the counts): their statements take NEW and OLD as parameters, so
# PL/pgSQL keeps their plans for the session; statements over transition tables were planned anew each time
# (≈10–20 ms an UPDATE, measured on the scale data set). A change that touches none of the five columns does
# not call the function (the WHEN of the trigger).
_PG_NEW = ("(SELECT NEW.id AS id, NEW.state AS state, NEW.partner_city_id AS partner_city_id,"
           " NEW.venue_key AS venue_key, NEW.starts_at AS starts_at, NEW.ends_at AS ends_at) AS n")
PG_CONFLICT_FUNCTION = f"""CREATE FUNCTION proposal_conflicts_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    DELETE FROM proposal_conflicts WHERE proposal_id = OLD.id;
    DELETE FROM proposal_conflicts WHERE other_id = OLD.id;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.state IN {PAIR_STATES} THEN
    INSERT INTO proposal_conflicts (proposal_id, other_id) {" UNION ".join(_pairs(_PG_NEW, _PG_EARLIER))}
    ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END
$$"""
_PG_OLD_COLUMNS = ", ".join(f"OLD.{c}" for c in _PAIR_COLUMNS.split(", "))
_PG_NEW_COLUMNS = ", ".join(f"NEW.{c}" for c in _PAIR_COLUMNS.split(", "))
PG_CONFLICT_TRIGGERS = (
    f"CREATE TRIGGER proposal_conflicts_insert AFTER INSERT ON proposals FOR EACH ROW"
    f" WHEN (NEW.state IN {PAIR_STATES}) EXECUTE FUNCTION proposal_conflicts_follow()",
    f"CREATE TRIGGER proposal_conflicts_update AFTER UPDATE OF {_PAIR_COLUMNS} ON proposals FOR EACH ROW"
    f" WHEN (({_PG_OLD_COLUMNS}) IS DISTINCT FROM ({_PG_NEW_COLUMNS})) EXECUTE FUNCTION proposal_conflicts_follow()",
    "CREATE TRIGGER proposal_conflicts_delete AFTER DELETE ON proposals FOR EACH ROW"
    " EXECUTE FUNCTION proposal_conflicts_follow()",
)
# The fill joins all proposals with all events: each side's index range is closed on both ends (the bound on
# n.starts_at follows from the overlap and MAX_EVENT_LENGTH), else the planner, reading the events first,
# scanned every earlier proposal of the partner city or venue for each (an upgrade of 500,000 proposals ran
# for over a quarter of an hour).
FILL_CONFLICTS = {
    "sqlite": [f"INSERT OR IGNORE INTO proposal_conflicts (proposal_id, other_id) {select}"
               f" AND n.starts_at > {_SQLITE_EARLIER.format('o.starts_at')}"
               for select in _pairs("proposals AS n", _SQLITE_EARLIER)[::2]],
    "postgresql": [f"INSERT INTO proposal_conflicts (proposal_id, other_id) {select}"
                   f" AND n.starts_at > {_PG_EARLIER.format('o.starts_at')} ON CONFLICT DO NOTHING"
                   for select in _pairs("proposals AS n", _PG_EARLIER)[::2]],
}


def upgrade():
    op.create_table('proposal_counts',
    sa.Column('state', sa.Enum(*STATES, name='proposalstate', native_enum=False, length=32), nullable=False),
    sa.Column('partner_city_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('kind', sa.Enum(*KINDS, name='eventkind', native_enum=False, length=32), nullable=False),
    sa.Column('n', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('state', 'partner_city_id', 'kind', name=op.f('pk_proposal_counts'))
    )
    op.execute(f"INSERT INTO proposal_counts ({KEY}, n) SELECT {KEY}, count(*) FROM proposals GROUP BY {KEY}")
    op.create_table('proposal_conflicts',
    sa.Column('proposal_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('other_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.PrimaryKeyConstraint('proposal_id', 'other_id', name=op.f('pk_proposal_conflicts'))
    )
    op.create_index(op.f('ix_proposal_conflicts_other_id'), 'proposal_conflicts', ['other_id'], unique=False)
    dialect = op.get_bind().dialect.name
    # Each pair is found from the proposal's side once: as a proposal with its approved events.
    for statement in FILL_CONFLICTS["postgresql" if dialect == "postgresql" else "sqlite"]:
        op.execute(statement)
    if dialect == "postgresql":
        op.execute(PG_FUNCTION)
        op.execute(PG_CONFLICT_FUNCTION)
        for statement in PG_TRIGGERS + PG_CONFLICT_TRIGGERS:
            op.execute(statement)
    else:
        for statement in SQLITE_TRIGGERS + SQLITE_CONFLICT_TRIGGERS:
            op.execute(statement)


def downgrade():
    postgresql = op.get_bind().dialect.name == "postgresql"
    for table in ("proposal_counts", "proposal_conflicts"):
        for name in (f"{table}_insert", f"{table}_delete", f"{table}_update"):
            op.execute(f"DROP TRIGGER {name} ON proposals" if postgresql else f"DROP TRIGGER {name}")
        if postgresql:
            op.execute(f"DROP FUNCTION {table}_follow()")
    op.drop_index(op.f('ix_proposal_conflicts_other_id'), table_name='proposal_conflicts')
    op.drop_table('proposal_conflicts')
    op.drop_table('proposal_counts')
