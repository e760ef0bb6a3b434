"""Alembic's entry point: migrate the connection we are handed, or the database Settings names."""

from alembic import context
from sqlalchemy import Connection

from mouflow.config import Settings
from mouflow.store.db import make_engine
from mouflow.store.schema import metadata


def run(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def main() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        run(connection)
        return
    with make_engine(Settings().resolved_database_url).begin() as own:
        run(own)


main()
