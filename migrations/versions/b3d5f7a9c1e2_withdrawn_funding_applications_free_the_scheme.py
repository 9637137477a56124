"""funding applications: one per event and scheme that is not withdrawn (a partial unique index instead of the
unique constraint), so a withdrawn application stays as history and the scheme can be planned again

Revision ID: b3d5f7a9c1e2
Revises: b7d2e4f6a8c1
Create Date: 2026-12-02 18:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b3d5f7a9c1e2'
down_revision = 'b7d2e4f6a8c1'
branch_labels = None
depends_on = None

NOT_WITHDRAWN = sa.text("state != 'withdrawn'")


def upgrade():
    with op.batch_alter_table('funding_applications', schema=None) as batch_op:
        batch_op.drop_constraint('uq_funding_applications_proposal_scheme', type_='unique')
    op.create_index('uq_funding_applications_proposal_scheme', 'funding_applications', ['proposal_id', 'scheme_id'],
                    unique=True, sqlite_where=NOT_WITHDRAWN, postgresql_where=NOT_WITHDRAWN)


def downgrade():
    # Back to one application per event and scheme, withdrawn or not: the withdrawn ones that have a later
    # application to the same scheme cannot stay under the old constraint and are deleted, their reminders first
    # (SQLite runs without foreign keys here, so ON DELETE CASCADE would not).
    superseded = ("SELECT id FROM funding_applications AS a WHERE a.state = 'withdrawn' AND EXISTS ("
                  "SELECT 1 FROM funding_applications AS later WHERE later.proposal_id = a.proposal_id"
                  " AND later.scheme_id = a.scheme_id AND later.id > a.id)")
    op.execute(sa.text(f"DELETE FROM funding_reminders WHERE application_id IN ({superseded})"))
    op.execute(sa.text(f"DELETE FROM funding_applications WHERE id IN ({superseded})"))
    op.drop_index('uq_funding_applications_proposal_scheme', table_name='funding_applications')
    with op.batch_alter_table('funding_applications', schema=None) as batch_op:
        batch_op.create_unique_constraint('uq_funding_applications_proposal_scheme', ['proposal_id', 'scheme_id'])
