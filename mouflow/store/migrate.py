"""Bring a database to the newest schema with Alembic: `python -m mouflow.store.migrate`."""

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine

INI = Path(__file__).with_name("alembic.ini")


def upgrade(engine: Engine) -> None:
    config = Config(str(INI))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


if __name__ == "__main__":
    from mouflow.config import Settings
    from mouflow.store.db import make_engine

    upgrade(make_engine(Settings().resolved_database_url))
