"""Reports for managers who audit milestone progress across all MoUs."""

from datetime import date, datetime
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel

from api.access import require_role
from api.deps import CurrentUser, SessionDep
from mouflow.domain.calendar import MOU_TIME_ZONE
from mouflow.domain.enums import Role
from mouflow.store.reports import overdue_and_upcoming

router = APIRouter(prefix="/reports", tags=["reports"])


class MilestoneLine(BaseModel):
    mou_id: str
    mou_title_en: str
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


@router.get("/milestones")
def milestones(
    user: CurrentUser, session: SessionDep, days_ahead: Annotated[int, Query(ge=0, le=366)] = 30
) -> MilestoneReport:
    """Overdue milestones, and those due within `days_ahead` days, across every MoU in force."""
    require_role(user, Role.MANAGER)
    today = datetime.now(MOU_TIME_ZONE).date()
    lines = [
        MilestoneLine(
            mou_id=mou.id,
            mou_title_en=mou.title_en,
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
