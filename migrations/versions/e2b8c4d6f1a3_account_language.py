"""the language a person chose for the app and its mails (nullable: as the browser says)

Revision ID: e2b8c4d6f1a3
Revises: d7a3f0b5c8e1
Create Date: 2026-12-02 04:30:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "e2b8c4d6f1a3"
down_revision = "d7a3f0b5c8e1"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("language", sa.String(length=8), nullable=True))


def downgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("language")
