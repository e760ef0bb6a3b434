"""A store of its own for one bench run: a fresh schema in PostgreSQL, dropped after; SQLite as given."""

import uuid

from sqlalchemy import text

from mouflow.store.db import make_engine
from ops.stack import postgres_url_with_schema

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
