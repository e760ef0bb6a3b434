"""Sending a user's action to the MoU's workflow: the one way the API changes an MoU."""

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends
from pydantic import BaseModel
from sqlalchemy.orm import Session
from temporalio.client import Client, WorkflowHandle

from api.access import visible_mou
from api.deps import CurrentUser, RequestId, SessionDep, TemporalDep
from mouflow.domain.actions import Action
from mouflow.domain.view import MouSummary
from mouflow.names import mou_workflow_id
from mouflow.store.access_tables import UserRow
from mouflow.store.users import to_actor
from workflows.mou import MouWorkflow


def mou_handle(client: Client, mou_id: str) -> WorkflowHandle[MouWorkflow, MouSummary]:
    return client.get_workflow_handle_for(MouWorkflow.run, mou_workflow_id(mou_id))


@dataclass(frozen=True)
class Writer:
    user: UserRow
    session: Session
    client: Client
    request_id: str

    async def act(
        self, mou_id: str, update: Any, action_type: type[Action], said: BaseModel, **extra: Any
    ) -> MouSummary:
        """The user's request plus who they are. Returns once the workflow accepted it and the store
        recorded it; the workflow re-checks party, role, stage and version itself."""
        visible_mou(session=self.session, user=self.user, mou_id=mou_id)
        action = action_type(actor=to_actor(self.user), request_id=self.request_id, **said.model_dump(), **extra)
        result: MouSummary = await mou_handle(self.client, mou_id).execute_update(update, action)
        return result


def writer(user: CurrentUser, session: SessionDep, client: TemporalDep, request_id: RequestId) -> Writer:
    return Writer(user=user, session=session, client=client, request_id=request_id)


WriterDep = Annotated[Writer, Depends(writer)]
