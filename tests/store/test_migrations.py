"""The Alembic migrations build exactly the schema the models describe, on SQLite and PostgreSQL."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine

from mouflow.store.migrate import create_schema
from mouflow.store.schema import metadata


def test_migrated_schema_matches_the_models(engine: Engine) -> None:
    create_schema(engine)  # a second upgrade of a migrated database changes nothing
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), metadata)
    assert differences == []
