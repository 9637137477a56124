"""users: a session generation, moved on to end every session of the person (logout, new password, ...)

Sessions and remember-me cookies from before carry no generation and are refused: everybody logs in once more.

Revision ID: 5e5510a9e7d1
Revises: c4e1a7d2b9f3
Create Date: 2026-12-02 00:50:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "5e5510a9e7d1"
down_revision = "c4e1a7d2b9f3"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("session_generation", sa.Integer(), server_default="0", nullable=False))


def downgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("session_generation")
