"""The store's sessions as the settings describe them: their database, and the audit log's key."""

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from mouflow.audit_key import audit_key
from mouflow.config import Settings
from mouflow.store.db import make_engine, session_factory


def sessions_from(settings: Settings, engine: Engine | None = None) -> sessionmaker[Session]:
    engine = engine or make_engine(settings.resolved_database_url)
    return session_factory(engine, audit_key=audit_key(settings))
