"""proposals.public: events in the public calendar (issue 16 part 1); existing events stay off it

Revision ID: a519890cbf7e
Revises: adcdf8066ed3
Create Date: 2026-12-02 14:00:49.676162

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a519890cbf7e'
down_revision = 'adcdf8066ed3'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('proposals', schema=None) as batch_op:
        batch_op.add_column(sa.Column('public', sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade():
    with op.batch_alter_table('proposals', schema=None) as batch_op:
        batch_op.drop_column('public')
