"""A write lock the test holds on the store, so the worker's next write waits in the middle of its transaction.

PostgreSQL: `audit_heads` locked in EXCLUSIVE mode, which the store's `SELECT ... FOR UPDATE` of the MoU's
audit head waits for, after the projection rows are written in the same transaction. SQLite: the
whole file, by `BEGIN EXCLUSIVE` (under WAL, readers such as the API still read).
"""

import asyncio
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
from sqlalchemy import make_url

WAITER_TIMEOUT = 20.0  # seconds for the worker's write to reach the lock


class HeldLock:
    def __init__(self, database_url: str) -> None:
        self.url = make_url(database_url)

    @contextmanager
    def held(self) -> Iterator["HeldLock"]:
        with self._sqlite() if self.url.get_backend_name() == "sqlite" else self._postgres():
            yield self

    async def wait_for_a_waiter(self) -> None:
        """Returns once another session waits for the lock: its write is half done and cannot finish."""
        if self.url.get_backend_name() == "sqlite":
            await asyncio.sleep(0.5)  # SQLite shows no waiters; the write reaches its first INSERT long before
            return
        deadline = asyncio.get_running_loop().time() + WAITER_TIMEOUT
        while not self._postgres_waiters():
            assert asyncio.get_running_loop().time() < deadline, "the worker's write never reached the lock"
            await asyncio.sleep(0.05)

    @contextmanager
    def _sqlite(self) -> Iterator[None]:
        connection = sqlite3.connect(self.url.database or "", isolation_level=None)
        try:
            connection.execute("BEGIN EXCLUSIVE")
            yield
            connection.execute("ROLLBACK")
        finally:
            connection.close()

    @contextmanager
    def _postgres(self) -> Iterator[None]:
        with psycopg.connect(self._conninfo()) as connection:  # leaving it rolls back, which releases the lock
            connection.execute("LOCK TABLE audit_heads IN EXCLUSIVE MODE")
            yield
            connection.rollback()

    def _postgres_waiters(self) -> int:
        with psycopg.connect(self._conninfo(), autocommit=True) as connection:
            query = "SELECT count(*) FROM pg_locks WHERE NOT granted AND relation = 'audit_heads'::regclass"
            row = connection.execute(query).fetchone()
            return int(row[0]) if row else 0

    def _conninfo(self) -> str:
        return self.url.set(drivername="postgresql").render_as_string(hide_password=False)
