"""One number that changes with every write to the database: the cheap test of whether a cached page is current.

Every ORM flush that inserts, changes or deletes a row, and every INSERT/UPDATE/DELETE run through the session,
adds one to `data_version.version` in the same transaction. A reader who sees version v therefore sees all data
committed up to v, so a page rendered after reading v stays right for as long as the version is v. Reading it
is a primary-key lookup. Writes that bypass the session (a migration, raw SQL on an engine) must call `bump()`
themselves or are simply not noticed.
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


# Tables whose rows no page shows from the cache (a log of who viewed what): writing them changes no page.
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


def bump(connection: sa.Connection) -> None:
    connection.execute(_BUMP)


@sa.event.listens_for(Session, "after_flush")
def _after_flush(session: Session, flush_context) -> None:
    # Still the pre-flush lists here; a merely touched object (no net change) is not a write.
    if (
        any(_versioned(obj) for obj in session.new)
        or any(_versioned(obj) for obj in session.deleted)
        or any(_versioned(obj) and session.is_modified(obj) for obj in session.dirty)
    ):
        bump(session.connection())


@sa.event.listens_for(Session, "do_orm_execute")
def _after_statement(state) -> None:
    if state.is_insert or state.is_update or state.is_delete:
        table = getattr(state.statement, "table", None)
        if table is None or table.name not in UNVERSIONED_TABLES:
            bump(state.session.connection())
