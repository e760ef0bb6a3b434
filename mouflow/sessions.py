"""The store's sessions as the settings describe them: their database, its pool, and the audit log's key."""

import logging

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from mouflow.audit_key import audit_key
from mouflow.config import Settings
from mouflow.store.audit_anchor import check_key
from mouflow.store.connection_budget import check_planned, check_process
from mouflow.store.db import make_engine, session_factory

log = logging.getLogger(__name__)
RENDER_WORKER_POOL = 2  # connections: the render's own, and one spare for a retry racing a slow close


def sessions_from(settings: Settings, engine: Engine | None = None) -> sessionmaker[Session]:
    """Without `engine`, for a process of its own (the worker, the API): a pool sized by the settings,
    checked against the server's max_connections (mouflow.store.connection_budget), and an audit key that
    must be the one the log was written with (mouflow.store.audit_anchor.check_key)."""
    if engine is None:
        sessions = session_factory(process_engine(settings), audit_key=audit_key(settings))
        _check_audit_key(sessions)
        return sessions
    return session_factory(engine, audit_key=audit_key(settings))


def _check_audit_key(sessions: sessionmaker[Session]) -> None:
    try:
        with sessions() as session:
            check_key(session=session)
    except DBAPIError as error:  # the database out of reach: the process starts, as it does for its pool
        log.warning("the audit key could not be checked against the log: %s", error)


def process_engine(settings: Settings) -> Engine:
    engine = make_engine(
        settings.resolved_database_url,
        pool_size=settings.database_pool_size,
        max_overflow=settings.database_max_overflow,
    )
    try:
        check_process(engine, per_process=pool_maximum(settings))
    except BaseException:
        engine.dispose()  # the connection that asked is closed before the process exits
        raise
    return engine


def for_render_worker(settings: Settings) -> Settings:
    """A render worker makes one PDF at a time, and writes its row and audit entry on one connection."""
    return settings.model_copy(update={"database_pool_size": RENDER_WORKER_POOL, "database_max_overflow": 0})


def pool_maximum(settings: Settings) -> int:
    """The most connections one process's pool may hold at once."""
    return settings.database_pool_size + settings.database_max_overflow


def check_all_pools(settings: Settings) -> None:
    """For a launcher, before it starts the processes the settings count (ops.up): all their pools at their
    largest must fit under the server's max_connections beside the connections open now."""
    full = [pool_maximum(settings)] * (settings.mou_workers + settings.api_processes)
    pools = full + [pool_maximum(for_render_worker(settings))] * settings.launched_render_workers
    engine = make_engine(settings.resolved_database_url, pool_size=1, max_overflow=0)
    try:
        check_planned(engine, pools=pools)
    finally:
        engine.dispose()
