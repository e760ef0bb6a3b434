"""ops.backup and ops.restore on a data folder of small SQLite files, without a stack: what they refuse,
and that a restore replaces a database whole, leaving no WAL of the old one beside it."""

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from mouflow.config import Settings
from ops.backup import back_up
from ops.data_folder import MANIFEST, STORE_DB, TEMPORAL_DB, DataFolder, NotEmbedded
from ops.restore import restore
from ops.up import temporal_command

DOCUMENT = Path("documents/ab/ab12.pdf")


def data_folder(root: Path, marker: str) -> DataFolder:
    """Both databases in WAL mode holding `marker`, one document, an audit key."""
    root.mkdir(parents=True)
    for name in (STORE_DB, TEMPORAL_DB):
        with closing(sqlite3.connect(root / name, isolation_level=None)) as connection:
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("CREATE TABLE t (marker TEXT)")
            connection.execute("INSERT INTO t VALUES (?)", (marker,))
    (root / DOCUMENT).parent.mkdir(parents=True)
    (root / DOCUMENT).write_bytes(b"%PDF " + marker.encode())
    (root / "audit.key").write_text(f"key-{marker}")
    return DataFolder.of(Settings(data_dir=root, database_url=f"sqlite:///{root / STORE_DB}"))


def marker(database: Path) -> str:
    with closing(sqlite3.connect(database)) as connection:
        return str(connection.execute("SELECT marker FROM t").fetchone()[0])


def test_temporal_keeps_its_database_where_the_backup_looks(tmp_path: Path) -> None:
    assert str(tmp_path / TEMPORAL_DB) in temporal_command(Settings(data_dir=tmp_path))


def test_a_restore_refuses_a_folder_in_use_unless_forced(tmp_path: Path) -> None:
    back_up(data_folder(tmp_path / "old", "old"), tmp_path / "copy")
    target = data_folder(tmp_path / "new", "new")
    target.store.with_name(STORE_DB + "-wal").write_bytes(b"not the restored store's")
    with pytest.raises(FileExistsError):
        restore(tmp_path / "copy", target)
    assert marker(target.store) == "new"
    restore(tmp_path / "copy", target, force=True)
    assert (marker(target.store), marker(target.temporal)) == ("old", "old")
    assert not target.store.with_name(STORE_DB + "-wal").exists()
    assert (target.root / DOCUMENT).read_bytes() == b"%PDF old" and (target.root / "audit.key").read_text() == "key-old"


def test_a_backup_goes_only_into_an_empty_folder(tmp_path: Path) -> None:
    data = data_folder(tmp_path / "data", "x")
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "something").write_text("")
    with pytest.raises(FileExistsError):
        back_up(data, tmp_path / "taken")
    (tmp_path / "empty").mkdir()
    back_up(data, tmp_path / "empty")
    assert (tmp_path / "empty" / MANIFEST).exists() and not list(tmp_path.glob(".*partial"))
    assert (tmp_path / "empty" / "audit.key").stat().st_mode & 0o077 == 0


def test_a_store_on_postgresql_is_not_backed_up_here(tmp_path: Path) -> None:
    with pytest.raises(NotEmbedded, match="pg_dump"):
        DataFolder.of(Settings(data_dir=tmp_path, database_url="postgresql://db.example/mouflow"))


def test_a_restore_needs_a_backup(tmp_path: Path) -> None:
    (tmp_path / "not-a-backup").mkdir()
    with pytest.raises(FileNotFoundError, match=MANIFEST):
        restore(tmp_path / "not-a-backup", data_folder(tmp_path / "data", "x"), force=True)
