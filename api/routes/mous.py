"""Starting, listing, reading and the drafting and closing of MoUs."""

import uuid
from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Path, Query, status
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from sqlalchemy.orm import Session
from temporalio.client import WorkflowHandle
from temporalio.common import WorkflowIDReusePolicy
from temporalio.exceptions import WorkflowAlreadyStartedError

from api.access import list_scope, visible_mou
from api.deps import CurrentUser, RequestId, SessionDep, SettingsDep, TemporalDep
from api.errors import ConflictError, ForbiddenError, NotFoundError, UnprocessableError
from api.idempotency import Idempotency, IdempotencyDep
from api.schemas import MouListItem, MouOut, MouPage, StartBody
from api.workflows import WriterDep, release_connection
from mouflow.domain.actions import (
    Close,
    CloseRequest,
    DecideRenewal,
    DraftRequest,
    ReasonRequest,
    RenewalRequest,
    Reopen,
    Revise,
    StartMou,
    Submit,
    SubmitRequest,
    Terminate,
    TerminationRequest,
)
from mouflow.domain.calendar import local_date
from mouflow.domain.content import DraftContent, Party
from mouflow.domain.dates import check_draft_dates
from mouflow.domain.drafting import check_draft_size, check_start
from mouflow.domain.enums import Stage
from mouflow.domain.summaries import MouSummary
from mouflow.names import mou_workflow_id
from mouflow.store.access_tables import UserRow
from mouflow.store.mous import get_mou, get_version, list_milestones, list_mous
from mouflow.store.parties import get_party, to_party
from mouflow.store.tables import MilestoneRow, MouRow
from mouflow.store.users import to_actor
from workflows.mou import MouWorkflow, MouWorkflowInput

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
    """An officer starts an MoU owned by their party, with partners from the registered parties."""
    start = await run_in_threadpool(_prepare_start, session, user, body, rid, idempotency)
    if isinstance(start, MouSummary):
        return start  # the answer this Idempotency-Key got before
    mou_id = start.mou_id
    handle = client.get_workflow_handle_for(MouWorkflow.run, mou_workflow_id(mou_id))
    try:
        await client.start_workflow(
            MouWorkflow.run,
            MouWorkflowInput(start=start),
            id=handle.id,
            task_queue=settings.task_queue,
            id_reuse_policy=WorkflowIDReusePolicy.REJECT_DUPLICATE,
        )
    except WorkflowAlreadyStartedError:
        if idempotency.key is None or not await _started_by(handle, start):
            raise ConflictError(f"an MoU with id {mou_id!r} exists already") from None
    summary = await handle.execute_update(MouWorkflow.stored)
    await run_in_threadpool(idempotency.keep, summary, status.HTTP_201_CREATED)
    return summary


def _prepare_start(
    session: Session, user: UserRow, body: StartBody, request_id: str, idempotency: Idempotency
) -> MouSummary | StartMou:
    """The answer this Idempotency-Key got before, or the checked start; the connection is back in
    the pool before the workflow starts."""
    with release_connection(session):
        earlier = idempotency.earlier_answer(MouSummary)
        if earlier is not None:
            return earlier
        check_draft_size(body.content)
        _require_agency(session, user.party_id)
        parties = [_party(session, party_id) for party_id in [user.party_id, *body.partner_ids]]
        mou_id = body.mou_id or idempotency.derived_mou_id(user.party_id) or f"{user.party_id}-{uuid.uuid4().hex[:10]}"
        start = StartMou(
            mou_id=mou_id,
            actor=to_actor(user),
            request_id=request_id,
            owner=parties[0],
            partners=parties[1:],
            content=body.content,
        )
        check_start(start)
        check_draft_dates(start.content, local_date(datetime.now(UTC)))
        row = get_mou(session=session, mou_id=mou_id)
        if row is not None:
            if not idempotency.was_recorded(mou_id):
                raise ConflictError(f"an MoU with id {mou_id!r} exists already")  # even after Temporal forgot it
            # this key's start is in the store: answer from it, never start the workflow again (it may
            # have ended, or Temporal may have forgotten it)
            answer = stored_summary(row)
            idempotency.keep(answer, status.HTTP_201_CREATED)
            return answer
        return start


def stored_summary(row: MouRow) -> MouSummary:
    return MouSummary.model_validate({field: row.status[field] for field in MouSummary.model_fields})


async def _started_by(handle: WorkflowHandle[MouWorkflow, MouSummary], start: StartMou) -> bool:
    """A retried start (same Idempotency-Key) finds the MoU its first attempt started."""
    first = (await handle.query(MouWorkflow.status)).versions[0]
    return first.author.user_id == start.actor.user_id and first.content == start.content


def _require_agency(session: Session, party_id: str) -> None:
    owner = get_party(session=session, party_id=party_id)
    if owner is None or not owner.owns_mous:
        raise ForbiddenError(
            f"{party_id!r} is a partner region: it reviews and signs the MoUs it is party to; "
            "a Hong Kong agency starts them"
        )


def _party(session: Session, party_id: str) -> Party:
    row = get_party(session=session, party_id=party_id)
    if row is None:
        raise UnprocessableError(f"there is no party {party_id!r}; GET /parties lists them")
    return to_party(row)


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
    rows = list_mous(
        session=session,
        visible_to=list_scope(session, user),
        party_id=party,
        stage=stage.value if stage else None,
        overdue=overdue,
        text=q,
        after=cursor,
        limit=limit,
    )
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
def get_one(mou_id: str, user: CurrentUser, session: SessionDep) -> JSONResponse:
    """The MoU's status with its milestones. The projection keeps the status as the JSON this answers
    (written from a validated MouStatus), so it goes out as it is, not parsed and validated again."""
    row = visible_mou(session=session, user=user, mou_id=mou_id)
    milestones = [_milestone_json(m) for m in list_milestones(session=session, mou_id=mou_id)]
    return JSONResponse({**row.status, "milestones": milestones})


def _milestone_json(row: MilestoneRow) -> dict[str, object]:
    return {  # MilestoneOut
        "id": row.milestone_id,
        "term_number": row.term_number,
        "title": {"en": row.title_en, "zh": row.title_zh},
        "owner_party_id": row.owner_party_id,
        "due_date": row.due_date.isoformat(),
        "status": row.status,
        "overdue": row.overdue,
        "confirmed": row.confirmed,
    }


@router.get("/{mou_id}/versions/{number}")
def get_draft(
    mou_id: str, number: Annotated[int, Path(ge=1, le=1_000_000)], user: CurrentUser, session: SessionDep
) -> DraftContent:
    visible_mou(session=session, user=user, mou_id=mou_id)
    version = get_version(session=session, mou_id=mou_id, number=number)
    if version is None:
        raise NotFoundError(f"MoU {mou_id!r} has no version {number}")
    return DraftContent.model_validate(version.content)


@router.put("/{mou_id}/draft")
async def new_draft(mou_id: str, body: DraftRequest, writer: WriterDep) -> MouSummary:
    """A new numbered draft version; earlier versions are kept, and approvals of them cleared."""
    check_draft_size(body.content)  # before it travels: a payload over Temporal's limit would not arrive
    return await writer.act(mou_id, MouWorkflow.revise, Revise, body)


@router.post("/{mou_id}/submit")
async def submit(mou_id: str, body: SubmitRequest, writer: WriterDep) -> MouSummary:
    return await writer.act(mou_id, MouWorkflow.submit, Submit, body)


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
