"""PostgreSQL schemas for the tests: migrated once, emptied back to their first state for the next test.

Migrating a fresh schema costs PostgreSQL about half a second of DDL, a third of a PostgreSQL test's own
time. So each pytest process keeps the schemas its tests are done with: a test's schema is truncated
(sequences restarted) and given back the rows the migrations seeded (the audit head, Alembic's version),
which is what a fresh migration leaves, and the next test takes it. A schema that cannot be emptied at
once (a connection a test left behind still holds a lock) is dropped instead, as before.
"""

import uuid
from typing import Any

from sqlalchemy import Engine, MetaData, select, text

from mouflow.store.db import make_engine
from mouflow.store.migrate import create_schema

LOCK_TIMEOUT = "2s"


class SchemaPool:
    def __init__(self, url: str) -> None:
        self.url = url
        self._admin = make_engine(url)
        self._free: list[str] = []
        self._tables: list[str] = []
        self._seeded: dict[str, list[dict[str, Any]]] = {}  # the rows the migrations left, by table
        self.made = self.reused = 0

    def take(self) -> str:
        if self._free:
            self.reused += 1
            return self._free.pop()
        schema = f"t_{uuid.uuid4().hex[:12]}"
        with self._admin.begin() as connection:
            connection.execute(text(f"CREATE SCHEMA {schema}"))
        engine = make_engine(self.url, postgres_schema=schema)
        try:
            create_schema(engine)
            if not self._tables:
                self._tables, self._seeded = _contents(engine, schema)
        finally:
            engine.dispose()
        self.made += 1
        return schema

    def give_back(self, schema: str) -> None:
        try:
            self._empty(schema)
        except Exception:
            self.drop(schema)
            return
        self._free.append(schema)

    def drop(self, schema: str) -> None:
        with self._admin.begin() as connection:
            connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))

    def close(self) -> None:
        while self._free:
            self.drop(self._free.pop())
        self._admin.dispose()

    def _empty(self, schema: str) -> None:
        with self._admin.begin() as connection:
            connection.execute(text(f"SET LOCAL lock_timeout = '{LOCK_TIMEOUT}'"))
            names = ", ".join(f'{schema}."{name}"' for name in self._tables)
            connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
            for name, rows in self._seeded.items():
                columns = list(rows[0])
                quoted = ", ".join(f'"{column}"' for column in columns)
                values = ", ".join(f":{column}" for column in columns)
                connection.execute(text(f'INSERT INTO {schema}."{name}" ({quoted}) VALUES ({values})'), rows)


def _contents(engine: Engine, schema: str) -> tuple[list[str], dict[str, list[dict[str, Any]]]]:
    """Every table of a freshly migrated schema, and the rows of those that have some."""
    metadata = MetaData(schema=schema)
    metadata.reflect(engine, schema=schema)
    with engine.connect() as connection:
        rows = {
            table.name: [dict(row._mapping) for row in connection.execute(select(table))]
            for table in metadata.sorted_tables
        }
    return [table.name for table in metadata.sorted_tables], {name: found for name, found in rows.items() if found}
