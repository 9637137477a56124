"""updated_at on organisations and partner cities (the calendar feed's ETag); claims on outbox mails

Revision ID: c4a1e07d2f3b
Revises: b0611ba2f16b
Create Date: 2026-12-01 23:15:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c4a1e07d2f3b'
down_revision = 'b0611ba2f16b'
branch_labels = None
depends_on = None


def upgrade():
    for table in ('organisations', 'partner_cities'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('updated_at', sa.DateTime(), nullable=True))
        # Existing rows: last changed, as far as anyone knows, when they were created.
        op.execute(sa.text(f'UPDATE {table} SET updated_at = created_at'))
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column('updated_at', existing_type=sa.DateTime(), nullable=False)

    with op.batch_alter_table('outbox_mails', schema=None) as batch_op:
        batch_op.add_column(sa.Column('claimed_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('claim_token', sa.String(length=32), nullable=True))


def downgrade():
    with op.batch_alter_table('outbox_mails', schema=None) as batch_op:
        batch_op.drop_column('claim_token')
        batch_op.drop_column('claimed_at')
    for table in ('partner_cities', 'organisations'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('updated_at')
