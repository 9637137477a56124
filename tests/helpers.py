"""What several test modules share that is not a fixture: the test password, counting SQL statements."""

from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from werkzeug.security import generate_password_hash

PASSWORD = "correct horse 42"
# Hashed once: werkzeug's default (scrypt) is slow on purpose, the suite should not be.
PASSWORD_HASH = generate_password_hash(PASSWORD)


@contextmanager
def counted_statements(engine):
    """The SQL statements the engine runs inside the block: pages must keep their number fixed."""
    statements: list[str] = []

    def record(conn, cursor, statement, *args):
        statements.append(statement)

    sa.event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        sa.event.remove(engine, "before_cursor_execute", record)


# --- proposals and events --------------------------------------------------------------------------------


def form_data(organisation, partner, **overrides):
    """What a person fills in: times in city time, the budget as typed."""
    data = {
        "title": "Summer concert with the Chœur de Lyon",
        "kind": "concert",
        "partner_city_id": str(partner.id),
        "organisation_id": str(organisation.id),
        "direction": "incoming",
        "starts_at": "2031-06-12T18:00",
        "ends_at": "2031-06-12T21:30",
        "venue": "Stadthalle",
        "participants_ours": "40",
        "participants_guests": "30",
        "guests_needing_host": "12",
        "budget": "1250,50",
        "description": "Two choirs, one evening, then a reception.",
    }
    data.update(overrides)
    return data


def stored_proposals(db):
    from clubs_exchange.proposals.models import Proposal

    return db.session.scalars(sa.select(Proposal)).all()


def berlin_utc(*args) -> datetime:
    """A time given as Berlin summer time (UTC+2), stored in UTC."""
    return datetime(*args, tzinfo=UTC) - timedelta(hours=2)


def cancel(db, proposal, staff, reason="The hall is flooded."):
    from clubs_exchange.proposals.models import ProposalAction
    from clubs_exchange.proposals.workflow import perform

    perform(proposal, ProposalAction.CANCEL, actor=staff, is_proposer=False, is_staff=True, comment=reason)
    db.session.commit()


def extract_messages(folder) -> bytes:
    """The message template (.pot) of every message in the code today, as `make translations` extracts it."""
    import subprocess
    import sys
    from pathlib import Path

    pot = Path(folder) / "messages.pot"
    subprocess.run(
        [Path(sys.executable).with_name("pybabel"), "extract", "-F", "babel.cfg", "-k", "_l", "-k", "lazy_gettext",
         "-k", "pgettext:1c,2", "-k", "npgettext:1c,2,3", "-k", "lazy_pgettext:1c,2", "-k", "N_",
         "--no-location", "-o", str(pot), "."],
        cwd=Path(__file__).resolve().parents[1], capture_output=True, check=True,
    )
    return pot.read_bytes()


def version_of(model, record_id: int) -> int:
    """The version a page showing the record now carries in its forms (as committed: read from the database)."""
    from clubs_exchange.extensions import db

    return db.session.scalar(sa.select(model.version).where(model.id == record_id))
