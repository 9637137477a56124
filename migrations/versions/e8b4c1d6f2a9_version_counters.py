"""a version counter on proposals, placements, award applications and host households (optimistic locking)

Every UPDATE of these rows checks the version it read and bumps it, so of two people deciding the same record at
once one is recorded and the other is told it changed meanwhile. Existing rows start at version 1; the server
default stays, for bulk inserts that bypass the ORM (seed-scale).

Revision ID: e8b4c1d6f2a9
Revises: e3b9c1d5a7f2
Create Date: 2026-12-02 04:15:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "e8b4c1d6f2a9"
down_revision = 'e3b9c1d5a7f2'
branch_labels = None
depends_on = None

TABLES = ("proposals", "hosting_placements", "award_applications", "host_households")


def upgrade():
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))


def downgrade():
    for table in reversed(TABLES):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("version")
