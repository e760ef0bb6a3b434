"""The worker: builds the activities with their clients and registers them with the workflows."""

import asyncio
import logging
import signal
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from typing import Any

from sqlalchemy.orm import Session, sessionmaker
from temporalio.client import Client
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.worker import Worker

from activities.documents import DocumentActivities
from activities.store import StoreActivities
from mouflow.config import Settings
from mouflow.documents.storage import DiskStorage, DocumentStorage
from mouflow.documents.subsetter import warn_if_slow_subsetter
from mouflow.store.db import make_engine, session_factory
from workflows.mou import MouWorkflow

WORKFLOWS = [MouWorkflow]
# after a worker dies, its MoUs' next workflow tasks wait this long on its sticky queue before any
# worker may take them (the SDK's 10 s default made the next action on each MoU wait 10 s)
STICKY_TIMEOUT = timedelta(seconds=3)
# the worker accepts no more activities than it has threads: an accepted activity waiting for a thread
# runs down its start-to-close timeout (10 s for a store write) and is retried; one left in Temporal's
# task queue waits without a clock, for whichever worker is free
ACTIVITY_THREADS = 16
SHUTDOWN_GRACE = timedelta(seconds=8)  # on SIGTERM a render or write under way may finish; mouflow.up waits 10 s


def activities(sessions: sessionmaker[Session], storage: DocumentStorage) -> list[Callable[..., Any]]:
    store, documents = StoreActivities(sessions), DocumentActivities(storage, sessions)
    return [store.record_transition, documents.render]


def build_worker(client: Client, settings: Settings, executor: ThreadPoolExecutor) -> Worker:
    # the schema is migrated before the worker starts (mouflow.up, or python -m mouflow.store.migrate)
    sessions = session_factory(make_engine(settings.resolved_database_url))
    return Worker(
        client,
        task_queue=settings.task_queue,
        workflows=WORKFLOWS,
        activities=activities(sessions, DiskStorage.from_settings(settings)),
        activity_executor=executor,
        max_concurrent_activities=ACTIVITY_THREADS,
        sticky_queue_schedule_to_start_timeout=STICKY_TIMEOUT,
        graceful_shutdown_timeout=SHUTDOWN_GRACE,
    )


async def connect(settings: Settings) -> Client:
    return await Client.connect(
        settings.temporal_address, namespace=settings.temporal_namespace, data_converter=pydantic_data_converter
    )


async def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s worker %(levelname)s %(message)s")
    settings = Settings()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    warn_if_slow_subsetter()
    client = await connect(settings)
    stop = asyncio.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        asyncio.get_running_loop().add_signal_handler(signum, stop.set)
    with ThreadPoolExecutor(max_workers=ACTIVITY_THREADS) as executor:
        # leaving the block shuts the worker down gracefully: running activities finish first
        async with build_worker(client, settings, executor):
            await stop.wait()


if __name__ == "__main__":
    asyncio.run(main())
