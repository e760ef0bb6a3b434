"""Bring a database to the newest schema with Alembic: `python -m mouflow.store.migrate`."""

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine

from mouflow.config import Settings
from mouflow.store.db import make_engine

INI = Path(__file__).with_name("alembic.ini")


def create_schema(engine: Engine) -> None:
    """Migrates the database to the newest schema (Alembic); a no-op when it is there already."""
    config = Config(str(INI))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


if __name__ == "__main__":
    create_schema(make_engine(Settings().resolved_database_url))
