"""Bring a database to the newest schema with Alembic: `python -m mouflow.store.migrate`."""

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine

from mouflow.audit_key import audit_key
from mouflow.config import Settings
from mouflow.store.audit_hashes import AUDIT_KEY
from mouflow.store.db import make_engine

INI = Path(__file__).with_name("alembic.ini")


def create_schema(engine: Engine, *, audit_key: bytes | None = None) -> None:
    """Migrates the database to the newest schema (Alembic); a no-op when it is there already.

    `audit_key` (mouflow.audit_key) is needed only by a migration that rewrites the audit log's hashes
    (0012, which keys them), and only when the log holds entries."""
    config = Config(str(INI))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        config.attributes[AUDIT_KEY] = audit_key
        command.upgrade(config, "head")


if __name__ == "__main__":
    settings = Settings()
    create_schema(make_engine(settings.resolved_database_url), audit_key=audit_key(settings))
