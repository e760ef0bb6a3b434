"""A database of its own for one benchmark run: a fresh PostgreSQL schema when DATABASE_URL is set, else a
SQLite file in a temporary folder. Migrated to the newest schema, and dropped (or deleted) afterwards."""

import os
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import Engine, text

from mouflow.store.db import make_engine
from mouflow.store.migrate import create_schema
from ops.stack import postgres_url_with_schema

# the audit log's HMAC key for a bench's store: any fixed key will do, the data is thrown away after
BENCH_AUDIT_KEY = b"bench audit key"


@dataclass(frozen=True)
class ScratchDb:
    engine: Engine
    url: str  # what another process passes to make_engine to reach the same data
    backend: str  # "postgresql" or "sqlite"


@contextmanager
def scratch_db(name: str) -> Iterator[ScratchDb]:
    url = os.environ.get("DATABASE_URL")
    if url:
        with _postgres_schema(url, f"bench_{name}_{uuid.uuid4().hex[:8]}") as db:
            yield db
        return
    with tempfile.TemporaryDirectory() as folder:
        sqlite_url = f"sqlite:///{folder}/mouflow.db"
        engine = make_engine(sqlite_url)
        create_schema(engine)
        try:
            yield ScratchDb(engine, sqlite_url, "sqlite")
        finally:
            engine.dispose()


@contextmanager
def _postgres_schema(url: str, schema: str) -> Iterator[ScratchDb]:
    admin = make_engine(url)
    with admin.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    engine = make_engine(url, postgres_schema=schema)
    try:
        create_schema(engine)
        yield ScratchDb(engine, postgres_url_with_schema(url, schema), "postgresql")
    finally:
        engine.dispose()
        with admin.begin() as connection:
            connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()
