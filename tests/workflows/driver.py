"""Drive MouWorkflows the way the API will: start, send updates, poll the status query."""

import asyncio
from collections.abc import Awaitable, Callable
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from temporalio.client import Client, WorkflowHandle

from mouflow.domain.actions import StartMou
from mouflow.domain.enums import EventKind
from mouflow.domain.state import MouState
from mouflow.names import mou_workflow_id
from mouflow.store.audit_tables import AuditRow
from workflows.mou import MouWorkflow, MouWorkflowInput

Mou = WorkflowHandle[MouWorkflow, object]
Advance = Callable[[timedelta], Awaitable[None]]


async def start(client: Client, task_queue: str, start_input: StartMou, history_limit: int | None = None) -> Mou:
    run_input = MouWorkflowInput(start=start_input)
    if history_limit is not None:
        run_input.history_limit = history_limit
    return await client.start_workflow(
        MouWorkflow.run, run_input, id=mou_workflow_id(start_input.mou_id), task_queue=task_queue
    )


async def status(mou: Mou) -> MouState:
    return await mou.query(MouWorkflow.status)


def decided(state: MouState) -> dict[str, object]:
    """The state without the documents still being made: renders beside the main loop finish at any moment."""
    return state.model_dump(exclude={"paperwork"})


def renders_went_on(before: MouState, after: MouState) -> bool:
    """Only renders happened: what was owed then is still owed or done, in order, and nothing new went missing."""
    owed = after.paperwork.owed
    return before.paperwork.owed[len(before.paperwork.owed) - len(owed) :] == owed and (
        after.paperwork.missing == before.paperwork.missing
    )


async def eventually(mou: Mou, check: Callable[[MouState], bool], what: str, seconds: float = 20) -> MouState:
    """Timers fire while the server skips time; give the worker a moment to record what fired."""
    deadline = asyncio.get_running_loop().time() + seconds
    while True:
        state = await status(mou)
        if check(state):
            return state
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"{mou.id}: never saw {what}; stage {state.stage}, seq {state.seq}")
        await asyncio.sleep(0.05)


def recorded(sessions: sessionmaker[Session], mou_id: str, kind: EventKind) -> list[AuditRow]:
    with sessions() as session:
        query = select(AuditRow).where(AuditRow.mou_id == mou_id, AuditRow.what == kind.value).order_by(AuditRow.id)
        return list(session.scalars(query))


def kinds_recorded(sessions: sessionmaker[Session], mou_id: str) -> list[str]:
    with sessions() as session:
        query = select(AuditRow.what).where(AuditRow.mou_id == mou_id).order_by(AuditRow.seq, AuditRow.position)
        return list(session.scalars(query))
