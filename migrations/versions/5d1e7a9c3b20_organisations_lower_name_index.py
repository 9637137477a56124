"""organisations: an index on lower(name), id for the search's first matches in name order (issue 14)

Revision ID: 5d1e7a9c3b20
Revises: a519890cbf7e
Create Date: 2026-12-02 18:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5d1e7a9c3b20'
down_revision = 'a519890cbf7e'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index('ix_organisations_lower_name', 'organisations', [sa.text('lower(name)'), 'id'])


def downgrade():
    op.drop_index('ix_organisations_lower_name', table_name='organisations')
