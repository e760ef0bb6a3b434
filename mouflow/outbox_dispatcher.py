"""Moves the outbox into Temporal: one NotificationWorkflow per row, started at most once.

Runs as a loop inside the worker process. The workflow id is the row's id and duplicates are
rejected, so a crash between the start and the mark only makes the next tick try a start that
Temporal refuses, which counts as done. Temporal or the database out of reach: log, and retry.
"""

import asyncio
import logging

from sqlalchemy.orm import Session, sessionmaker
from temporalio.client import Client
from temporalio.common import WorkflowIDReusePolicy
from temporalio.exceptions import WorkflowAlreadyStartedError

from mouflow.names import NOTIFICATION_WORKFLOW, notification_workflow_id
from mouflow.notify.models import NotificationInput
from mouflow.periodic import sleep_unless
from mouflow.store.outbox import claim_undispatched, mark_dispatched

log = logging.getLogger(__name__)
POLL_SECONDS = 0.5
BATCH = 50


class OutboxDispatcher:
    def __init__(self, client: Client, sessions: sessionmaker[Session], task_queue: str) -> None:
        self._client, self._sessions, self._task_queue = client, sessions, task_queue

    async def run(self, stop: asyncio.Event) -> None:
        """Until `stop` is set; a failed tick is logged and the next one tries again."""
        while not stop.is_set():
            try:
                dispatched = await self.dispatch_once()
            except Exception:  # the worker must outlive any outage of the database or of Temporal
                log.exception("notification dispatch failed; retrying")
                dispatched = 0
            if dispatched < BATCH:  # a full batch means more are waiting: go on at once
                await sleep_unless(stop, POLL_SECONDS)

    async def dispatch_once(self) -> int:
        """Starts the workflows of one batch of rows and marks the ones started; returns how many."""
        session = self._sessions()
        try:
            ids = await asyncio.to_thread(claim_undispatched, session=session, limit=BATCH)
            started = [notification_id for notification_id in ids if await self._start(notification_id)]
            await asyncio.to_thread(_mark, session, started)
            return len(started)
        finally:
            await asyncio.to_thread(session.close)

    async def _start(self, notification_id: str) -> bool:
        try:
            await self._client.start_workflow(
                NOTIFICATION_WORKFLOW,  # by name: the library does not import the workflows above it
                NotificationInput(notification_id=notification_id),
                id=notification_workflow_id(notification_id),
                task_queue=self._task_queue,
                id_reuse_policy=WorkflowIDReusePolicy.REJECT_DUPLICATE,
            )
        except WorkflowAlreadyStartedError:
            return True  # started before the crash that kept it from being marked
        except Exception as error:  # Temporal out of reach: the row stays, the next tick tries again
            log.warning("could not start notification %s: %s", notification_id, error)
            return False
        return True


def _mark(session: Session, ids: list[str]) -> None:
    mark_dispatched(session=session, ids=ids)
    session.commit()  # on PostgreSQL this also releases the rows claimed for this batch
