"""Starting, listing, reading and the drafting and closing of MoUs over HTTP (api/services/mous.py; every
change after the start is a workflow Update, through api/workflows.py `Writer`)."""

from functools import partial
from typing import Annotated

from fastapi import APIRouter, Path, Query, status
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

from api.deps import CurrentUser, RequestId, SessionDep, SettingsDep, TemporalDep
from api.idempotency import IdempotencyDep
from api.schemas import MouListItem, MouOut, MouPage, StartBody, StartEachBody, SubmitBody
from api.services import mous as service
from api.services.authenticity import require_confirmed_on
from api.services.mous import EachStarting, MouFilter, Starting, list_visible_mous, read_draft, read_mou_status
from api.workflows import Writer, WriterDep
from mouflow.domain.actions import (
    Close,
    CloseRequest,
    DecideRenewal,
    DraftRequest,
    ReasonRequest,
    RenewalRequest,
    Reopen,
    Revise,
    Submit,
    Terminate,
    TerminationRequest,
)
from mouflow.domain.content import DraftContent
from mouflow.domain.drafting import check_draft_size
from mouflow.domain.enums import Stage
from mouflow.domain.summaries import MouSummary
from mouflow.store.tables import MouRow
from workflows.mou import MouWorkflow

router = APIRouter(prefix="/mous", tags=["mous"])


@router.post("", status_code=status.HTTP_201_CREATED)
async def start_mou(
    body: StartBody,
    user: CurrentUser,
    session: SessionDep,
    client: TemporalDep,
    settings: SettingsDep,
    rid: RequestId,
    idempotency: IdempotencyDep,
) -> MouSummary:
    """An officer starts an MoU owned by their party, with partners from the registered parties; its text
    written out (`content`) or copied from the latest version of an MoU they may see (`copy_of`)."""
    starting = Starting(body=body, request_id=rid, idempotency=idempotency)
    task_queue = settings.task_queue
    return await service.start_mou(session=session, user=user, client=client, task_queue=task_queue, starting=starting)


@router.post("/batch", status_code=status.HTTP_201_CREATED)
async def start_each(
    body: StartEachBody,
    user: CurrentUser,
    session: SessionDep,
    client: TemporalDep,
    settings: SettingsDep,
    rid: RequestId,
    idempotency: IdempotencyDep,
) -> list[MouSummary]:
    """One text for several partners: one MoU per partner, `<owner>-<partner>-<year>`, each its own MoU
    afterwards. A milestone owned by `partner` is owned by each MoU's partner. All are checked before any starts."""
    each = EachStarting(body=body, request_id=rid, idempotency=idempotency)
    task_queue = settings.task_queue
    return await service.start_each(session=session, user=user, client=client, task_queue=task_queue, each=each)


@router.get("")
def list_all(
    user: CurrentUser,
    session: SessionDep,
    party: str | None = None,
    stage: Stage | None = None,
    overdue: bool | None = None,
    q: Annotated[str | None, Query(max_length=200, description="text in the English or Chinese title")] = None,
    cursor: Annotated[str | None, Query(max_length=64)] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> MouPage:
    where = MouFilter(party_id=party, stage=stage.value if stage else None, overdue=overdue, text=q, after=cursor)
    rows = list_visible_mous(session=session, user=user, where=where, limit=limit)
    return MouPage(items=[_list_item(row) for row in rows], next_cursor=rows[-1].id if len(rows) == limit else None)


def _list_item(row: MouRow) -> MouListItem:
    return MouListItem(
        mou_id=row.id,
        title_en=row.title_en,
        title_zh=row.title_zh,
        stage=row.stage,
        party_ids=row.party_ids,
        has_overdue=row.has_overdue,
        current_version=row.current_version,
        next_deadline=row.next_deadline,
        updated_at=row.updated_at,
    )


@router.get("/{mou_id}", response_model=MouOut)
async def get_one(mou_id: str, user: CurrentUser, session: SessionDep) -> JSONResponse:
    """The MoU's status with its milestones. The projection keeps the whole answer as JSON (written from a
    validated MouStatus), so it is one query and goes out as it is, not parsed and validated again. Async, so
    that the request makes one trip to a worker thread, for that query, and none for the token or the session."""
    status = await run_in_threadpool(partial(read_mou_status, session=session, user=user, mou_id=mou_id))
    return JSONResponse(status)


@router.get("/{mou_id}/versions/{number}")
def get_draft(
    mou_id: str, number: Annotated[int, Path(ge=1, le=1_000_000)], user: CurrentUser, session: SessionDep
) -> DraftContent:
    return read_draft(session=session, user=user, mou_id=mou_id, number=number)


@router.put("/{mou_id}/draft")
async def new_draft(mou_id: str, body: DraftRequest, writer: WriterDep) -> MouSummary:
    """A new numbered draft version; earlier versions are kept, and approvals of them cleared."""
    check_draft_size(body.content)  # before it travels: a payload over Temporal's limit would not arrive
    return await writer.act(mou_id, MouWorkflow.revise, Revise, body)


@router.post("/{mou_id}/submit")
async def submit(mou_id: str, body: SubmitBody, writer: WriterDep) -> MouSummary:
    """Opens a review round. A text changed in one language only since the last version submitted needs
    `confirm_one_language: true`; without it, 422 naming that field and listing the changes."""
    check = partial(_require_confirmed, writer, body)  # on the row the write reads for its access check
    return await writer.act(mou_id, MouWorkflow.submit, Submit, body.said(), check=check)


def _require_confirmed(writer: Writer, body: SubmitBody, row: MouRow) -> None:
    version, confirmed = body.version, body.confirm_one_language
    require_confirmed_on(session=writer.session, user=writer.user, row=row, version=version, confirmed=confirmed)


@router.post("/{mou_id}/renewal")
async def decide_renewal(mou_id: str, body: RenewalRequest, writer: WriterDep) -> MouSummary:
    return await writer.act(mou_id, MouWorkflow.decide_renewal, DecideRenewal, body)


@router.post("/{mou_id}/withdrawal")
async def withdraw(mou_id: str, body: CloseRequest, writer: WriterDep) -> MouSummary:
    return await writer.act(mou_id, MouWorkflow.withdraw, Close, body)


@router.post("/{mou_id}/termination")
async def terminate(mou_id: str, body: TerminationRequest, writer: WriterDep) -> MouSummary:
    """Give written notice (`by: notice`, the default): the MoU stays in force until the notice period of its
    text has run. Or consent to end it at once (`by: agreement`): it ends when every party's officer has."""
    return await writer.act(mou_id, MouWorkflow.terminate, Terminate, body)


@router.post("/{mou_id}/reopening")
async def reopen(mou_id: str, body: ReasonRequest, writer: WriterDep) -> MouSummary:
    """The owner takes the approved version back to drafting: every approval is cleared, every party told."""
    return await writer.act(mou_id, MouWorkflow.reopen, Reopen, body)
