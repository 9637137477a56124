"""notifications keep their message's id and values; partner cities and agreement templates have a language

A notification is shown in its reader's language, read when it is shown: `message_id` (the untranslated message)
and `message_params` (its values) are stored beside `message`, the text as first written, which the rows already
there keep showing. A partner city's `language` (one of the app's languages, or "" for another) is where its
printed certificate and agreement get their second column; it starts from the country. The agreement template
has one text per language: the one row there is keeps NULL, the city's language.

Revision ID: f4c2a8e6b1d9
Revises: e5b2c9d4a7f1
Create Date: 2026-12-02 05:10:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "f4c2a8e6b1d9"
down_revision = 'e5b2c9d4a7f1'
branch_labels = None
depends_on = None

# As clubs_exchange/partners/languages.py has it when this was written (a migration keeps its own copy).
COUNTRY_LANGUAGES = {
    "germany": "de", "deutschland": "de", "austria": "de", "österreich": "de", "liechtenstein": "de",
    "france": "fr", "monaco": "fr",
    "romania": "ro", "românia": "ro", "moldova": "ro", "republic of moldova": "ro",
    "united kingdom": "en", "ireland": "en", "malta": "en",
}


def upgrade():
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.add_column(sa.Column("message_id", sa.String(length=400), nullable=True))
        batch_op.add_column(sa.Column("message_params", sa.JSON(), nullable=True))
    with op.batch_alter_table("partner_cities", schema=None) as batch_op:
        batch_op.add_column(sa.Column("language", sa.String(length=8), nullable=False, server_default=""))
    with op.batch_alter_table("agreement_templates", schema=None) as batch_op:
        batch_op.add_column(sa.Column("language", sa.String(length=8), nullable=True))
        batch_op.create_unique_constraint("uq_agreement_templates_language", ["language"])
    partners = sa.table("partner_cities", sa.column("country", sa.String), sa.column("language", sa.String))
    for country, language in COUNTRY_LANGUAGES.items():
        op.execute(partners.update().where(sa.func.lower(sa.func.trim(partners.c.country)) == country)
                   .values(language=language))


def downgrade():
    with op.batch_alter_table("agreement_templates", schema=None) as batch_op:
        batch_op.drop_constraint("uq_agreement_templates_language", type_="unique")
        batch_op.drop_column("language")
    with op.batch_alter_table("partner_cities", schema=None) as batch_op:
        batch_op.drop_column("language")
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.drop_column("message_params")
        batch_op.drop_column("message_id")
