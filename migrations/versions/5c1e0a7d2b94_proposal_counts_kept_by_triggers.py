"""proposal_counts: proposals per state, partner city and kind, kept by triggers (the review queue's counts, issue 14)

Revision ID: 5c1e0a7d2b94
Revises: a519890cbf7e
Create Date: 2026-12-02 18:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5c1e0a7d2b94'
down_revision = 'a519890cbf7e'
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
_NEW = f"SELECT {KEY}, 1 AS d FROM proposal_counts_new"
_OLD = f"SELECT {KEY}, -1 AS d FROM proposal_counts_old"
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
    " REFERENCING NEW TABLE AS proposal_counts_new FOR EACH STATEMENT EXECUTE FUNCTION proposal_counts_follow()",
    "CREATE TRIGGER proposal_counts_delete AFTER DELETE ON proposals"
    " REFERENCING OLD TABLE AS proposal_counts_old FOR EACH STATEMENT EXECUTE FUNCTION proposal_counts_follow()",
    "CREATE TRIGGER proposal_counts_update AFTER UPDATE ON proposals"
    " REFERENCING OLD TABLE AS proposal_counts_old NEW TABLE AS proposal_counts_new"
    " FOR EACH STATEMENT EXECUTE FUNCTION proposal_counts_follow()",
)


def upgrade():
    op.create_table('proposal_counts',
    sa.Column('state', sa.Enum(*STATES, name='proposalstate', native_enum=False, length=32), nullable=False),
    sa.Column('partner_city_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('kind', sa.Enum(*KINDS, name='eventkind', native_enum=False, length=32), nullable=False),
    sa.Column('n', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('state', 'partner_city_id', 'kind', name=op.f('pk_proposal_counts'))
    )
    op.execute(f"INSERT INTO proposal_counts ({KEY}, n) SELECT {KEY}, count(*) FROM proposals GROUP BY {KEY}")
    if op.get_bind().dialect.name == "postgresql":
        op.execute(PG_FUNCTION)
        for statement in PG_TRIGGERS:
            op.execute(statement)
    else:
        for statement in SQLITE_TRIGGERS:
            op.execute(statement)


def downgrade():
    for name in ("proposal_counts_insert", "proposal_counts_delete", "proposal_counts_update"):
        if op.get_bind().dialect.name == "postgresql":
            op.execute(f"DROP TRIGGER {name} ON proposals")
        else:
            op.execute(f"DROP TRIGGER {name}")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION proposal_counts_follow()")
    op.drop_table('proposal_counts')
