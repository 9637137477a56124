"""The outbox every mail goes through, in-app notifications, staff mail preferences

Revision ID: fcc41af1919c
Revises: 9db4f47ae27d
Create Date: 2026-11-25 19:27:12.023225

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'fcc41af1919c'
down_revision = '9db4f47ae27d'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('outbox_mails',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('recipient', sa.String(length=254), nullable=False),
    sa.Column('subject', sa.String(length=300), nullable=False),
    sa.Column('text_body', sa.Text(), nullable=False),
    sa.Column('html_body', sa.Text(), nullable=False),
    sa.Column('state', sa.Enum('queued', 'sent', 'failed', 'logged', name='mailstate', native_enum=False, length=32), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('last_error', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('sent_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outbox_mails'))
    )
    with op.batch_alter_table('outbox_mails', schema=None) as batch_op:
        batch_op.create_index('ix_outbox_mails_state_id', ['state', 'id'], unique=False)

    op.create_table('notification_preferences',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('submitted_mail', sa.Enum('each', 'digest', 'none', name='submittedmail', native_enum=False, length=32), nullable=False),
    sa.Column('last_digest_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_notification_preferences_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_notification_preferences'))
    )
    op.create_table('notifications',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('proposal_submitted', 'changes_requested', 'approved', 'rejected', 'cancelled', 'interest_fits', name='notificationkind', native_enum=False, length=32), nullable=False),
    sa.Column('message', sa.String(length=400), nullable=False),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('link', sa.String(length=300), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('read_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_notifications_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notifications'))
    )
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.create_index('ix_notifications_user_id_id', ['user_id', 'id'], unique=False)
        batch_op.create_index('ix_notifications_user_id_read_at', ['user_id', 'read_at'], unique=False)



def downgrade():
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.drop_index('ix_notifications_user_id_read_at')
        batch_op.drop_index('ix_notifications_user_id_id')

    op.drop_table('notifications')
    op.drop_table('notification_preferences')
    with op.batch_alter_table('outbox_mails', schema=None) as batch_op:
        batch_op.drop_index('ix_outbox_mails_state_id')

    op.drop_table('outbox_mails')
