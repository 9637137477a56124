"""users: when the e-mail address was proved, and the key of the latest confirmation link

A self-registered account confirms its address before it can log in. The accounts already there count as
confirmed (they were invited, created by an administrator, or registered before the rule): their email_verified_at
is their created_at.

Revision ID: e3b9c1d5a7f2
Revises: e2b8c4d6f1a3
Create Date: 2026-12-02 04:30:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "e3b9c1d5a7f2"
down_revision = 'e2b8c4d6f1a3'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("email_verified_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("email_verification_key", sa.String(length=32), nullable=False,
                                      server_default=""))
    op.execute(sa.text("UPDATE users SET email_verified_at = created_at"))
    # The default was for the rows already there; new rows get theirs from the model.
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.alter_column("email_verification_key", existing_type=sa.String(length=32), server_default=None)


def downgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("email_verification_key")
        batch_op.drop_column("email_verified_at")
