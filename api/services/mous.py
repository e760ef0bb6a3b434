"""Starting MoUs, and reading them from the projection. Every later change is a workflow Update, sent by
api/workflows.py `Writer`."""

import uuid
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from fastapi.concurrency import run_in_threadpool
from sqlalchemy.orm import Session
from temporalio.client import Client, WorkflowHandle
from temporalio.common import WorkflowIDReusePolicy
from temporalio.exceptions import WorkflowAlreadyStartedError

from api.access import list_scope, visible_mou
from api.idempotency import Idempotency
from api.schemas import StartBody, StartEachBody, TextOrCopy
from api.workflows import keep_answer_at_once, mou_handle, release_connection
from mouflow.domain.actions import StartMou
from mouflow.domain.calendar import local_date
from mouflow.domain.content import DraftContent, MilestonePlanItem, Party
from mouflow.domain.dates import check_draft_dates
from mouflow.domain.drafting import check_draft_size, check_start
from mouflow.domain.enums import Role
from mouflow.domain.state import ReviewComment
from mouflow.domain.summaries import MouStatus, MouSummary
from mouflow.errors import ConflictError, Forbidden, ForbiddenError, InvalidError, InvalidInput, NotFoundError
from mouflow.store.access_tables import UserRow
from mouflow.store.db import transaction
from mouflow.store.mous import get_mou, get_version, list_mous
from mouflow.store.parties import get_party, to_party
from mouflow.store.status_answers import Reader, read_visible_status
from mouflow.store.tables import MouRow
from mouflow.store.users import to_actor
from workflows.mou import MouWorkflow, MouWorkflowInput

STARTED = 201  # the status a start's kept answer is recorded with (api/idempotency.py)
# in one text for several partners, a milestone owned by `partner` is owned by each MoU's own partner
EACH_PARTNER = "partner"


@dataclass(frozen=True)
class Starting:
    """What a start needs besides the user and the session."""

    body: StartBody
    request_id: str
    idempotency: Idempotency


@dataclass(frozen=True)
class EachStarting:
    """What a start of one MoU per partner needs besides the user and the session."""

    body: StartEachBody
    request_id: str
    idempotency: Idempotency


async def start_mou(
    *, session: Session, user: UserRow, client: Client, task_queue: str, starting: Starting
) -> MouSummary:
    """An officer starts an MoU owned by their party, with partners from the registered parties."""
    idempotency = starting.idempotency
    start = await run_in_threadpool(_prepare_start, session, user, starting)
    if isinstance(start, MouSummary):
        return start  # the answer this Idempotency-Key got before
    handle = mou_handle(client, start.mou_id)
    try:
        await client.start_workflow(
            MouWorkflow.run,
            MouWorkflowInput(start=start),
            id=handle.id,
            task_queue=task_queue,
            id_reuse_policy=WorkflowIDReusePolicy.REJECT_DUPLICATE,
        )
    except WorkflowAlreadyStartedError:
        if idempotency.key is None or not await _started_by(handle, start):
            raise ConflictError(f"an MoU with id {start.mou_id!r} exists already") from None
    summary = await handle.execute_update(MouWorkflow.stored)
    await run_in_threadpool(keep_answer_at_once, session, idempotency, summary, STARTED)
    return summary


def _prepare_start(session: Session, user: UserRow, starting: Starting) -> MouSummary | StartMou:
    """The answer this Idempotency-Key got before, or the checked start; the connection is back in
    the pool before the workflow starts."""
    idempotency = starting.idempotency
    with release_connection(session):
        earlier = idempotency.earlier_answer(MouSummary)
        if earlier is not None:
            return earlier
        start = _checked_start(session, user, starting)
        row = get_mou(session=session, mou_id=start.mou_id)
        if row is None:
            return start
        if not idempotency.was_recorded(start.mou_id):
            raise ConflictError(f"an MoU with id {start.mou_id!r} exists already")  # even after Temporal forgot it
        # this key's start is in the store: answer from it, never start the workflow again (it may
        # have ended, or Temporal may have forgotten it)
        answer = stored_summary(row)
        idempotency.keep(answer, STARTED)
        return answer


def _checked_start(session: Session, user: UserRow, starting: Starting) -> StartMou:
    body, idempotency = starting.body, starting.idempotency
    content = text_of(session, user, body)
    check_draft_size(content)
    _require_agency(session, user.party_id)
    parties = [_party(session, party_id) for party_id in [user.party_id, *body.partner_ids]]
    mou_id = body.mou_id or idempotency.derived_mou_id(user.party_id) or f"{user.party_id}-{uuid.uuid4().hex[:10]}"
    start = StartMou(
        mou_id=mou_id,
        actor=to_actor(user),
        request_id=starting.request_id,
        owner=parties[0],
        partners=parties[1:],
        content=content,
    )
    check_start(start)
    check_draft_dates(start.content, local_date(datetime.now(UTC)))
    return start


def text_of(session: Session, user: UserRow, body: TextOrCopy) -> DraftContent:
    """The text as written, or a copy of the latest version of an MoU the user may see."""
    if body.content is not None:
        return body.content
    assert body.copy_of is not None  # TextOrCopy holds one or the other
    return latest_draft(session=session, user=user, mou_id=body.copy_of)


def latest_draft(*, session: Session, user: UserRow, mou_id: str) -> DraftContent:
    row = visible_mou(session=session, user=user, mou_id=mou_id)
    return read_draft(session=session, user=user, mou_id=mou_id, number=row.current_version)


async def start_each(
    *, session: Session, user: UserRow, client: Client, task_queue: str, each: EachStarting
) -> list[MouSummary]:
    """One text for several partners: one MoU per partner (the owner and that partner), each its own
    MoU afterwards, with the id `<owner>-<partner>-<year>`. Every start is checked before the first one
    starts, so a text one partner's MoU would refuse starts none."""
    starts = await run_in_threadpool(_each_start, session, user, each)
    return [
        await start_mou(session=session, user=user, client=client, task_queue=task_queue, starting=one)
        for one in starts
    ]


def _each_start(session: Session, user: UserRow, each: EachStarting) -> list[Starting]:
    body = each.body
    with release_connection(session):
        if len(set(body.partner_ids)) != len(body.partner_ids) or user.party_id in body.partner_ids:
            raise InvalidInput("each party may appear only once", field="partner_ids")
        content = text_of(session, user, body)
        starts = [_one_partners(session, user, each, content, partner) for partner in body.partner_ids]
        for one in starts:
            _checked_start(session, user, one)
        return starts


def _one_partners(session: Session, user: UserRow, each: EachStarting, content: DraftContent, partner: str) -> Starting:
    """One partner's start; under an Idempotency-Key, a key of its own derived from it, so a retried
    batch gets each MoU's first answer back."""
    year = (content.effective_date or local_date(datetime.now(UTC))).year
    key = each.idempotency.key
    idempotency = replace(each.idempotency, key=None if key is None else partner_key(key, partner))
    mou_id = _free_mou_id(session, f"{user.party_id}-{partner}-{year}", idempotency)
    body = StartBody(mou_id=mou_id, partner_ids=[partner], content=for_partner(content, partner))
    return Starting(body=body, request_id=partner_key(each.request_id, partner), idempotency=idempotency)


def partner_key(key: str, partner: str) -> str:
    """One partner's Idempotency-Key (and request id) in a batch sent with `key`."""
    return f"{key[:80]}:{partner}"


def for_partner(content: DraftContent, partner: str) -> DraftContent:
    """The text with the milestones owned by `partner` owned by this MoU's partner."""
    milestones = [_owned_by(item, partner) for item in content.milestones]
    return content.model_copy(update={"milestones": milestones})


def _owned_by(item: MilestonePlanItem, partner: str) -> MilestonePlanItem:
    return item.model_copy(update={"owner_party_id": partner}) if item.owner_party_id == EACH_PARTNER else item


def _free_mou_id(session: Session, wanted: str, idempotency: Idempotency) -> str:
    """`hkte-qianhai-2025`, or `hkte-qianhai-2025-2` when an MoU has that id already; but the id this
    partner's key started before, when a retry finds it (its first attempt started it and never kept the
    answer), so the retry answers from that MoU instead of starting a second one."""
    candidate, number = wanted, 1
    while get_mou(session=session, mou_id=candidate) is not None:
        if idempotency.was_recorded(candidate):
            return candidate
        number += 1
        candidate = f"{wanted}-{number}"
    return candidate


def stored_summary(row: MouRow) -> MouSummary:
    return MouSummary.model_validate({field: row.status[field] for field in MouSummary.model_fields})


async def _started_by(handle: WorkflowHandle[MouWorkflow, MouSummary], start: StartMou) -> bool:
    """A retried start (same Idempotency-Key) finds the MoU its first attempt started."""
    first = (await handle.query(MouWorkflow.status)).versions[0]
    return first.author.user_id == start.actor.user_id and first.content == start.content


def require_may_start(session: Session, user: UserRow) -> None:
    """What `POST /mous` asks of the user before any text: an officer of a party that starts MoUs."""
    _require_agency(session, user.party_id)
    if user.role != Role.OFFICER:
        raise Forbidden("only an officer of the owning party {owner!r} may start an MoU", owner=user.party_id)


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
        raise InvalidError(f"there is no party {party_id!r}; GET /parties lists them")
    return to_party(row)


@dataclass(frozen=True)
class MouFilter:
    """What a list of MoUs is narrowed to; None is any. `after` is the last id of the previous page."""

    party_id: str | None = None
    stage: str | None = None
    overdue: bool | None = None
    text: str | None = None
    after: str | None = None


def list_visible_mous(*, session: Session, user: UserRow, where: MouFilter, limit: int) -> list[MouRow]:
    """The MoUs the user may see that match, in id order: the API's list and the list page alike."""
    return list_mous(
        session=session,
        visible_to=list_scope(session, user),
        party_id=where.party_id,
        stage=where.stage,
        overdue=where.overdue,
        text=where.text,
        after=where.after,
        limit=limit,
    )


def read_mou_status(*, session: Session, user: UserRow, mou_id: str) -> dict[str, object]:
    """The MoU's status with its milestones, as the JSON the API answers: the projection keeps that whole
    answer (written from a validated MouStatus), so it is one statement with the access check in it, and it
    goes out as it is, not parsed again. The connection goes back to the pool in the caller's thread."""
    reader = Reader(party_id=user.party_id, is_manager=user.role == Role.MANAGER.value)
    with transaction(session):
        status = read_visible_status(session=session, reader=reader, mou_id=mou_id)
    if status is None:
        raise NotFoundError(f"there is no MoU {mou_id!r}")
    return status


def read_comments(*, session: Session, user: UserRow, mou_id: str) -> list[ReviewComment]:
    row = visible_mou(session=session, user=user, mou_id=mou_id)
    return MouStatus.model_validate(row.status).comments


def read_draft(*, session: Session, user: UserRow, mou_id: str, number: int) -> DraftContent:
    visible_mou(session=session, user=user, mou_id=mou_id)
    version = get_version(session=session, mou_id=mou_id, number=number)
    if version is None:
        raise NotFoundError(f"MoU {mou_id!r} has no version {number}")
    return DraftContent.model_validate(version.content)
