"""Reports for managers who audit milestone progress across all MoUs."""

import asyncio
from datetime import UTC, date, datetime
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel
from sqlalchemy.orm import Session

from api.access import require_auditor
from api.deps import CurrentUser, SessionDep, TemporalDep
from api.errors import NotFoundError, UnavailableError
from api.workflows import mou_handle, release_connection
from mouflow.documents.models import DocumentKind, RenderDocument
from mouflow.documents.renderer import DocumentRenderer
from mouflow.documents.storage import DocumentStorage
from mouflow.domain.calendar import MOU_TIME_ZONE
from mouflow.store.access_tables import UserRow
from mouflow.store.mous import list_mous
from mouflow.store.reports import LIVE_STAGES, overdue_and_upcoming
from workflows.mou import MouWorkflow

router = APIRouter(prefix="/reports", tags=["reports"])


class MilestoneLine(BaseModel):
    mou_id: str
    mou_title_en: str
    mou_stage: str  # "in_force", or "signed": every party signed but the effective date is still ahead
    milestone_id: str
    title_en: str
    title_zh: str
    owner_party_id: str
    due_date: date
    status: str
    overdue: bool


class MilestoneReport(BaseModel):
    as_of: date
    days_ahead: int
    overdue: list[MilestoneLine]
    upcoming: list[MilestoneLine]


MAX_MOUS_IN_PDF = 100  # each MoU is one Temporal query; a bigger audit is a batch job, not a request


@router.get("/milestones.pdf", response_class=Response, responses={200: {"content": {"application/pdf": {}}}})
async def milestones_pdf(
    request: Request,
    user: CurrentUser,
    session: SessionDep,
    client: TemporalDep,
    party: Annotated[str | None, Query(max_length=64, description="only this party's MoUs")] = None,
) -> Response:
    """The progress report as a PDF: every milestone of the MoUs signed or in force, each with its stage."""
    mou_ids = await run_in_threadpool(_live_mou_ids, session, user, party)
    if not mou_ids:
        raise NotFoundError("no MoU signed or in force" + (f" with party {party!r}" if party else ""))
    states = await asyncio.gather(*(mou_handle(client, mou_id).query(MouWorkflow.status) for mou_id in mou_ids))
    report = RenderDocument(
        workflow_id="report",
        kind=DocumentKind.PROGRESS_REPORT,
        mou=states[0],
        more_mous=list(states[1:]),
        as_of=datetime.now(UTC),
    )
    renderer: DocumentRenderer = request.app.state.renderer
    ref = await run_in_threadpool(renderer.render, report)
    storage: DocumentStorage = request.app.state.storage
    try:
        pdf = storage.read(ref.sha256)
    except FileNotFoundError:
        raise UnavailableError("the report is recorded but its file is not in storage; try again") from None
    return Response(pdf, media_type="application/pdf", headers={"ETag": f'"{ref.sha256}"'})


def _live_mou_ids(session: Session, user: UserRow, party: str | None) -> list[str]:
    """Off the event loop, and the connection back in the pool before up to 100 Temporal queries."""
    with release_connection(session):
        require_auditor(session, user)
        rows = [
            row
            for stage in LIVE_STAGES
            for row in list_mous(session=session, visible_to=None, party_id=party, stage=stage, limit=MAX_MOUS_IN_PDF)
        ]
        return [row.id for row in rows[:MAX_MOUS_IN_PDF]]


@router.get("/milestones")
def milestones(
    user: CurrentUser, session: SessionDep, days_ahead: Annotated[int, Query(ge=0, le=366)] = 30
) -> MilestoneReport:
    """Overdue milestones, and those due within `days_ahead` days, across every MoU signed or in force.

    A signed MoU's milestones are listed too, labelled by `mou_stage`: its first ones fall due soon after
    the effective date, and a manager prepares for them before that date comes.
    """
    require_auditor(session, user)
    today = datetime.now(MOU_TIME_ZONE).date()
    lines = [
        MilestoneLine(
            mou_id=mou.id,
            mou_title_en=mou.title_en,
            mou_stage=mou.stage,
            milestone_id=m.milestone_id,
            title_en=m.title_en,
            title_zh=m.title_zh,
            owner_party_id=m.owner_party_id,
            due_date=m.due_date,
            status=m.status,
            overdue=m.overdue,
        )
        for m, mou in overdue_and_upcoming(session=session, today=today, days_ahead=days_ahead)
    ]
    return MilestoneReport(
        as_of=today,
        days_ahead=days_ahead,
        overdue=[line for line in lines if line.overdue],
        upcoming=[line for line in lines if not line.overdue],
    )
