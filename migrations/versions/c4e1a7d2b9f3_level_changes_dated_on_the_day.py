"""partner level changes: dated on the day they happened (changed_on), not the day they were typed in

Existing rows take the city's date of the moment they were recorded: the best that is known of them.

Revision ID: c4e1a7d2b9f3
Revises: c4a1e07d2f3b
Create Date: 2026-12-01 23:30:00

"""
from datetime import UTC
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "c4e1a7d2b9f3"
down_revision = "c4a1e07d2f3b"
branch_labels = None
depends_on = None


def _city_tz() -> ZoneInfo:
    try:
        from flask import current_app

        return ZoneInfo(current_app.config.get("CITY_TIMEZONE", "Europe/Berlin"))
    except RuntimeError:  # outside the app (alembic on its own)
        return ZoneInfo("Europe/Berlin")


def upgrade():
    with op.batch_alter_table("partner_level_changes", schema=None) as batch_op:
        batch_op.add_column(sa.Column("changed_on", sa.Date(), nullable=True))
    changes = sa.table("partner_level_changes", sa.column("id", sa.Integer), sa.column("at", sa.DateTime),
                       sa.column("changed_on", sa.Date))
    conn = op.get_bind()
    tz = _city_tz()
    for ident, at in conn.execute(sa.select(changes.c.id, changes.c.at)).all():
        # Stored naive in UTC (clubs_exchange.db.UTCDateTime).
        day = at.replace(tzinfo=UTC).astimezone(tz).date()
        conn.execute(sa.update(changes).where(changes.c.id == ident).values(changed_on=day))
    with op.batch_alter_table("partner_level_changes", schema=None) as batch_op:
        batch_op.alter_column("changed_on", existing_type=sa.Date(), nullable=False)


def downgrade():
    with op.batch_alter_table("partner_level_changes", schema=None) as batch_op:
        batch_op.drop_column("changed_on")
