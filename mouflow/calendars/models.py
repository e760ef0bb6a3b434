"""What a calendar needs to know of an MoU, read from the projection by mouflow.store.calendar_entries."""

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict

from mouflow.domain.content import Bilingual
from mouflow.domain.enums import MilestoneStatus, Stage
from mouflow.domain.state import Ceremony


class FeedMilestone(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    term_number: int
    title: Bilingual
    owner_party_id: str
    due_date: date
    status: MilestoneStatus
    overdue: bool
    confirmed: bool
    last_seq: int  # the MoU transition that last changed this milestone


class FeedMou(BaseModel):
    model_config = ConfigDict(frozen=True)

    mou_id: str
    title: Bilingual
    stage: Stage
    executed: bool  # every party signed: a ceremony held for it stays in the calendar whatever comes later
    parties: dict[str, Bilingual]  # id -> name, owner first
    ceremony: Ceremony | None
    ceremonies_scheduled: int  # 1 once scheduled; each move adds one
    closed_at: datetime | None
    updated_at: datetime
    last_seq: int
    milestones: list[FeedMilestone]
