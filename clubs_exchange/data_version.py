"""One number that changes with every write to the database: the cheap test of whether a cached page is current.

A transaction that inserts, changes or deletes a row (an ORM flush or an INSERT/UPDATE/DELETE run through the
session) adds one to `data_version.version` as it commits, in the same transaction. A reader who sees version v
therefore sees all data committed up to v, so a page rendered after reading v stays right for as long as the
version is v. Reading it is a primary-key lookup. Writes that bypass the session (a migration, raw SQL on an
engine) must call `bump()` themselves or are simply not noticed.

The bump waits for the commit on purpose: the UPDATE locks the one row until the transaction ends, and on
PostgreSQL every other writer queued behind that lock for as long as the first flush's transaction then ran
(the rest of the request: more flushes, mail, rendering). At commit it is held for the commit alone, and a
transaction with many flushes moves the version on once.
"""

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, Session, mapped_column

from clubs_exchange.extensions import db


class DataVersion(db.Model):
    __tablename__ = "data_version"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    version: Mapped[int] = mapped_column(sa.BigInteger, default=0)


_table = DataVersion.__table__
_BUMP = sa.update(_table).where(_table.c.id == 1).values(version=_table.c.version + 1)
_READ = sa.select(_table.c.version).where(_table.c.id == 1)


# Tables whose rows no page shows from the cache (a log of who viewed what, the mail outbox), or shows only
# through a personal part of the page cache's key (a person's unread notifications, page_cache.personal_part):
# writing them empties nobody's pages.
UNVERSIONED_TABLES: set[str] = set()


def unversioned(model):
    """Class decorator: writes to this model do not move the version on."""
    UNVERSIONED_TABLES.add(model.__tablename__)
    return model


def _versioned(obj) -> bool:
    return obj.__table__.name not in UNVERSIONED_TABLES


def current() -> int | None:
    """The current version, or None when the row is missing (nothing can then be cached safely)."""
    return db.session.execute(_READ).scalar()


def current_with(*columns) -> tuple | None:
    """(version, *columns) in one statement (scalar subqueries read along with the version); None without the row."""
    row = db.session.execute(sa.select(_table.c.version, *columns).where(_table.c.id == 1)).first()
    return None if row is None else tuple(row)


# The user id in a statement made once (Reader): sa.bindparam, given its value on each read.
USER_ID = "user_id"


class Reader:
    """(version, *columns) read many times a second, as cheaply as it can be read: the statement (the columns
    may name `sa.bindparam(USER_ID)`) is compiled once per database dialect into its SQL text and run on a
    connection of the engine's pool, outside the ORM session (a page served from the cache needs no session).

    Each read is one statement, seen by the engine's events like any other (tests count them)."""

    def __init__(self, *columns):
        self.statement = sa.select(_table.c.version, *columns).where(_table.c.id == 1)
        self.compiled: dict[str, tuple] = {}

    def _compiled(self, dialect) -> tuple:
        found = self.compiled.get(dialect.name)
        if found is None:
            compiled = self.statement.compile(dialect=dialect)
            defaults = compiled.construct_params({USER_ID: 0} if USER_ID in compiled.binds else {})
            if compiled.positional:
                names = list(compiled.positiontup)
                found = (compiled.string, [defaults[name] for name in names],
                         [i for i, name in enumerate(names) if name == USER_ID])
            else:
                found = (compiled.string, defaults, USER_ID in defaults)
            found = self.compiled[dialect.name] = (compiled.positional, *found)
        return found

    def read(self, user_id: int | None = None) -> tuple | None:
        engine = db.engine
        positional, sql, defaults, slots = self._compiled(engine.dialect)
        if positional:
            params = list(defaults)
            for i in slots:
                params[i] = user_id
            params = tuple(params)
        else:
            params = dict(defaults)
            if slots:
                params[USER_ID] = user_id
        with engine.connect() as connection:
            row = connection.exec_driver_sql(sql, params).first()
        return None if row is None else tuple(row)


def bump(connection: sa.Connection) -> None:
    connection.execute(_BUMP)


# Set in session.info by a write, read and cleared when the transaction commits or ends.
_PENDING = "data_version_pending"


@sa.event.listens_for(Session, "after_flush")
def _after_flush(session: Session, flush_context) -> None:
    # Still the pre-flush lists here; a merely touched object (no net change) is not a write.
    if (
        any(_versioned(obj) for obj in session.new)
        or any(_versioned(obj) for obj in session.deleted)
        or any(_versioned(obj) and session.is_modified(obj) for obj in session.dirty)
    ):
        session.info[_PENDING] = True


@sa.event.listens_for(Session, "do_orm_execute")
def _after_statement(state) -> None:
    if state.is_insert or state.is_update or state.is_delete:
        table = getattr(state.statement, "table", None)
        if table is None or table.name not in UNVERSIONED_TABLES:
            state.session.info[_PENDING] = True


@sa.event.listens_for(Session, "before_commit")
def _before_commit(session: Session) -> None:
    if session.in_nested_transaction():
        return  # a savepoint: the transaction around it commits (and bumps) later
    # What the commit would flush next counts too: flushed here, so that it is seen before the bump.
    session.flush()
    if session.info.pop(_PENDING, False):
        bump(session.connection())


@sa.event.listens_for(Session, "after_transaction_end")
def _after_transaction_end(session: Session, transaction) -> None:
    if transaction.parent is None:  # the outermost one: committed (bumped) or rolled back (nothing written)
        session.info.pop(_PENDING, None)
