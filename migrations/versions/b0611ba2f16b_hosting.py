"""hosting: host households and their unavailable periods, guests of incoming events, placements, counts kept after a purge, the view log

Revision ID: b0611ba2f16b
Revises: 1b6fcbcf9b2c
Create Date: 2026-11-25 19:29:07.056428

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b0611ba2f16b'
down_revision = '1b6fcbcf9b2c'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('host_households',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('contact_name', sa.String(length=120), nullable=False),
    sa.Column('address', sa.String(length=300), nullable=False),
    sa.Column('phone', sa.String(length=40), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('beds', sa.Integer(), nullable=False),
    sa.Column('languages', sa.String(length=200), nullable=False),
    sa.Column('children', sa.Integer(), nullable=False),
    sa.Column('has_pets', sa.Boolean(), nullable=False),
    sa.Column('pets', sa.String(length=200), nullable=False),
    sa.Column('smoke_free', sa.Boolean(), nullable=False),
    sa.Column('takes_minors', sa.Boolean(), nullable=False),
    sa.Column('caters_dietary', sa.Boolean(), nullable=False),
    sa.Column('accessible', sa.Boolean(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('consent_on', sa.Date(), nullable=False),
    sa.Column('consent_wording', sa.Text(), nullable=False),
    sa.Column('status', sa.Enum('proposed', 'confirmed', name='hoststatus', native_enum=False, length=32), nullable=False),
    sa.Column('proposed_by_id', sa.Integer(), nullable=True),
    sa.Column('confirmed_by_id', sa.Integer(), nullable=True),
    sa.Column('confirmed_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['confirmed_by_id'], ['users.id'], name=op.f('fk_host_households_confirmed_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['proposed_by_id'], ['organisations.id'], name=op.f('fk_host_households_proposed_by_id_organisations'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_host_households'))
    )
    with op.batch_alter_table('host_households', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_host_households_proposed_by_id'), ['proposed_by_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_host_households_status'), ['status'], unique=False)

    op.create_table('host_unavailable_periods',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('household_id', sa.Integer(), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=False),
    sa.ForeignKeyConstraint(['household_id'], ['host_households.id'], name=op.f('fk_host_unavailable_periods_household_id_host_households'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_host_unavailable_periods'))
    )
    with op.batch_alter_table('host_unavailable_periods', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_host_unavailable_periods_household_id'), ['household_id'], unique=False)

    op.create_table('hosting_guests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('proposal_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('date_of_birth', sa.Date(), nullable=True),
    sa.Column('age', sa.Integer(), nullable=True),
    sa.Column('is_minor', sa.Boolean(), nullable=False),
    sa.Column('gender', sa.String(length=40), nullable=False),
    sa.Column('languages', sa.String(length=200), nullable=False),
    sa.Column('dietary_needs', sa.String(length=200), nullable=False),
    sa.Column('allergies', sa.String(length=200), nullable=False),
    sa.Column('pet_allergy', sa.Boolean(), nullable=False),
    sa.Column('accessibility_needs', sa.String(length=200), nullable=False),
    sa.Column('wishes_with', sa.String(length=300), nullable=False),
    sa.Column('parental_consent', sa.Boolean(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['proposal_id'], ['proposals.id'], name=op.f('fk_hosting_guests_proposal_id_proposals'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_hosting_guests'))
    )
    with op.batch_alter_table('hosting_guests', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_hosting_guests_proposal_id'), ['proposal_id'], unique=False)

    op.create_table('hosting_summaries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('proposal_id', sa.Integer(), nullable=False),
    sa.Column('guests_removed', sa.Integer(), nullable=False),
    sa.Column('guests_hosted', sa.Integer(), nullable=False),
    sa.Column('purged_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['proposal_id'], ['proposals.id'], name=op.f('fk_hosting_summaries_proposal_id_proposals'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_hosting_summaries')),
    sa.UniqueConstraint('proposal_id', name=op.f('uq_hosting_summaries_proposal_id'))
    )
    op.create_table('hosting_placements',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('guest_id', sa.Integer(), nullable=False),
    sa.Column('household_id', sa.Integer(), nullable=False),
    sa.Column('proposal_id', sa.Integer(), nullable=False),
    sa.Column('placed_by_id', sa.Integer(), nullable=True),
    sa.Column('placed_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['guest_id'], ['hosting_guests.id'], name=op.f('fk_hosting_placements_guest_id_hosting_guests'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['household_id'], ['host_households.id'], name=op.f('fk_hosting_placements_household_id_host_households'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['placed_by_id'], ['users.id'], name=op.f('fk_hosting_placements_placed_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['proposal_id'], ['proposals.id'], name=op.f('fk_hosting_placements_proposal_id_proposals'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_hosting_placements')),
    sa.UniqueConstraint('guest_id', name=op.f('uq_hosting_placements_guest_id'))
    )
    with op.batch_alter_table('hosting_placements', schema=None) as batch_op:
        batch_op.create_index('ix_hosting_placements_household_id_proposal_id', ['household_id', 'proposal_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_hosting_placements_proposal_id'), ['proposal_id'], unique=False)

    op.create_table('hosting_view_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('what', sa.Enum('hosting_page', 'rooming_list', 'csv_export', 'host', 'guest', 'guest_export', name='viewkind', native_enum=False, length=32), nullable=False),
    sa.Column('proposal_id', sa.Integer(), nullable=True),
    sa.Column('household_id', sa.Integer(), nullable=True),
    sa.Column('guest_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['guest_id'], ['hosting_guests.id'], name=op.f('fk_hosting_view_log_guest_id_hosting_guests'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['household_id'], ['host_households.id'], name=op.f('fk_hosting_view_log_household_id_host_households'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['proposal_id'], ['proposals.id'], name=op.f('fk_hosting_view_log_proposal_id_proposals'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_hosting_view_log_user_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_hosting_view_log'))
    )
    with op.batch_alter_table('hosting_view_log', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_hosting_view_log_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_hosting_view_log_user_id'), ['user_id'], unique=False)



def downgrade():
    with op.batch_alter_table('hosting_view_log', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_hosting_view_log_user_id'))
        batch_op.drop_index(batch_op.f('ix_hosting_view_log_at'))

    op.drop_table('hosting_view_log')
    with op.batch_alter_table('hosting_placements', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_hosting_placements_proposal_id'))
        batch_op.drop_index('ix_hosting_placements_household_id_proposal_id')

    op.drop_table('hosting_placements')
    op.drop_table('hosting_summaries')
    with op.batch_alter_table('hosting_guests', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_hosting_guests_proposal_id'))

    op.drop_table('hosting_guests')
    with op.batch_alter_table('host_unavailable_periods', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_host_unavailable_periods_household_id'))

    op.drop_table('host_unavailable_periods')
    with op.batch_alter_table('host_households', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_host_households_status'))
        batch_op.drop_index(batch_op.f('ix_host_households_proposed_by_id'))

    op.drop_table('host_households')
