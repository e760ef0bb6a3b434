"""Sending a user's action to the MoU's workflow: the one way the API changes an MoU."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Annotated, Any, TypeVar

from fastapi import Depends
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel
from sqlalchemy.orm import Session
from temporalio.client import Client, WorkflowHandle
from temporalio.workflow import UpdateMethodMultiParam

from api.access import visible_mou
from api.deps import CurrentUser, RequestId, SessionDep, TemporalDep
from api.idempotency import Idempotency, IdempotencyDep
from mouflow.domain.actions import Action
from mouflow.domain.summaries import MouSummary
from mouflow.names import mou_workflow_id
from mouflow.store.access_tables import UserRow
from mouflow.store.db import transaction
from mouflow.store.tables import MouRow
from mouflow.store.users import to_actor
from workflows.mou import MouWorkflow

A = TypeVar("A", bound=Action)
# `MouWorkflow.submit` is a MouUpdate[Submit]: `Writer.act` takes it only with `Submit`, so mypy refuses a
# wrong pair (tests/api/test_update_typing.py), as `WorkflowHandle.execute_update` would
MouUpdate = UpdateMethodMultiParam[[MouWorkflow, A], MouSummary]
RowCheck = Callable[[MouRow], None]  # a route's own check of the MoU's row, before the Update is sent


def mou_handle(client: Client, mou_id: str) -> WorkflowHandle[MouWorkflow, MouSummary]:
    return client.get_workflow_handle_for(MouWorkflow.run, mou_workflow_id(mou_id))


@dataclass(frozen=True)
class Writer:
    user: UserRow
    session: Session
    client: Client
    request_id: str
    idempotency: Idempotency

    async def act(
        self,
        mou_id: str,
        update: MouUpdate[A],
        action_type: type[A],
        said: BaseModel,
        *,
        check: RowCheck | None = None,
        **extra: Any,
    ) -> MouSummary:
        """The user's request plus who they are. Returns once the workflow accepted it and the store
        recorded it; the workflow re-checks party, role, stage and version itself. `check` refuses the request
        from the MoU's row, read once with the access check, in the same transaction and worker thread."""
        earlier, recorded = await run_in_threadpool(self._look_before_acting, mou_id, check)
        if earlier is not None:
            return earlier
        handle = mou_handle(self.client, mou_id)
        if recorded:
            result: MouSummary = await handle.query(MouWorkflow.summary)
        else:
            action = action_type(actor=to_actor(self.user), request_id=self.request_id, **said.model_dump(), **extra)
            result = await handle.execute_update(update, action, id=self.idempotency.update_id)
        if self.idempotency.key is not None:  # no answer to keep: no trip to a thread
            await run_in_threadpool(keep_answer_at_once, self.session, self.idempotency, result, 200)
        return result

    def _look_before_acting(self, mou_id: str, check: RowCheck | None) -> tuple[MouSummary | None, bool]:
        """Access, the route's check, and what an Idempotency-Key says happened already; then the connection
        goes back to the pool, since the Update may take seconds and a pool held by waiting writes starves
        everyone."""
        with statements_alone(self.session):  # reads only
            row = visible_mou(session=self.session, user=self.user, mou_id=mou_id)
            if check is not None:
                check(row)
            earlier = self.idempotency.earlier_answer(MouSummary)
            return earlier, earlier is None and self.idempotency.was_recorded(mou_id)


def keep_answer_at_once(session: Session, idempotency: Idempotency, answer: BaseModel, status_code: int) -> None:
    """The answer kept at once, on a connection of its own, handed back in the worker thread that wrote it: the
    caller is on the event loop, where neither a commit nor a rollback may wait on the database, and a
    refused page then has nothing left to roll back there (api/problems.py `refusal`)."""
    with statements_alone(session):  # one insert, and now and then a delete of old answers: each stands alone
        idempotency.keep(answer, status_code)


@contextmanager
def release_connection(session: Session) -> Iterator[None]:
    """Ends the request's transaction early, committed or (when the block raises) rolled back, and hands its
    connection back to the pool before the route waits on Temporal, which may take seconds: a pool held by
    waiting writes starves everyone. The session stays usable: its next query checks a connection out
    again, in a new transaction that the request's scope ends (api/deps.py `get_session`)."""
    with transaction(session):
        yield


@contextmanager
def statements_alone(session: Session) -> Iterator[None]:
    """`release_connection` for a block whose statements each stand alone (reads, a single insert): in
    autocommit they need no BEGIN and no COMMIT, two round trips fewer on PostgreSQL. The connection goes back
    to the pool at the end all the same."""
    with transaction(session):
        if not session.in_transaction():  # a transaction begun before keeps its own isolation
            session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})
        yield


def writer(
    user: CurrentUser, session: SessionDep, client: TemporalDep, request_id: RequestId, idempotency: IdempotencyDep
) -> Writer:
    return Writer(user=user, session=session, client=client, request_id=request_id, idempotency=idempotency)


WriterDep = Annotated[Writer, Depends(writer)]
