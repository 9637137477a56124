"""awards: applications for the Council of Europe distinctions, event criteria, memberships of associations

Revision ID: 224eb38582d3
Revises: fcc41af1919c
Create Date: 2026-11-25 19:26:29.918608

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '224eb38582d3'
down_revision = 'fcc41af1919c'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('award_applications',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('stage', sa.Enum('european_diploma', 'flag_of_honour', 'plaque_of_honour', 'europe_prize', name='awardstage', native_enum=False, length=32), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('state', sa.Enum('draft', 'submitted', 'awarded', 'not_awarded', name='applicationstate', native_enum=False, length=32), nullable=False),
    sa.Column('previous_award_year', sa.Integer(), nullable=True),
    sa.Column('period_start', sa.Date(), nullable=False),
    sa.Column('period_end', sa.Date(), nullable=False),
    sa.Column('mayor_letter', sa.Text(), nullable=False),
    sa.Column('dossier', sa.Text(), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('submitted_at', sa.DateTime(), nullable=True),
    sa.Column('decided_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_award_applications')),
    sa.UniqueConstraint('stage', 'year', name=op.f('uq_award_applications_stage'))
    )
    with op.batch_alter_table('award_applications', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_award_applications_state'), ['state'], unique=False)

    op.create_table('award_association_memberships',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('since', sa.Date(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_award_association_memberships'))
    )
    op.create_table('award_application_twin_towns',
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('partner_city_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['award_applications.id'], name=op.f('fk_award_application_twin_towns_application_id_award_applications'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['partner_city_id'], ['partner_cities.id'], name=op.f('fk_award_application_twin_towns_partner_city_id_partner_cities'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('application_id', 'partner_city_id', name=op.f('pk_award_application_twin_towns'))
    )
    with op.batch_alter_table('award_application_twin_towns', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_award_application_twin_towns_partner_city_id'), ['partner_city_id'], unique=False)

    op.create_table('award_event_criteria',
    sa.Column('proposal_id', sa.Integer(), nullable=False),
    sa.Column('criterion', sa.Enum('twinning', 'european_events', 'solidarity', 'associations', name='criterion', native_enum=False, length=32), nullable=False),
    sa.Column('tagged_by_id', sa.Integer(), nullable=True),
    sa.Column('tagged_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['proposal_id'], ['proposals.id'], name=op.f('fk_award_event_criteria_proposal_id_proposals'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tagged_by_id'], ['users.id'], name=op.f('fk_award_event_criteria_tagged_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('proposal_id', name=op.f('pk_award_event_criteria'))
    )


def downgrade():
    op.drop_table('award_event_criteria')
    with op.batch_alter_table('award_application_twin_towns', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_award_application_twin_towns_partner_city_id'))

    op.drop_table('award_application_twin_towns')
    op.drop_table('award_association_memberships')
    with op.batch_alter_table('award_applications', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_award_applications_state'))

    op.drop_table('award_applications')
