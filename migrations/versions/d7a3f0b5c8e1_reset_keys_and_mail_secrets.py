"""a reset key per account (a new reset link ends the older ones); the secrets of outbox mails (masked on the page)

Existing accounts get an empty key: a reset link mailed before the upgrade no longer works (ask for a new one).
Existing mails get no secrets: links in mails queued before the upgrade are not masked.

Revision ID: d7a3f0b5c8e1
Revises: 5e5510a9e7d1
Create Date: 2026-12-02 00:30:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "d7a3f0b5c8e1"
down_revision = "5e5510a9e7d1"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("password_reset_key", sa.String(length=32), nullable=False,
                                      server_default=""))
    with op.batch_alter_table("outbox_mails", schema=None) as batch_op:
        batch_op.add_column(sa.Column("secret_values", sa.JSON(), nullable=False, server_default=sa.text("'[]'")))
    # The defaults were for the rows already there; new rows get theirs from the models.
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.alter_column("password_reset_key", existing_type=sa.String(length=32), server_default=None)
    with op.batch_alter_table("outbox_mails", schema=None) as batch_op:
        batch_op.alter_column("secret_values", existing_type=sa.JSON(), server_default=None)


def downgrade():
    with op.batch_alter_table("outbox_mails", schema=None) as batch_op:
        batch_op.drop_column("secret_values")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("password_reset_key")
