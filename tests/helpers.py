"""What several test modules share that is not a fixture: the test password, counting SQL statements."""

from contextlib import contextmanager

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
