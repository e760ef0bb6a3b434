"""A consistent copy of a running embedded stack's data: `python -m ops.backup DEST`.

DEST (new, or an empty folder) gets the store's and Temporal's SQLite databases, copied with SQLite's
online backup while both keep running, the documents, the key files and `backup.json`. It is made beside
DEST under another name and renamed into place at the end, so a folder named DEST is always whole.
`python -m ops.restore DEST` brings it back (ops.restore).

The order makes the two databases agree. The store is a projection of Temporal: every row in it must be
reproducible from Temporal's copy, and every activity Temporal's copy holds as completed must have its
store write in the store's copy. So the store's write lock is taken first and held while both are copied:
the store's copy then holds only writes of activities Temporal had already scheduled, and no activity can
complete its write while Temporal is copied (a write waits on the lock, up to the store's busy timeout).
An activity that was running is retried after a restore, and store writes are idempotent. Documents are
files named by their hash, written before the row that refers to them, and never changed: copied after
the store, every file a row names is there.
"""

import argparse
import json
import os
import shutil
import sqlite3
import sys
from collections.abc import Iterator, Sequence
from contextlib import closing, contextmanager
from datetime import UTC, datetime
from pathlib import Path

from mouflow.config import Settings
from ops.data_folder import (
    KEY_FILES,
    MANIFEST,
    STORE_DB,
    TEMPORAL_DB,
    DataFolder,
    NotEmbedded,
    check_database,
)

REFUSED = 2
LOCK_TIMEOUT = 30.0  # seconds to wait for a store writer to finish before taking the write lock


def back_up(data: DataFolder, destination: Path) -> dict[str, object]:
    """Copies `data` into `destination`, which must not hold anything; returns what backup.json says."""
    _check_empty(destination)
    if not data.store.exists():  # sqlite3 would make an empty one, and back that up
        raise FileNotFoundError(f"no store at {data.store}: is MOUFLOW_DATA_DIR (or DATABASE_URL) the stack's?")
    if not data.temporal.exists():
        raise NotEmbedded(f"no Temporal database at {data.temporal}: a Temporal cluster backs up its own store")
    partial = destination.with_name(f".{destination.name}.partial")
    shutil.rmtree(partial, ignore_errors=True)  # what an interrupted run left
    partial.mkdir(parents=True)
    with store_write_lock(data.store):
        copy_database(data.store, partial / STORE_DB)
        copy_database(data.temporal, partial / TEMPORAL_DB)
    documents = copy_documents(data, partial)
    keys = copy_keys(data.root, partial)
    manifest = {"made_at": datetime.now(UTC).isoformat(), "documents": documents, "keys": keys}
    (partial / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")
    if destination.exists():
        destination.rmdir()
    partial.rename(destination)
    return manifest


def _check_empty(destination: Path) -> None:
    if destination.exists() and (not destination.is_dir() or any(destination.iterdir())):
        raise FileExistsError(f"{destination} exists and is not an empty folder")


@contextmanager
def store_write_lock(store: Path) -> Iterator[None]:
    """Holds the store's write lock: readers go on (WAL), writers wait. The copy must be made through
    another connection, since SQLite's backup cannot read through one that holds a write transaction."""
    with closing(sqlite3.connect(store, timeout=LOCK_TIMEOUT, isolation_level=None)) as lock:
        lock.execute("BEGIN IMMEDIATE")
        try:
            yield
        finally:
            lock.execute("ROLLBACK")


def copy_database(source: Path, target: Path) -> None:
    """SQLite's online backup, in one step: one read transaction, so the copy is one moment's database."""
    with closing(sqlite3.connect(source, timeout=LOCK_TIMEOUT)) as reader, closing(sqlite3.connect(target)) as copy:
        reader.backup(copy)
    check_database(target)


def copy_documents(data: DataFolder, target_root: Path) -> int:
    if not data.documents.exists():
        return 0
    shutil.copytree(data.documents, target_root / data.documents.name)
    return sum(1 for path in (target_root / data.documents.name).rglob("*.pdf"))


def copy_keys(source_root: Path, target_root: Path) -> list[str]:
    """The keys without which the copy's audit log does not verify and its sealed secrets do not open."""
    copied = []
    for name in KEY_FILES:
        if (source_root / name).exists():
            shutil.copy2(source_root / name, target_root / name)
            os.chmod(target_root / name, 0o600)
            copied.append(name)
    return copied


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ops.backup", description=__doc__.splitlines()[0])
    parser.add_argument("destination", type=Path, help="a new or empty folder")
    args = parser.parse_args(argv)
    settings = Settings()
    try:
        manifest = back_up(DataFolder.of(settings), args.destination)
    except (NotEmbedded, OSError, sqlite3.Error) as error:
        print(f"error: {error}", file=sys.stderr)
        return REFUSED
    print(f"backed up {settings.data_dir} to {args.destination}: {manifest['documents']} document(s)")
    for warning in _key_warnings(settings):
        print(warning)
    return 0


def _key_warnings(settings: Settings) -> list[str]:
    set_outside = {"MOUFLOW_AUDIT_KEY": settings.audit_key, "MOUFLOW_SECRETS_KEY": settings.secrets_key}
    return [
        f"note: {name} is set, so that key is not in the backup: keep it with it"
        for name, key in set_outside.items()
        if key
    ]


if __name__ == "__main__":
    sys.exit(main())
