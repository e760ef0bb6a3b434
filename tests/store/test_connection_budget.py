"""Whether the pools fit under PostgreSQL's max_connections (mouflow.store.connection_budget), asked of the
real server when DATABASE_URL names one; SQLite has no limit, and nothing is checked there."""

import logging
import os
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from mouflow.config import Settings
from mouflow.sessions import check_all_pools, for_render_worker, pool_maximum, process_engine
from mouflow.store.connection_budget import (
    ConnectionBudgetError,
    ServerConnections,
    check_planned,
    check_process,
    read_server,
)
from mouflow.store.db import make_engine
from ops.stack import free_port

POSTGRES = os.environ.get("DATABASE_URL")
needs_postgres = pytest.mark.skipif(not POSTGRES, reason="DATABASE_URL names no PostgreSQL")


def test_what_fits_is_the_limit_less_the_reserved_less_what_is_open() -> None:
    server = ServerConnections(max_connections=100, reserved=3, open=17)
    assert server.available == 97
    assert server.shortfall(80) == 0
    assert server.shortfall(81) == 1


def test_sqlite_has_no_limit_to_check(engine: Engine) -> None:
    if engine.dialect.name != "sqlite":
        pytest.skip("SQLite only")
    assert read_server(engine) is None
    check_planned(engine, pools=[1000] * 1000)


@needs_postgres
def test_the_server_is_read_as_it_is(engine: Engine) -> None:
    if engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL only")
    with engine.connect() as connection:
        limit = int(connection.execute(text("SHOW max_connections")).scalar_one())
        reserved = int(connection.execute(text("SHOW superuser_reserved_connections")).scalar_one())
    server = read_server(engine)
    assert server is not None
    assert (server.max_connections, server.reserved) == (limit, reserved)  # PostgreSQL 15: no reserved_connections
    with engine.connect() as _held, engine.connect() as _another:  # checked out at once: two more open
        held = read_server(engine)
    assert held is not None and held.open >= 1  # the other held one at least; the asker is not counted


@needs_postgres
def test_a_pool_that_could_never_fit_is_refused(engine: Engine) -> None:
    if engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL only")
    server = read_server(engine)
    assert server is not None
    with pytest.raises(ConnectionBudgetError, match="pool alone cannot fit"):
        check_process(engine, per_process=server.available + 1)


@needs_postgres
def test_a_pool_that_does_not_fit_beside_the_open_ones_is_warned_of(
    engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    if engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL only")
    with engine.connect() as _held:  # so that at least one is open beside the asker
        server = read_server(engine)
        assert server is not None
        with caplog.at_level(logging.WARNING, logger="mouflow.store.connection_budget"):
            check_process(engine, per_process=server.available)
    assert "may refuse this process connections" in caplog.text


@needs_postgres
def test_planned_processes_that_do_not_fit_together_are_refused(engine: Engine) -> None:
    if engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL only")
    server = read_server(engine)
    assert server is not None
    per_process = server.available // 2
    check_planned(engine, pools=[1])
    with pytest.raises(ConnectionBudgetError, match="3 processes"):
        check_planned(engine, pools=[per_process] * 3)


@needs_postgres
def test_a_process_sizes_its_pool_from_the_settings_and_checks_it() -> None:
    settings = Settings(database_url=POSTGRES, database_pool_size=3, database_max_overflow=2)
    engine = process_engine(settings)
    try:
        assert (engine.pool.size(), engine.pool._max_overflow) == (3, 2)  # type: ignore[attr-defined]
        assert pool_maximum(settings) == 5
    finally:
        engine.dispose()
    with pytest.raises(ConnectionBudgetError, match="pool alone"):
        process_engine(Settings(database_url=POSTGRES, database_pool_size=5000))


@needs_postgres
def test_a_launcher_counts_every_process_the_settings_plan() -> None:
    check_all_pools(Settings(database_url=POSTGRES, database_pool_size=1, database_max_overflow=0))
    planned = Settings(database_url=POSTGRES, mou_workers=3, render_workers=2, api_processes=3)
    # six of up to 40 connections, and two render workers of up to 2 each
    with pytest.raises(ConnectionBudgetError, match="8 processes of up to 244 connections in all"):
        check_all_pools(planned)


def test_a_render_worker_needs_a_small_pool() -> None:
    settings = for_render_worker(Settings(database_pool_size=10, database_max_overflow=30))
    assert pool_maximum(settings) == 2


def test_sqlite_plans_need_no_check(tmp_path: Path) -> None:
    check_all_pools(Settings(database_url=f"sqlite:///{tmp_path / 'x.db'}", mou_workers=50, api_processes=50))


def test_a_database_out_of_reach_leaves_the_pool_unchecked(caplog: pytest.LogCaptureFixture) -> None:
    engine = make_engine(f"postgresql://postgres@127.0.0.1:{free_port()}/nowhere")  # nothing listens there
    try:
        with caplog.at_level(logging.WARNING, logger="mouflow.store.connection_budget"):
            check_process(engine, per_process=40)
    finally:
        engine.dispose()
    assert "could not be read" in caplog.text
