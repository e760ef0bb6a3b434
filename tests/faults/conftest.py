"""The whole system as processes on loopback (ops.stack), on SQLite and, with DATABASE_URL, PostgreSQL.

The store gets a fresh SQLite file or PostgreSQL schema per test; the test reaches it directly, while
the stack's processes may reach it through a proxy that the test cuts.
"""

import os
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker
from temporalio.client import WorkflowHandle

from mouflow.domain.state import MouState
from mouflow.domain.summaries import MouSummary
from mouflow.names import mou_workflow_id
from mouflow.sessions import sessions_from
from mouflow.store.db import make_engine
from ops.stack import Stack, postgres_url_with_schema, running_stack
from tests.api.conftest import make_users
from tests.conftest import BACKENDS
from tests.faults.case import MOU_ID, SeedCase
from tests.faults.spread import SpreadTransport
from workflows.mou import MouWorkflow

LOG_TAIL = 3_000  # characters of each process's log shown when a test fails
# uvicorn closes a connection idle for 5 s, as long as the ceremony's lead: a step sent just as the API closes
# the connection it would reuse fails with ReadError. The test's client lets go of idle ones first.
IDLE_CONNECTIONS = httpx.Limits(keepalive_expiry=1.0)


@dataclass(frozen=True)
class FaultDb:
    url: str  # the store, as the test reaches it; the stack may be given another way in (a proxy)
    backend: str


@dataclass
class Rig:
    """A running stack, the seed case to drive through its API, and the MoU's workflow to watch."""

    stack: Stack
    case: SeedCase
    sessions: sessionmaker[Session]
    mou: WorkflowHandle[MouWorkflow, MouSummary]

    async def status(self) -> MouState:
        return await self.mou.query(MouWorkflow.status)


@pytest.fixture(params=BACKENDS)
def fault_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[FaultDb]:
    if request.param == "sqlite":
        yield FaultDb(f"sqlite:///{tmp_path / 'mouflow.db'}", "sqlite")
        return
    with postgres_schema(os.environ["DATABASE_URL"]) as url:
        yield FaultDb(url, "postgresql")


@contextmanager
def postgres_schema(url: str) -> Iterator[str]:
    """A fresh schema, dropped after; yields the URL whose connections use it."""
    schema = f"f_{uuid.uuid4().hex[:12]}"
    admin = make_engine(url)
    with admin.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    try:
        yield postgres_url_with_schema(url, schema)
    finally:
        with admin.begin() as connection:
            connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


@asynccontextmanager
async def rig(root: Path, db: FaultDb, stack_url: str | None = None, **processes: int) -> AsyncIterator[Rig]:
    """Starts the stack on `stack_url` (default: the test's own URL), with a user of every role per party.

    `processes`: how many of each kind (ops.stack.running_stack); the case's client spreads its requests
    over the API processes, as a load balancer would."""
    engine = make_engine(db.url)
    try:
        async with running_stack(root, stack_url or db.url, **processes) as stack:
            urls = [stack.api_url_of(name) for name in stack.api_names]
            spread = SpreadTransport(urls, limits=IDLE_CONNECTIONS)
            async with httpx.AsyncClient(base_url=stack.api_url, transport=spread) as api:
                sessions = sessions_from(stack.settings, engine)
                client = await stack.client()
                mou = client.get_workflow_handle_for(MouWorkflow.run, mou_workflow_id(MOU_ID))
                try:
                    yield Rig(stack, SeedCase(api, make_users(sessions)), sessions, mou)
                except BaseException:
                    print_logs(stack)
                    raise
    finally:
        engine.dispose()


def print_logs(stack: Stack) -> None:
    for name in ("temporal", "worker", "api"):
        print(f"----- {name}.log (tail) -----\n{stack.log(name)[-LOG_TAIL:]}")
