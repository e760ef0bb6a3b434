"""Fixtures: a real Temporal server, a fresh database, a worker on a fresh task queue per test."""

import asyncio
import os
import tempfile
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session, sessionmaker
from temporalio.client import Client
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from mouflow.config import Settings
from mouflow.documents.storage import DiskStorage, DocumentStorage
from mouflow.store.db import make_engine, session_factory
from mouflow.store.migrate import create_schema
from tests.servers import start_dev_server, start_time_skipping
from worker import (
    NOTIFY_THREADS,
    WORKFLOWS,
    activities,
    dispatcher,
    documents_worker,
    notify_activities,
    notify_worker,
    render_activities,
    webhook_client,
)

# the tests' webhook receivers listen on 127.0.0.1, which production refuses to call
TEST_SETTINGS = Settings(webhook_allow_private_networks=True, smtp_host=None)


@pytest.fixture
async def time_env() -> AsyncIterator[WorkflowEnvironment]:
    env = await start_time_skipping()
    async with env:
        yield env


@pytest.fixture(scope="session")
async def dev_env() -> AsyncIterator[WorkflowEnvironment]:
    env = await start_dev_server()
    async with env:
        yield env


BACKENDS = ["sqlite", "postgresql"] if os.environ.get("DATABASE_URL") else ["sqlite"]


@pytest.fixture(params=BACKENDS)
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """SQLite in a temporary file; and, when DATABASE_URL names a PostgreSQL, a fresh schema in it too."""
    if request.param == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'mouflow.db'}")
        create_schema(engine)
        yield engine
        engine.dispose()
        return
    url = os.environ["DATABASE_URL"]
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = make_engine(url)
    with admin.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    engine = make_engine(url, postgres_schema=schema)
    create_schema(engine)
    yield engine
    engine.dispose()
    with admin.begin() as connection:
        connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    admin.dispose()


@pytest.fixture
def sessions(engine: Engine) -> sessionmaker[Session]:
    return session_factory(engine)


@pytest.fixture
def task_queue() -> str:
    return f"mouflow-test-{uuid.uuid4().hex[:8]}"


@asynccontextmanager
async def running_worker(
    client: Client,
    task_queue: str,
    sessions: sessionmaker[Session],
    storage: DocumentStorage | None = None,
    settings: Settings = TEST_SETTINGS,
    renders: list[Callable[..., Any]] | None = None,
) -> AsyncIterator[Worker]:
    """The production activities, and the notification dispatcher and workers, as the worker package runs them;
    documents go to a fresh folder unless the test gives a storage, and `renders` (a fake under the real
    name) serve the documents queue instead of the real renderer when a test gives them."""
    with (
        tempfile.TemporaryDirectory() as scratch,
        ThreadPoolExecutor(max_workers=8) as executor,
        ThreadPoolExecutor(max_workers=2) as render_executor,
        ThreadPoolExecutor(max_workers=NOTIFY_THREADS) as notify_executor,
    ):
        storage = storage or DiskStorage(Path(scratch))
        registered = activities(sessions, storage)
        worker = Worker(
            client, task_queue=task_queue, workflows=WORKFLOWS, activities=registered, activity_executor=executor
        )
        renders = renders or render_activities(sessions, storage)
        documents = documents_worker(client, task_queue, renders, render_executor)
        async with webhook_client(settings) as http:
            notify = notify_worker(client, task_queue, notify_activities(sessions, settings, http), notify_executor)
            async with worker, documents, notify, dispatching(client, sessions, task_queue):
                yield worker


@asynccontextmanager
async def dispatching(client: Client, sessions: sessionmaker[Session], task_queue: str) -> AsyncIterator[None]:
    stop = asyncio.Event()
    loop = asyncio.create_task(dispatcher(client, sessions, task_queue).run(stop))
    try:
        yield
    finally:
        stop.set()
        await loop
