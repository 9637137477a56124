"""Every migration goes up, down to the base and up again, on SQLite and (when the suite runs there) on
PostgreSQL — in a schema of its own inside the suite's database, so the tables the other tests use stay. After
the round trip the schema is the one the first upgrade made, and it is the schema the models describe."""

import uuid

import pytest
import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from clubs_exchange import create_app
from clubs_exchange.config import database_url_from_env
from clubs_exchange.extensions import db


def _schema(engine, schema: str | None) -> dict:
    inspector = sa.inspect(engine)
    tables = {}
    for table in sorted(inspector.get_table_names(schema=schema)):
        if table == "alembic_version":
            continue
        columns = tuple((c["name"], str(c["type"]).split("(")[0], c["nullable"])
                        for c in inspector.get_columns(table, schema=schema))
        indexes = tuple(sorted((i["name"], tuple(i["column_names"]), bool(i["unique"]))
                               for i in inspector.get_indexes(table, schema=schema)))
        tables[table] = (columns, indexes)
    return tables


@pytest.fixture
def isolated_url(tmp_path):
    """SQLite: a file of its own. PostgreSQL: the suite's database with a schema of its own first on the path."""
    url = database_url_from_env()
    if not url or not url.startswith("postgresql"):
        yield f"sqlite:///{tmp_path}/roundtrip.db", {}, None
        return
    schema = f"roundtrip_{uuid.uuid4().hex[:8]}"
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield url, {"connect_args": {"options": f"-csearch_path={schema}"}}, schema
    finally:
        with engine.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        engine.dispose()


def test_every_migration_goes_up_down_to_the_base_and_up_again(isolated_url):
    url, engine_options, schema = isolated_url
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SQLALCHEMY_ENGINE_OPTIONS": engine_options,
                      "SECRET_KEY": "x", "TESTING": True})
    with app.app_context():
        upgrade()
        first = _schema(db.engine, schema)
        assert {"users", "proposals", "funding_schemes"} <= set(first)
        downgrade(revision="base")
        assert _schema(db.engine, schema) == {}, "tables left after downgrading to the base"
        upgrade()
        assert _schema(db.engine, schema) == first
        # The models describe what the migrations made: nothing for autogenerate to add.
        from alembic.autogenerate import compare_metadata
        from alembic.migration import MigrationContext

        with db.engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": False})
            assert compare_metadata(context, db.metadata) == []
        db.session.remove()
        db.engine.dispose()
