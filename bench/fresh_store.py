"""A store of its own for one bench run: a fresh schema in PostgreSQL, dropped after; SQLite as given."""

import tempfile
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from sqlalchemy import text

from mouflow.store.db import make_engine
from ops.stack import Stack, postgres_url_with_schema, running_stack

POSTGRES = "postgresql://postgres@127.0.0.1:5432/test"


def fresh_schema(url: str, prefix: str) -> tuple[str, str | None]:
    """The URL the stack should use, and the schema to drop after (None for SQLite)."""
    if url.startswith("sqlite"):
        return url, None
    schema = f"{prefix}_{uuid.uuid4().hex[:8]}"
    with make_engine(url).begin() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    return postgres_url_with_schema(url, schema), schema


def drop_schema(url: str, schema: str | None) -> None:
    if schema is not None:
        with make_engine(url).begin() as connection:
            connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))


@asynccontextmanager
async def fresh_stack(url: str, name: str, **processes: int) -> AsyncIterator[Stack]:
    """A whole stack (ops.stack.running_stack) in a temporary folder, on a store of its own; all gone after."""
    stack_url, schema = fresh_schema(url, f"bench_{name}")
    try:
        with tempfile.TemporaryDirectory(prefix=f"mouflow-{name}-") as root:
            async with running_stack(Path(root), stack_url, **processes) as stack:
                yield stack
    finally:
        drop_schema(url, schema)
