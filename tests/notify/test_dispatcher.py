"""The outbox dispatcher: each row starts its workflow once, a start that happened before a crash
counts as done, and Temporal out of reach leaves the row for the next tick without stopping the loop."""

import asyncio
import socket

from sqlalchemy.orm import Session, sessionmaker
from temporalio.client import Client
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.service import RetryConfig
from temporalio.testing import WorkflowEnvironment

from mouflow.domain.enums import EventKind
from mouflow.domain.state import Event
from mouflow.names import notification_workflow_id
from mouflow.notify.models import NotificationInput
from mouflow.outbox_dispatcher import OutboxDispatcher
from mouflow.store.db import session_scope
from mouflow.store.projection import record_transition
from mouflow.transitions import transition_of
from tests.domain.builders import T0, in_review
from tests.notify import flow
from workflows.notification import NotificationWorkflow

QUEUE = "nobody-serves-this"  # the workflows only need to exist, not to run


def submitted(sessions: sessionmaker[Session]) -> str:
    state = in_review()
    transition = transition_of("mou-hkte-qianhai-2025", state, [Event(kind=EventKind.SUBMITTED, at=T0, version=1)])
    with session_scope(sessions) as session:
        record_transition(session=session, transition=transition)
    return f"hkte-qianhai-2025.{state.seq}.0"


async def test_a_start_made_before_a_crash_counts_as_dispatched(
    temporal: WorkflowEnvironment, sessions: sessionmaker[Session]
) -> None:
    notification = submitted(sessions)
    workflow_id = notification_workflow_id(notification)
    first = await temporal.client.start_workflow(
        NotificationWorkflow.run, NotificationInput(notification_id=notification), id=workflow_id, task_queue=QUEUE
    )
    dispatcher = OutboxDispatcher(temporal.client, sessions, QUEUE)
    assert await dispatcher.dispatch_once() == 1
    assert flow.undispatched(sessions) == 0 and await dispatcher.dispatch_once() == 0
    assert (await temporal.client.get_workflow_handle(workflow_id).describe()).run_id == first.result_run_id


async def test_temporal_out_of_reach_leaves_the_row_and_the_loop_running(
    temporal: WorkflowEnvironment, sessions: sessionmaker[Session]
) -> None:
    notification = submitted(sessions)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    nowhere = await Client.connect(
        f"127.0.0.1:{closed}",
        lazy=True,
        data_converter=pydantic_data_converter,
        retry_config=RetryConfig(max_retries=0),
    )
    stop = asyncio.Event()
    loop = asyncio.create_task(OutboxDispatcher(nowhere, sessions, QUEUE).run(stop))
    await asyncio.sleep(1.5)  # a few ticks, each failing to start the workflow
    assert not loop.done() and flow.undispatched(sessions) == 1
    stop.set()
    await asyncio.wait_for(loop, timeout=10)
    assert await OutboxDispatcher(temporal.client, sessions, QUEUE).dispatch_once() == 1  # Temporal is back
    await temporal.client.get_workflow_handle(notification_workflow_id(notification)).describe()
