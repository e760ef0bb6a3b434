"""Brings a backup made by `python -m ops.backup` back: `python -m ops.restore SRC [--force]`.

Restores into the data folder the settings name (MOUFLOW_DATA_DIR; the store into DATABASE_URL's SQLite
file if it names one), which must be empty, or `--force` replaces what the backup holds there. Stop the
stack first: the databases are copied as files. Every database is checked whole before anything is copied.
Then `./scripts/up` (or the worker and the API) starts on it: the workflows go on from where the copy
left them, and activities that were running when it was made are retried.
"""

import argparse
import json
import shutil
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path

from mouflow.config import Settings
from ops.data_folder import (
    DOCUMENTS,
    KEY_FILES,
    MANIFEST,
    SQLITE_SIDE_FILES,
    STORE_DB,
    TEMPORAL_DB,
    DataFolder,
    NotEmbedded,
    check_database,
)

REFUSED = 2


def restore(source: Path, data: DataFolder, *, force: bool = False) -> dict[str, object]:
    """Returns what the backup's backup.json says of it."""
    manifest = _read_manifest(source)
    for name in (STORE_DB, TEMPORAL_DB):
        check_database(source / name)
    if not force:
        _check_empty(data)
    for database in (data.store, data.temporal):
        _remove_database(database)
    shutil.rmtree(data.documents, ignore_errors=True)
    data.root.mkdir(parents=True, exist_ok=True)
    data.store.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source / STORE_DB, data.store)
    shutil.copyfile(source / TEMPORAL_DB, data.temporal)
    if (source / DOCUMENTS).exists():
        shutil.copytree(source / DOCUMENTS, data.documents)
    for name in KEY_FILES:
        if (source / name).exists():
            shutil.copy2(source / name, data.root / name)  # the backup kept it owner-only
    return manifest


def _read_manifest(source: Path) -> dict[str, object]:
    try:
        manifest: dict[str, object] = json.loads((source / MANIFEST).read_text())
    except FileNotFoundError:
        raise FileNotFoundError(f"{source} is not a backup made by ops.backup: it has no {MANIFEST}") from None
    return manifest


def _check_empty(data: DataFolder) -> None:
    # the store's file is named too: DATABASE_URL may put it outside the data folder
    if (data.root.exists() and any(data.root.iterdir())) or data.store.exists():
        raise FileExistsError(f"{data.root} is not empty; pass --force to replace what the backup holds there")


def _remove_database(path: Path) -> None:
    """The file and what SQLite left beside it: a stale WAL would be replayed into the restored file."""
    for leftover in (path, *(path.with_name(path.name + suffix) for suffix in SQLITE_SIDE_FILES)):
        leftover.unlink(missing_ok=True)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ops.restore", description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="a folder made by python -m ops.backup")
    parser.add_argument("--force", action="store_true", help="replace the data folder's databases, documents, keys")
    args = parser.parse_args(argv)
    settings = Settings()
    try:
        manifest = restore(args.source, DataFolder.of(settings), force=args.force)
    except (NotEmbedded, OSError, sqlite3.Error) as error:
        print(f"error: {error}", file=sys.stderr)
        return REFUSED
    print(f"restored {args.source} (made {manifest.get('made_at')}) into {settings.data_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
