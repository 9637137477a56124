"""`flask backup PATH` and `flask restore PATH`: the database and the uploaded files of instance/ in one archive.

The archive (a .tar.gz) holds
- `database.sqlite` — SQLite, copied through its online backup API, so the app may keep running and writing
  meanwhile (every page of one consistent moment); or `database.pgdump` — PostgreSQL, `pg_dump --format=custom`
  (one snapshot; run from the machine's PostgreSQL client of the server's major version);
- `files/<folder>/...` — the uploaded files (BACKUP_FOLDERS of the instance folder: the partner cities' pictures);
- `manifest.json` — when, which database kind, the schema revision, and each table's rows and checksum, which
  `flask restore` checks after restoring.
Not in it: the instance's `secret_key` and `config.py` (secrets and settings belong to the deployment, not to
the data: a restored database on a host with another key only ends the sessions and links in flight).

Restore replaces the database's contents and the files with the archive's: stop the app hosts first, then
`flask restore PATH --yes`, then `flask db upgrade` (an archive of an older release has an older schema).
"""

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import click
import sqlalchemy as sa
from flask import current_app

from clubs_exchange import clock
from clubs_exchange.extensions import db

MANIFEST = "manifest.json"
FORMAT = 1


class BackupError(click.ClickException):
    pass


# ---- what a table holds ---------------------------------------------------------------------------------------

def _plain(value):
    if isinstance(value, datetime):
        return value.replace(tzinfo=None).isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return bytes(value).hex()
    if isinstance(value, bool):
        return int(value)
    return value


def table_digests(connection: sa.Connection | None = None) -> dict[str, dict]:
    """Each table's row count and a checksum of its contents (rows in primary-key order, values in a form both
    databases give alike), for the manifest and the checks after a restore."""
    if connection is None:
        with db.engine.connect() as own:
            return table_digests(own)
    digests = {}
    for table in db.metadata.sorted_tables:
        order = list(table.primary_key.columns) or list(table.columns)
        digest, rows = hashlib.sha256(), 0
        for row in connection.execute(sa.select(table).order_by(*order)):
            digest.update(json.dumps([_plain(v) for v in row], default=str).encode())
            digest.update(b"\n")
            rows += 1
        digests[table.name] = {"rows": rows, "sha256": digest.hexdigest()}
    return digests


def _revision() -> str | None:
    with db.engine.connect() as connection:
        try:
            return connection.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()
        except sa.exc.DBAPIError:
            return None


# ---- the database kinds ---------------------------------------------------------------------------------------

def _sqlite_path() -> Path:
    database = db.engine.url.database
    if not database or database == ":memory:":
        raise BackupError("An in-memory SQLite database cannot be backed up.")
    return Path(database)


def _pg_command(program: str, *args: str) -> tuple[list[str], dict]:
    """A libpq command for the app's database: host, port, user and name as arguments, the password only in the
    environment (never on a command line other users of the machine can read)."""
    url = db.engine.url
    command = [program, "--no-password"]
    if url.host:
        command += ["--host", url.host]
    if url.port:
        command += ["--port", str(url.port)]
    if url.username:
        command += ["--username", url.username]
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    return [*command, *args, "--dbname", url.database or "postgres"], env


def _run(command: list[str], env: dict) -> None:
    if shutil.which(command[0]) is None:
        raise BackupError(f"{command[0]} is not installed (Debian: apt-get install postgresql-client).")
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()[:2000]}")


def _dump_database(folder: Path) -> tuple[str, dict]:
    """The database's copy in `folder`, and the digests of exactly what the copy holds (the app may write
    meanwhile: SQLite's copy is read back; PostgreSQL's dump and the digests read one exported snapshot)."""
    if db.engine.dialect.name == "sqlite":
        target = folder / "database.sqlite"
        source = sqlite3.connect(_sqlite_path())
        copy = sqlite3.connect(target)
        try:
            source.backup(copy)  # the online backup API: consistent while the app writes
        finally:
            copy.close()
            source.close()
        engine = sa.create_engine(f"sqlite:///{target}")
        try:
            with engine.connect() as connection:
                return target.name, table_digests(connection)
        finally:
            engine.dispose()
    if db.engine.dialect.name == "postgresql":
        target = folder / "database.pgdump"
        with db.engine.connect() as connection:
            connection = connection.execution_options(isolation_level="REPEATABLE READ")
            with connection.begin():
                snapshot = connection.execute(sa.text("SELECT pg_export_snapshot()")).scalar()
                command, env = _pg_command("pg_dump", "--format=custom", "--no-owner", "--no-privileges",
                                           f"--snapshot={snapshot}", "--file", str(target))
                _run(command, env)
                return target.name, table_digests(connection)
    raise BackupError(f"Backups of {db.engine.dialect.name} databases are not supported.")


def _restore_database(folder: Path, name: str) -> None:
    db.session.remove()
    db.engine.dispose()
    if name == "database.sqlite":
        if db.engine.dialect.name != "sqlite":
            raise BackupError("This archive holds a SQLite database; the app's database is PostgreSQL.")
        source = sqlite3.connect(folder / name)
        target = sqlite3.connect(_sqlite_path())
        try:
            source.backup(target)
        finally:
            target.close()
            source.close()
    elif name == "database.pgdump":
        if db.engine.dialect.name != "postgresql":
            raise BackupError("This archive holds a PostgreSQL dump; the app's database is SQLite.")
        # Empty the schema first, so that tables of a newer release than the archive's do not stay behind.
        with db.engine.begin() as connection:
            connection.execute(sa.text("DROP SCHEMA public CASCADE"))
            connection.execute(sa.text("CREATE SCHEMA public"))
        command, env = _pg_command("pg_restore", "--no-owner", "--no-privileges", "--single-transaction",
                                   "--exit-on-error", str(folder / name))
        _run(command, env)
    else:
        raise BackupError(f"Unknown database file in the archive: {name}")
    db.engine.dispose()


# ---- the files ------------------------------------------------------------------------------------------------

def _folders() -> list[str]:
    return list(current_app.config.get("BACKUP_FOLDERS", ("partner_images",)))


def backup(path: Path) -> dict:
    """Write the archive; returns its manifest."""
    instance = Path(current_app.instance_path)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        database_file, digests = _dump_database(folder)
        manifest = {
            "format": FORMAT,
            "created_at": clock.utcnow().isoformat(),
            "database": db.engine.dialect.name,
            "database_file": database_file,
            "revision": _revision(),
            "tables": digests,
            "folders": _folders(),
        }
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(path.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            data = json.dumps(manifest, indent=2).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mtime = len(data), int(clock.utcnow().timestamp())
            archive.addfile(info, io.BytesIO(data))
            archive.add(folder / database_file, arcname=database_file)
            for name in manifest["folders"]:
                if (instance / name).is_dir():
                    archive.add(instance / name, arcname=f"files/{name}")
        os.chmod(partial, 0o600)  # password hashes and personal data: for the operator only
        partial.replace(path)  # a finished archive or none: never half of one under the name
    return manifest


def _safe_members(archive: tarfile.TarFile, folders: list[str]) -> list[tarfile.TarInfo]:
    allowed = [f"files/{name}" for name in folders]
    members = []
    for member in archive.getmembers():
        if member.name in (MANIFEST,) or member.name.startswith("database."):
            continue
        if not any(member.name == a or member.name.startswith(a + "/") for a in allowed):
            raise BackupError(f"Unexpected file in the archive: {member.name}")
        if not (member.isfile() or member.isdir()) or ".." in Path(member.name).parts:
            raise BackupError(f"Unexpected file in the archive: {member.name}")
        members.append(member)
    return members


def restore(path: Path) -> dict:
    """Replace the database and the files with the archive's; returns its manifest after checking every table's
    rows and checksum against it."""
    instance = Path(current_app.instance_path)
    try:
        archive = tarfile.open(path, "r:gz")
    except (OSError, tarfile.TarError) as error:
        raise BackupError(f"Not a backup archive: {path} ({error})") from error
    with archive, tempfile.TemporaryDirectory() as tmp:
        try:
            manifest = json.loads(archive.extractfile(MANIFEST).read())
        except (KeyError, AttributeError, json.JSONDecodeError) as error:
            raise BackupError("The archive has no readable manifest.") from error
        if manifest.get("format") != FORMAT:
            raise BackupError(f"Unknown archive format {manifest.get('format')!r}.")
        folder = Path(tmp)
        members = _safe_members(archive, manifest["folders"])
        archive.extract(manifest["database_file"], folder, filter="data")
        _restore_database(folder, manifest["database_file"])
        for name in manifest["folders"]:
            shutil.rmtree(instance / name, ignore_errors=True)
        archive.extractall(folder / "files_root", members=members, filter="data")
        for name in manifest["folders"]:
            if (folder / "files_root" / "files" / name).is_dir():
                shutil.copytree(folder / "files_root" / "files" / name, instance / name)
    found = table_digests()
    differ = sorted(name for name, digest in manifest["tables"].items() if found.get(name) != digest)
    if differ:
        raise BackupError("After the restore these tables differ from the archive: " + ", ".join(differ))
    return manifest


# ---- the commands ---------------------------------------------------------------------------------------------

@click.command("backup")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
def backup_command(path: Path) -> None:
    """Write the database and the uploaded files to PATH (a .tar.gz), while the app runs."""
    manifest = backup(path)
    rows = sum(t["rows"] for t in manifest["tables"].values())
    click.echo(f"Backup written to {path}: {len(manifest['tables'])} tables, {rows:,} rows, "
               f"schema {manifest['revision']}.")


@click.command("restore")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask: replace the database and the files.")
def restore_command(path: Path, yes: bool) -> None:
    """Replace the database and the uploaded files with a backup's (stop the app hosts first)."""
    if not yes:
        click.confirm(f"Replace everything in {db.engine.url.render_as_string(hide_password=True)} with {path}?",
                      abort=True)
    manifest = restore(path)
    rows = sum(t["rows"] for t in manifest["tables"].values())
    click.echo(f"Restored {path} ({manifest['created_at']}): {len(manifest['tables'])} tables, {rows:,} rows, "
               f"each as in the archive. Now run `flask db upgrade`.")
