"""flask backup / flask restore: the demo and a scale data set come back table for table, files included."""

import io
import json
import tarfile

import pytest
import sqlalchemy as sa

from clubs_exchange import backup
from clubs_exchange.auth.models import User
from clubs_exchange.extensions import db as _db
from clubs_exchange.proposals.models import Proposal


@pytest.fixture
def instance(app, tmp_path):
    app.instance_path = str(tmp_path / "instance")
    (tmp_path / "instance" / "partner_images").mkdir(parents=True)
    (tmp_path / "instance" / "partner_images" / "7.webp").write_bytes(b"RIFF-picture-of-Lyon")
    return tmp_path / "instance"


def _damage():
    """What an operator restores from: rows lost and changed, a picture gone."""
    _db.session.execute(sa.delete(Proposal).where(Proposal.id.in_(sa.select(Proposal.id).limit(3))))
    _db.session.execute(sa.update(User).values(name="changed"))
    _db.session.commit()


def test_the_demo_round_trips_table_for_table_with_its_files(app, db, instance, tmp_path):
    from clubs_exchange.demo import seed_demo_data

    seed_demo_data()
    db.session.commit()
    before = backup.table_digests()
    archive = tmp_path / "backups" / "demo.tar.gz"
    result = app.test_cli_runner().invoke(args=["backup", str(archive)])
    assert result.exit_code == 0, result.output
    assert (archive.stat().st_mode & 0o777) == 0o600
    manifest = json.loads(tarfile.open(archive).extractfile("manifest.json").read())
    assert manifest["tables"] == before and manifest["tables"]["proposals"]["rows"] > 10

    _damage()
    (instance / "partner_images" / "7.webp").unlink()
    assert backup.table_digests() != before

    result = app.test_cli_runner().invoke(args=["restore", str(archive), "--yes"])
    assert result.exit_code == 0, result.output
    assert backup.table_digests() == before
    assert (instance / "partner_images" / "7.webp").read_bytes() == b"RIFF-picture-of-Lyon"


def test_a_scale_data_set_round_trips(app, db, instance, tmp_path):
    from clubs_exchange.scale import anchor_month, seed_scale

    seed_scale(0.003, anchor=anchor_month())
    db.session.commit()
    before = backup.table_digests()
    assert before["proposals"]["rows"] >= 300
    archive = tmp_path / "scale.tar.gz"
    backup.backup(archive)
    _damage()
    backup.restore(archive)
    assert backup.table_digests() == before


def test_restore_asks_first_and_refuses_what_is_not_a_backup(app, db, instance, tmp_path):
    archive = tmp_path / "a.tar.gz"
    backup.backup(archive)
    asked = app.test_cli_runner().invoke(args=["restore", str(archive)], input="n\n")
    assert asked.exit_code != 0 and "Replace everything" in asked.output

    not_one = tmp_path / "notes.tar.gz"
    not_one.write_bytes(b"just text")
    refused = app.test_cli_runner().invoke(args=["restore", str(not_one), "--yes"])
    assert refused.exit_code != 0 and "Not a backup archive" in refused.output

    # An archive whose files would land outside the instance folder is refused before anything is replaced.
    evil = tmp_path / "evil.tar.gz"
    with tarfile.open(archive) as good, tarfile.open(evil, "w:gz") as bad:
        for member in good.getmembers():
            bad.addfile(member, good.extractfile(member) if member.isfile() else None)
        data = b"x"
        info = tarfile.TarInfo("files/partner_images/../../../escaped.txt")
        info.size = len(data)
        bad.addfile(info, io.BytesIO(data))
    refused = app.test_cli_runner().invoke(args=["restore", str(evil), "--yes"])
    assert refused.exit_code != 0 and "Unexpected file" in refused.output
    assert not (tmp_path / "escaped.txt").exists()
