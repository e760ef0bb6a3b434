"""The workers the lifecycle bench compares, built alike: per variant an in-process Worker with the
production worker's 16-thread activity executor, and a documents worker with its 2 render threads on
the variant's documents queue, as the worker package builds them."""

import asyncio
import re
from collections.abc import AsyncIterator, Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, asynccontextmanager, contextmanager
from datetime import UTC, datetime
from typing import Any

from bare import BareWorkflow, nothing
from sqlalchemy.orm import Session, sessionmaker
from temporalio import activity
from temporalio.client import Client
from temporalio.worker import Worker

from activities.store import StoreActivities
from mouflow.documents.models import DocumentRef, Language, RenderDocument
from mouflow.documents.storage import DocumentStorage
from mouflow.transitions import RecordTransition
from ops.stack import Stack
from ops.up import render_worker_command
from worker import ACTIVITY_THREADS, WORKFLOWS, activities, documents_worker


@activity.defn(name="documents.render")
def no_paper(request: RenderDocument) -> DocumentRef:
    """Registered under the real name, as the tests' fakes are: mouflow without its PDFs."""
    return DocumentRef(
        document_id="none",
        kind=request.kind,
        version=request.version,
        language=Language.BILINGUAL,
        sha256="0" * 64,
        size=0,
        created_at=datetime.now(UTC),
    )


@activity.defn(name="store.record_transition")
def no_store(transition: RecordTransition) -> bool:
    """mouflow's workflow alone: the transition decoded and dropped, no database."""
    return True


def variants(sessions: sessionmaker[Session], storage: DocumentStorage) -> dict[str, tuple[list[Any], list[Any]]]:
    """Name: (workflows, activities). `mouflow` is the production registration."""
    store = StoreActivities(sessions)
    registered: list[Callable[..., Any]] = activities(sessions, storage)
    return {
        "bare": ([BareWorkflow], [nothing]),
        "mouflow": (WORKFLOWS, registered),
        "mouflow without PDFs": (WORKFLOWS, [store.record_transition, no_paper]),
        "mouflow, empty activities": (WORKFLOWS, [no_store, no_paper]),
    }


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def task_queue(name: str, run: str) -> str:
    return f"bench-{slug(name)}-{run}"


@contextmanager
def executors(count: int, threads: int = ACTIVITY_THREADS) -> Iterator[list[ThreadPoolExecutor]]:
    with ExitStack() as stack:
        yield [stack.enter_context(ThreadPoolExecutor(max_workers=threads)) for _ in range(count)]


def build(client: Client, queue: str, registration: tuple[list[Any], list[Any]], pool: ThreadPoolExecutor) -> Worker:
    workflows, registered = registration
    return Worker(
        client,
        task_queue=queue,
        workflows=workflows,
        activities=registered,
        activity_executor=pool,
        max_concurrent_activities=ACTIVITY_THREADS,
    )


def build_documents(
    client: Client, queue: str, registration: tuple[list[Any], list[Any]], pool: ThreadPoolExecutor
) -> Worker:
    """The variant's activities on its documents queue too: its renders, real or empty, go there."""
    return documents_worker(client, queue, registration[1], pool)


@asynccontextmanager
async def render_processes(stack: Stack, queue: str, store_url: str, key: str, count: int) -> AsyncIterator[None]:
    """`count` render workers (`python -m worker renders`) on the variant's documents queue, as ops.up runs
    them: processes of their own, so that WeasyPrint never holds the workflows' GIL. Stopped after."""
    env = {
        **stack.environment(),
        "MOUFLOW_TASK_QUEUE": queue,
        "DATABASE_URL": store_url,
        "MOUFLOW_AUDIT_KEY": key,
        "MOUFLOW_RENDER_WORKERS": str(count),
    }
    logs = stack.root / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    processes = []
    with (logs / "renders.log").open("ab") as log:
        for _ in range(count):
            process = await asyncio.create_subprocess_exec(
                *render_worker_command(), stdin=asyncio.subprocess.DEVNULL, stdout=log, stderr=log, env=env
            )
            processes.append(process)
    try:
        yield
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            await process.wait()
