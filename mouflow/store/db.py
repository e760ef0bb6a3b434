"""Engines and sessions: one `session_scope` that commits or rolls back, used by every writer.

The schema they work on is made by `mouflow.store.migrate.create_schema`.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker


def make_engine(url: str, postgres_schema: str | None = None) -> Engine:
    if not url.startswith("sqlite"):
        options = {"options": f"-c search_path={postgres_schema}"} if postgres_schema else {}
        # as many connections as the API has threads (40), so no thread waits on the pool while holding one
        return create_engine(
            with_psycopg_driver(url), pool_pre_ping=True, pool_size=10, max_overflow=30, connect_args=options
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


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def session_scope(factory: sessionmaker[Session]) -> Iterator[Session]:
    session = factory()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
