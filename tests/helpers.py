"""Small helpers that several test modules share."""

from contextlib import contextmanager

import sqlalchemy as sa


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
