"""The worker: builds the activities with their clients and registers them with the workflows.

`python -m worker` runs a MoU worker (the workflows, store writes and notifications), and `python -m worker
renders` a render worker (PDFs only). `ops.up` runs as many of each as the settings say; the tests and the
benchmarks build their workers with the functions here.
"""

import argparse
import asyncio
import functools
import logging
import os
import signal
import ssl
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import AsyncExitStack
from datetime import timedelta
from typing import Any

import httpx
from sqlalchemy.orm import Session, sessionmaker
from temporalio.client import Client
from temporalio.worker import Worker

from activities.documents import DocumentActivities
from activities.notify import DeliveryLedger, EmailActivities, WebhookActivities
from activities.store import DeliveryStoreActivities, StoreActivities
from mouflow import names
from mouflow.audit_anchoring import anchor_periodically
from mouflow.config import Settings
from mouflow.documents.storage import DiskStorage, DocumentStorage
from mouflow.documents.subsetter import warn_if_slow_subsetter
from mouflow.logs import configure_logging
from mouflow.metrics_endpoint import serve_metrics
from mouflow.notify.smtp import SmtpSender
from mouflow.outbox_dispatcher import OutboxDispatcher
from mouflow.sealed_secrets import Sealer
from mouflow.sessions import for_render_worker, sessions_from
from mouflow.store.db import session_scope
from mouflow.store.webhooks import seal_clear_secrets
from mouflow.temporal import connect
from workflows.mou import MouWorkflow
from workflows.notification import NotificationWorkflow

WORKFLOWS = [MouWorkflow]
MOUS, RENDERS = "mous", "renders"  # the two kinds of worker process
# after a worker dies, its MoUs' next workflow tasks wait this long on its sticky queue before any
# worker may take them (the SDK's 10 s default made the next action on each MoU wait 10 s)
STICKY_TIMEOUT = timedelta(seconds=3)
# the worker accepts no more activities than it has threads: an accepted activity waiting for a thread
# runs down its start-to-close timeout (10 s for a store write) and is retried; one left in Temporal's
# task queue waits without a clock, for whichever worker is free
ACTIVITY_THREADS = 16
RENDER_THREADS = 2
RENDER_NICENESS = 10  # how much lower a render worker process's CPU priority is than the others'
# plans, e-mails and failure marks take a thread each; webhooks are async and take none, but share the limit
NOTIFY_THREADS = 8
SHUTDOWN_GRACE = timedelta(seconds=8)  # on SIGTERM a render or write under way may finish; ops.up waits 10 s


def activities(sessions: sessionmaker[Session], storage: DocumentStorage) -> list[Callable[..., Any]]:
    store, documents = StoreActivities(sessions), DocumentActivities(storage, sessions)
    return [store.record_transition, documents.render]


def build_workers(
    client: Client,
    settings: Settings,
    sessions: sessionmaker[Session],
    executor: ThreadPoolExecutor,
    render_executor: ThreadPoolExecutor,
) -> tuple[Worker, Worker]:
    """The MoU workflows with their activities; and the renders, on their own queue and threads."""
    storage = DiskStorage.from_settings(settings)
    mous = Worker(
        client,
        task_queue=settings.task_queue,
        workflows=WORKFLOWS,
        activities=activities(sessions, storage),  # renders too: workflows from before their own queue
        activity_executor=executor,
        max_concurrent_activities=ACTIVITY_THREADS,
        sticky_queue_schedule_to_start_timeout=STICKY_TIMEOUT,
        graceful_shutdown_timeout=SHUTDOWN_GRACE,
    )
    return mous, documents_worker(client, settings.task_queue, render_activities(sessions, storage), render_executor)


def render_activities(sessions: sessionmaker[Session], storage: DocumentStorage) -> list[Callable[..., Any]]:
    return [DocumentActivities(storage, sessions).render]


def documents_worker(
    client: Client,
    task_queue: str,
    renders: list[Callable[..., Any]],
    executor: ThreadPoolExecutor,
    slots: int = RENDER_THREADS,
) -> Worker:
    """Serves `names.documents_queue(task_queue)`: WeasyPrint holds the GIL, so more render threads
    would only take the event loop's share, which every workflow task and store write needs."""
    return Worker(
        client,
        task_queue=names.documents_queue(task_queue),
        activities=renders,
        activity_executor=executor,
        max_concurrent_activities=slots,
        graceful_shutdown_timeout=SHUTDOWN_GRACE,
    )


def notify_activities(
    sessions: sessionmaker[Session], settings: Settings, http: httpx.AsyncClient
) -> list[Callable[..., Any]]:
    ledger, smtp = DeliveryLedger(sessions), SmtpSender(settings)
    store = DeliveryStoreActivities(sessions, email_enabled=smtp.enabled)
    # one deadline for the whole request at twice the per-read timeout, well inside the activity's 30 s
    deadline = 2 * settings.webhook_timeout_seconds
    allow_private = settings.webhook_allow_private_networks
    sealer = Sealer(settings)
    webhooks = WebhookActivities(ledger, http, sealer=sealer, allow_private=allow_private, deadline_seconds=deadline)
    return [store.plan, store.mark_failed, webhooks.deliver, EmailActivities(ledger, smtp).send]


def notify_worker(
    client: Client, task_queue: str, notify: list[Callable[..., Any]], executor: ThreadPoolExecutor
) -> Worker:
    """Serves `names.notify_queue(task_queue)`: a slow receiver holds one of these slots, never a store write's."""
    return Worker(
        client,
        task_queue=names.notify_queue(task_queue),
        workflows=[NotificationWorkflow],
        activities=notify,
        activity_executor=executor,
        max_concurrent_activities=NOTIFY_THREADS,
        sticky_queue_schedule_to_start_timeout=STICKY_TIMEOUT,  # as the MoU worker's, for the same reason
        graceful_shutdown_timeout=SHUTDOWN_GRACE,
    )


def webhook_client(settings: Settings) -> httpx.AsyncClient:
    # no proxies from the environment: the destination check must judge the address we really connect to
    # no connection kept open: the pool groups connections by the address connected to, not by the name TLS
    # checked, so a connection kept for one webhook's name must never carry another's request
    return httpx.AsyncClient(
        timeout=settings.webhook_timeout_seconds,
        trust_env=False,
        verify=_webhook_tls(),
        limits=httpx.Limits(max_keepalive_connections=0),
    )


@functools.cache
def _webhook_tls() -> ssl.SSLContext:
    # one per process: making one loads the CA bundle, which costs each new client about 20 ms of CPU
    return httpx.create_ssl_context(trust_env=False)  # as the client: no certificates from the environment


def dispatcher(client: Client, sessions: sessionmaker[Session], task_queue: str) -> OutboxDispatcher:
    return OutboxDispatcher(client, sessions, names.notify_queue(task_queue))


def seal_stored_secrets(sessions: sessionmaker[Session], sealer: Sealer) -> None:
    """Secrets stored in clear by a release before they were sealed are sealed once, at start."""
    with session_scope(sessions) as session:
        sealed = seal_clear_secrets(session=session, sealer=sealer)
    if sealed:
        logging.getLogger(__name__).info("sealed %d webhook secrets stored in clear", sealed)


async def main(role: str = MOUS) -> None:
    configure_logging("worker" if role == MOUS else "renders")
    settings = Settings()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    metrics_port = settings.worker_metrics_port if role == MOUS else settings.render_metrics_port
    client = await connect(settings, serve_metrics(settings, port=metrics_port))
    stop = asyncio.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        asyncio.get_running_loop().add_signal_handler(signum, stop.set)
    # the schema is migrated before the worker starts (ops.up, or python -m mouflow.store.migrate)
    sessions = sessions_from(for_render_worker(settings) if role == RENDERS else settings)
    if role == RENDERS:
        await run_renders(client, settings, sessions, stop)
    else:
        await run_mous(client, settings, sessions, stop)


async def run_mous(client: Client, settings: Settings, sessions: sessionmaker[Session], stop: asyncio.Event) -> None:
    """The workflows, store writes and notifications; the renders too when no render worker runs beside it."""
    renders_here = not settings.render_workers  # no render worker is said to run beside this one
    with (
        ThreadPoolExecutor(max_workers=ACTIVITY_THREADS) as executor,
        ThreadPoolExecutor(max_workers=RENDER_THREADS) as render_executor,
        ThreadPoolExecutor(max_workers=NOTIFY_THREADS) as notify_executor,
    ):
        seal_stored_secrets(sessions, Sealer(settings))
        mous, documents = build_workers(client, settings, sessions, executor, render_executor)
        async with AsyncExitStack() as running:  # leaving it shuts the workers down gracefully, then the client
            http = await running.enter_async_context(webhook_client(settings))
            notifications = notify_activities(sessions, settings, http)
            notify = notify_worker(client, settings.task_queue, notifications, notify_executor)
            for worker in (mous, notify, *([documents] if renders_here else [])):
                await running.enter_async_context(worker)
            if renders_here:
                warn_if_slow_subsetter()
            await asyncio.gather(
                dispatcher(client, sessions, settings.task_queue).run(stop),
                anchor_periodically(sessions, every_seconds=settings.audit_anchor_seconds, stop=stop),
            )


async def run_renders(client: Client, settings: Settings, sessions: sessionmaker[Session], stop: asyncio.Event) -> None:
    """Only the renders, one at a time: a process of its own has a GIL of its own, so run one per core."""
    # a render may wait a moment, an officer's write should not: on a machine shared with the MoU worker and
    # the API, the scheduler gives them the cores first
    os.nice(RENDER_NICENESS)
    warn_if_slow_subsetter()
    storage = DiskStorage.from_settings(settings)
    with ThreadPoolExecutor(max_workers=1) as executor:
        renders = documents_worker(client, settings.task_queue, render_activities(sessions, storage), executor, slots=1)
        async with renders:
            await stop.wait()


def parse_role(argv: list[str]) -> str:
    parser = argparse.ArgumentParser(prog="python -m worker", description=__doc__)
    parser.add_argument("role", nargs="?", choices=[MOUS, RENDERS], default=MOUS)
    return str(parser.parse_args(argv).role)


if __name__ == "__main__":
    asyncio.run(main(parse_role(sys.argv[1:])))
