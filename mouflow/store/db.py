"""Engines and sessions, and the one way a transaction ends: committed when its work is done, rolled back
when it raised. `session_scope` is that for everything outside a request; a request's session ends the
same way (api/deps.py), and a request that hands its connection back early ends its transaction with
`transaction` (api/workflows.py `release_connection`).

The schema they work on is made by `mouflow.store.migrate.create_schema`.
"""

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from mouflow.store.audit_hashes import AUDIT_KEY

log = logging.getLogger(__name__)


# as many connections as the API has threads (40), so no thread waits on the pool while holding one;
# the settings change them per process (database_pool_size, database_max_overflow)
POOL_SIZE, MAX_OVERFLOW = 10, 30


def make_engine(
    url: str, postgres_schema: str | None = None, *, pool_size: int = POOL_SIZE, max_overflow: int = MAX_OVERFLOW
) -> Engine:
    if not url.startswith("sqlite"):
        options = {"options": f"-c search_path={postgres_schema}"} if postgres_schema else {}
        return create_engine(
            with_psycopg_driver(url),
            pool_pre_ping=True,
            pool_size=pool_size,
            max_overflow=max_overflow,
            connect_args=options,
        )
    engine = create_engine(url, connect_args={"timeout": 30})
    event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def with_psycopg_driver(url: str) -> str:
    """`postgresql://` as ops write it means psycopg 3 here, the driver we install."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url.removeprefix(prefix)
    return url


def _sqlite_pragmas(connection: Any, _record: Any) -> None:
    # WAL lets the API read while the worker writes; foreign keys are off by default in SQLite
    cursor = connection.cursor()
    for pragma in ("journal_mode=WAL", "synchronous=NORMAL", "foreign_keys=ON", "busy_timeout=30000"):
        cursor.execute(f"PRAGMA {pragma}")
    cursor.close()


def session_factory(engine: Engine, *, audit_key: bytes) -> sessionmaker[Session]:
    """`audit_key` (mouflow.audit_key) keys the audit log's hashes; every session carries it to the log."""
    return sessionmaker(engine, expire_on_commit=False, info={AUDIT_KEY: audit_key})


def insert_unless_present(session: Session, entity: type[Any], values: dict[str, Any]) -> None:
    """INSERT … ON CONFLICT DO NOTHING in the database's own dialect: a row two writers may both add first.
    Being a write, on SQLite it also takes the database's write lock, which stands in for FOR UPDATE there."""
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    session.execute(dialect.insert(entity).values(values).on_conflict_do_nothing())


@contextmanager
def session_scope(factory: sessionmaker[Session]) -> Iterator[Session]:
    with transaction(factory()) as session:
        yield session


@contextmanager
def transaction(session: Session) -> Iterator[Session]:
    """Commits what the block did, or rolls it back when the block raises; then the connection goes back to
    the pool. The session stays usable: its next query checks a connection out again."""
    try:
        yield session
    except BaseException:
        end_transaction(session, commit=False)
        raise
    end_transaction(session, commit=True)


def end_transaction(session: Session, *, commit: bool) -> None:
    try:
        if commit:
            session.commit()  # a commit that fails is the caller's error: what it did was not kept
    finally:
        _close(session)


def _close(session: Session) -> None:
    """Rolls back whatever was not committed, and hands the connection back. A connection that dies on its
    way back changes nothing: what was committed stays, and the error that ended the block is the one to hear."""
    try:
        session.close()
    except DBAPIError as error:
        log.warning("closing a database session failed: %s", error)
