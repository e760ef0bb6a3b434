"""Rebuilds the SQL projection of every MoU from its workflow, Temporal being the source of truth.

    python -m ops.rebuild

Writes `mous`, `mou_parties`, `mou_versions` and `mou_milestones` again from each MoU workflow's `status`
query (its whole MouState). A closed workflow is asked the same query: Temporal answers it for as long as
the history is kept (the namespace's retention) by replaying it on a worker, so the worker must be running.
The workflow's result, a MouSummary, would not do: it holds neither the draft texts nor the milestones.
The audit log is not a projection and is left as it is. Exits 1 when a workflow could not be read.
"""

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy.orm import Session, sessionmaker
from temporalio.client import Client
from temporalio.exceptions import TemporalError

from mouflow.audit_key import audit_key
from mouflow.config import Settings
from mouflow.domain.state import MouState
from mouflow.sessions import sessions_from
from mouflow.store.db import make_engine, session_scope
from mouflow.store.migrate import create_schema
from mouflow.store.rebuild import rebuild_mou
from mouflow.temporal import connect
from ops.cli import audit
from ops.seed import exit_at_once
from workflows.mou import MouWorkflow

# each run of a chain is listed; only the newest, the one a handle without a run id reaches, is the MoU
LIVE_RUNS = f"WorkflowType = '{MouWorkflow.__name__}' AND ExecutionStatus != 'ContinuedAsNew'"
BATCH = 100  # workflows listed per page, queried together and written in one transaction
QUERIES_AT_ONCE = 8  # a closed workflow's query replays its history on the worker: a few at a time
QUERY_TIMEOUT = timedelta(seconds=30)
PASSES = 3  # a busy MoU's rows may move on between its query and its write: it is asked again


@dataclass
class Rebuilt:
    written: list[str] = field(default_factory=list)
    newer_in_store: list[str] = field(default_factory=list)  # still, after every pass
    failed: dict[str, str] = field(default_factory=dict)  # workflow id -> why it could not be read

    def lines(self) -> list[str]:
        summary = f"rebuilt {len(self.written)} MoU(s); {len(self.newer_in_store)} newer in the store already"
        return [summary, *(f"not rebuilt {workflow_id}: {why}" for workflow_id, why in self.failed.items())]


async def rebuild_all(client: Client, sessions: sessionmaker[Session]) -> Rebuilt:
    rebuilt = Rebuilt()
    async for batch in _batches(client):
        for _ in range(PASSES):
            batch = await _rebuild_batch(client, sessions, batch, rebuilt)
        rebuilt.newer_in_store += batch
    return rebuilt


async def _rebuild_batch(
    client: Client, sessions: sessionmaker[Session], workflow_ids: list[str], rebuilt: Rebuilt
) -> list[str]:
    """Returns the ids whose rows were newer than their workflow's answer: a transition recorded since the
    query. On rows emptied before, that transition wrote only what it changed, so they are asked again."""
    states = await _states(client, workflow_ids, rebuilt)
    newer: list[str] = []
    with session_scope(sessions) as session:
        for workflow_id, state in states.items():
            written = rebuild_mou(session=session, workflow_id=workflow_id, state=state)
            (rebuilt.written if written else newer).append(workflow_id)
    return newer


async def _batches(client: Client) -> AsyncIterator[list[str]]:
    """Workflow ids a page at a time, each once: an id reused after a closed run is listed once per run."""
    seen: set[str] = set()
    batch: list[str] = []
    async for execution in client.list_workflows(LIVE_RUNS, page_size=BATCH):
        if execution.id not in seen:
            seen.add(execution.id)
            batch.append(execution.id)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


async def _states(client: Client, workflow_ids: list[str], rebuilt: Rebuilt) -> dict[str, MouState]:
    turns = asyncio.Semaphore(QUERIES_AT_ONCE)

    async def state_of(workflow_id: str) -> MouState | None:
        async with turns:
            handle = client.get_workflow_handle_for(MouWorkflow.run, workflow_id)
            try:
                return await handle.query(MouWorkflow.status, rpc_timeout=QUERY_TIMEOUT)
            except TemporalError as error:  # a query the worker cannot answer, or a history no longer kept
                rebuilt.failed[workflow_id] = str(error) or type(error).__name__
                return None

    states = await asyncio.gather(*(state_of(workflow_id) for workflow_id in workflow_ids))
    return {workflow_id: state for workflow_id, state in zip(workflow_ids, states, strict=True) if state}


async def run(settings: Settings) -> int:
    engine = make_engine(settings.resolved_database_url)
    create_schema(engine, audit_key=audit_key(settings))  # a store lost whole is rebuilt into a new one
    sessions = sessions_from(settings, engine)
    rebuilt = await rebuild_all(await connect(settings), sessions)
    with session_scope(sessions) as session:
        audit(session, "projection_rebuilt", rebuilt.lines()[0] + f", {len(rebuilt.failed)} not read")
    print("\n".join(rebuilt.lines()), flush=True)
    return 1 if rebuilt.failed else 0


def main() -> None:
    exit_at_once(asyncio.run(run(Settings())))


if __name__ == "__main__":
    main()
