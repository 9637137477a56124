"""partnerships: partner details, contacts, level history, milestones, candidates, ties

Revision ID: 9db4f47ae27d
Revises: 02669770522f
Partner cities in full (region, population, structure, activities, website, state, friendship terms,
image), their contact people, the history of their relationship level, milestones, the agreement template;
partner candidates and their ties with the home city.

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '9db4f47ae27d'
down_revision = '02669770522f'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('agreement_templates',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_agreement_templates_updated_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agreement_templates'))
    )
    op.create_table('partner_candidates',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('country', sa.String(length=80), nullable=False),
    sa.Column('region', sa.String(length=120), nullable=False),
    sa.Column('population', sa.Integer(), nullable=True),
    sa.Column('structure', sa.Enum('rural', 'mixed', 'urban', 'industrial', name='citystructure', native_enum=False, length=32), nullable=True),
    sa.Column('languages', sa.String(length=200), nullable=False),
    sa.Column('activities', sa.String(length=400), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('source', sa.String(length=120), nullable=False),
    sa.Column('partner_city_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['partner_city_id'], ['partner_cities.id'], name=op.f('fk_partner_candidates_partner_city_id_partner_cities'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_partner_candidates')),
    sa.UniqueConstraint('name', 'country', name=op.f('uq_partner_candidates_name'))
    )
    op.create_table('partner_contacts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('partner_city_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('role', sa.String(length=120), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('phone', sa.String(length=40), nullable=False),
    sa.Column('language', sa.String(length=60), nullable=False),
    sa.ForeignKeyConstraint(['partner_city_id'], ['partner_cities.id'], name=op.f('fk_partner_contacts_partner_city_id_partner_cities'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_partner_contacts'))
    )
    with op.batch_alter_table('partner_contacts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_partner_contacts_partner_city_id'), ['partner_city_id'], unique=False)

    op.create_table('partner_level_changes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('partner_city_id', sa.Integer(), nullable=False),
    sa.Column('from_level', sa.Enum('contact', 'friendship', 'twinning', name='relationshiplevel', native_enum=False, length=32), nullable=True),
    sa.Column('to_level', sa.Enum('contact', 'friendship', 'twinning', name='relationshiplevel', native_enum=False, length=32), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_partner_level_changes_actor_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['partner_city_id'], ['partner_cities.id'], name=op.f('fk_partner_level_changes_partner_city_id_partner_cities'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_partner_level_changes'))
    )
    with op.batch_alter_table('partner_level_changes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_partner_level_changes_partner_city_id'), ['partner_city_id'], unique=False)

    op.create_table('partner_milestones',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('partner_city_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('mayors_visit', 'return_visit', 'council_resolution', 'certificate_signed', 'other', name='milestonekind', native_enum=False, length=32), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('happened_on', sa.Date(), nullable=False),
    sa.Column('place', sa.String(length=200), nullable=False),
    sa.Column('people', sa.Text(), nullable=False),
    sa.Column('signatories', sa.Text(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['partner_city_id'], ['partner_cities.id'], name=op.f('fk_partner_milestones_partner_city_id_partner_cities'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_partner_milestones_recorded_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_partner_milestones'))
    )
    with op.batch_alter_table('partner_milestones', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_partner_milestones_partner_city_id'), ['partner_city_id'], unique=False)

    op.create_table('candidate_ties',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('candidate_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('citizens', 'politicians', 'schools', 'clubs', name='tiekind', native_enum=False, length=32), nullable=False),
    sa.Column('ours', sa.String(length=200), nullable=False),
    sa.Column('theirs', sa.String(length=200), nullable=False),
    sa.Column('since', sa.Date(), nullable=True),
    sa.Column('strength', sa.Enum('loose', 'regular', 'close', name='tiestrength', native_enum=False, length=32), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['candidate_id'], ['partner_candidates.id'], name=op.f('fk_candidate_ties_candidate_id_partner_candidates'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_candidate_ties'))
    )
    with op.batch_alter_table('candidate_ties', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_candidate_ties_candidate_id'), ['candidate_id'], unique=False)

    with op.batch_alter_table('partner_cities', schema=None) as batch_op:
        batch_op.add_column(sa.Column('region', sa.String(length=120), server_default='', nullable=False))
        batch_op.add_column(sa.Column('population', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('structure', sa.Enum('rural', 'mixed', 'urban', 'industrial', name='citystructure', native_enum=False, length=32), nullable=True))
        batch_op.add_column(sa.Column('state', sa.Enum('exploring', 'negotiating', 'active', 'dormant', 'ended', name='partnershipstate', native_enum=False, length=32), server_default='active', nullable=False))
        batch_op.add_column(sa.Column('friendship_until', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('friendship_project', sa.String(length=200), server_default='', nullable=False))
        batch_op.add_column(sa.Column('activities', sa.String(length=400), server_default='', nullable=False))
        batch_op.add_column(sa.Column('website', sa.String(length=300), server_default='', nullable=False))
        batch_op.add_column(sa.Column('image_filename', sa.String(length=120), server_default='', nullable=False))
        batch_op.add_column(sa.Column('image_type', sa.String(length=40), server_default='', nullable=False))



def downgrade():
    with op.batch_alter_table('partner_cities', schema=None) as batch_op:
        batch_op.drop_column('image_type')
        batch_op.drop_column('image_filename')
        batch_op.drop_column('website')
        batch_op.drop_column('activities')
        batch_op.drop_column('friendship_project')
        batch_op.drop_column('friendship_until')
        batch_op.drop_column('state')
        batch_op.drop_column('structure')
        batch_op.drop_column('population')
        batch_op.drop_column('region')

    with op.batch_alter_table('candidate_ties', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_candidate_ties_candidate_id'))

    op.drop_table('candidate_ties')
    with op.batch_alter_table('partner_milestones', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_partner_milestones_partner_city_id'))

    op.drop_table('partner_milestones')
    with op.batch_alter_table('partner_level_changes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_partner_level_changes_partner_city_id'))

    op.drop_table('partner_level_changes')
    with op.batch_alter_table('partner_contacts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_partner_contacts_partner_city_id'))

    op.drop_table('partner_contacts')
    op.drop_table('partner_candidates')
    op.drop_table('agreement_templates')
