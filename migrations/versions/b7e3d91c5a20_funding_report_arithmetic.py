"""funding report: the arithmetic of the final amount as it was shown (issue 13 part 3)

Revision ID: b7e3d91c5a20
Revises: df70300c6972
Create Date: 2026-12-02 13:55:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b7e3d91c5a20'
down_revision = 'df70300c6972'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('funding_applications', schema=None) as batch_op:
        batch_op.add_column(sa.Column('final_arithmetic', sa.Text(), server_default='', nullable=False))


def downgrade():
    with op.batch_alter_table('funding_applications', schema=None) as batch_op:
        batch_op.drop_column('final_arithmetic')
