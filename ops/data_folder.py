"""What an embedded stack keeps in its data folder, and how a backup holds the same things.

A backup folder has the data folder's layout, plus `backup.json`, so restoring it is copying it back.
"""

import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url

from mouflow import audit_key, sealed_secrets
from mouflow.config import Settings

STORE_DB = "mouflow.db"  # the name in a backup, whatever the store's file is called
TEMPORAL_DB = "temporal.db"  # Temporal's own file, which ops.up's temporal_command hands the dev server
DOCUMENTS = "documents"  # mouflow.documents.storage DiskStorage
KEY_FILES = (audit_key.KEY_FILE, sealed_secrets.KEY_FILE)
MANIFEST = "backup.json"
SQLITE_SIDE_FILES = ("-wal", "-shm", "-journal")  # left beside a database, they would be applied to another


class NotEmbedded(Exception):
    """The stack's data is not all in SQLite files on this machine: the README says how to back it up."""


@dataclass(frozen=True)
class DataFolder:
    root: Path
    store: Path  # the store's SQLite file: in the folder unless DATABASE_URL names another

    @classmethod
    def of(cls, settings: Settings) -> "DataFolder":
        url = make_url(settings.resolved_database_url)
        if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
            raise NotEmbedded(
                f"the store is {url.get_backend_name()}, not a SQLite file: back it up with its own tools "
                "(pg_dump or pg_basebackup; see README, Backup and restore)"
            )
        return cls(root=settings.data_dir, store=Path(url.database))

    @property
    def temporal(self) -> Path:
        return self.root / TEMPORAL_DB

    @property
    def documents(self) -> Path:
        return self.root / DOCUMENTS


def check_database(path: Path) -> None:
    """Raises sqlite3.DatabaseError unless the file is a whole, sound SQLite database."""
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as connection:
        (verdict,) = connection.execute("PRAGMA quick_check").fetchone()
    if verdict != "ok":
        raise sqlite3.DatabaseError(f"{path}: {verdict}")
