"""content in other languages: the language of proposals' and partner cities' texts, a partner city's description,
and translations of those texts written by people

Existing proposals and partner cities get no language: their texts read as written in the city's language
(BABEL_DEFAULT_LOCALE).

Revision ID: e5b2c9d4a7f1
Revises: e8b4c1d6f2a9
Create Date: 2026-12-02 05:00:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "e5b2c9d4a7f1"
down_revision = 'e8b4c1d6f2a9'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("proposals", schema=None) as batch_op:
        batch_op.add_column(sa.Column("language", sa.String(length=8), nullable=True))
    with op.batch_alter_table("partner_cities", schema=None) as batch_op:
        batch_op.add_column(sa.Column("description", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("description_language", sa.String(length=8), nullable=True))
    op.create_table(
        "text_translations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("proposal_id", sa.Integer(), nullable=True),
        sa.Column("partner_city_id", sa.Integer(), nullable=True),
        sa.Column("field", sa.Enum("title", "description", name="translatedfield", native_enum=False, length=32),
                  nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("written_by_id", sa.Integer(), nullable=True),
        sa.Column("written_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("(proposal_id IS NULL) <> (partner_city_id IS NULL)",
                           name=op.f("ck_text_translations_one_subject")),
        sa.ForeignKeyConstraint(["partner_city_id"], ["partner_cities.id"],
                                name=op.f("fk_text_translations_partner_city_id_partner_cities"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["proposal_id"], ["proposals.id"],
                                name=op.f("fk_text_translations_proposal_id_proposals"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["written_by_id"], ["users.id"],
                                name=op.f("fk_text_translations_written_by_id_users"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_text_translations")),
        sa.UniqueConstraint("partner_city_id", "field", "language",
                            name=op.f("uq_text_translations_partner_city_id")),
        sa.UniqueConstraint("proposal_id", "field", "language", name=op.f("uq_text_translations_proposal_id")),
    )
    with op.batch_alter_table("text_translations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_text_translations_partner_city_id"), ["partner_city_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_text_translations_proposal_id"), ["proposal_id"], unique=False)


def downgrade():
    with op.batch_alter_table("text_translations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_text_translations_proposal_id"))
        batch_op.drop_index(batch_op.f("ix_text_translations_partner_city_id"))
    op.drop_table("text_translations")
    with op.batch_alter_table("partner_cities", schema=None) as batch_op:
        batch_op.drop_column("description_language")
        batch_op.drop_column("description")
    with op.batch_alter_table("proposals", schema=None) as batch_op:
        batch_op.drop_column("language")
