"""Reports for managers who audit milestone progress across all MoUs."""

import asyncio
from dataclasses import dataclass
from datetime import UTC, date, datetime

from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel
from sqlalchemy.orm import Session
from temporalio.client import Client

from api.access import require_auditor
from api.workflows import mou_handle, release_connection
from mouflow.documents.models import DocumentKind, RenderDocument
from mouflow.documents.renderer import DocumentRenderer
from mouflow.documents.storage import DocumentStorage
from mouflow.domain.calendar import MOU_TIME_ZONE
from mouflow.errors import NotFoundError, UnavailableError
from mouflow.store.access_tables import UserRow
from mouflow.store.mous import list_mous
from mouflow.store.reports import LIVE_STAGES, overdue_and_upcoming
from mouflow.store.tables import MilestoneRow, MouRow
from workflows.mou import MouWorkflow

MAX_MOUS_IN_PDF = 100  # each MoU is one Temporal query; a bigger audit is a batch job, not a request


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


@dataclass(frozen=True)
class Printed:
    """A rendered report: its bytes, named by their SHA-256."""

    sha256: str
    pdf: bytes


@dataclass(frozen=True)
class Printing:
    """What rendering a report needs besides the user and the session."""

    client: Client
    renderer: DocumentRenderer
    storage: DocumentStorage


async def print_progress_report(*, session: Session, user: UserRow, printing: Printing, party: str | None) -> Printed:
    """Every milestone of the MoUs signed or in force, each with its stage, as one PDF."""
    mou_ids = await run_in_threadpool(_live_mou_ids, session, user, party)
    if not mou_ids:
        raise NotFoundError("no MoU signed or in force" + (f" with party {party!r}" if party else ""))
    handles = [mou_handle(printing.client, mou_id) for mou_id in mou_ids]
    states = await asyncio.gather(*(handle.query(MouWorkflow.status) for handle in handles))
    report = RenderDocument(
        workflow_id="report",
        kind=DocumentKind.PROGRESS_REPORT,
        mou=states[0],
        more_mous=list(states[1:]),
        as_of=datetime.now(UTC),
    )
    ref = await run_in_threadpool(printing.renderer.render, report)
    try:
        return Printed(sha256=ref.sha256, pdf=printing.storage.read(ref.sha256))
    except FileNotFoundError:
        raise UnavailableError("the report is recorded but its file is not in storage; try again") from None


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


def report_milestones(*, session: Session, user: UserRow, days_ahead: int) -> MilestoneReport:
    """Overdue milestones, and those due within `days_ahead` days, across every MoU signed or in force."""
    require_auditor(session, user)
    today = datetime.now(MOU_TIME_ZONE).date()
    found = overdue_and_upcoming(session=session, today=today, days_ahead=days_ahead)
    lines = [_line(milestone, mou) for milestone, mou in found]
    return MilestoneReport(
        as_of=today,
        days_ahead=days_ahead,
        overdue=[line for line in lines if line.overdue],
        upcoming=[line for line in lines if not line.overdue],
    )


def _line(milestone: MilestoneRow, mou: MouRow) -> MilestoneLine:
    return MilestoneLine(
        mou_id=mou.id,
        mou_title_en=mou.title_en,
        mou_stage=mou.stage,
        milestone_id=milestone.milestone_id,
        title_en=milestone.title_en,
        title_zh=milestone.title_zh,
        owner_party_id=milestone.owner_party_id,
        due_date=milestone.due_date,
        status=milestone.status,
        overdue=milestone.overdue,
    )
