"""What waits on one party: reviews, signatures and milestone reports, with their deadlines."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from mouflow.domain.calendar import MOU_TIME_ZONE
from mouflow.store.reports import in_current_term
from mouflow.store.tables import MilestoneRow, MouPartyRow, MouRow

WAITING_STAGES = ("in_review", "ready_to_sign")
MAX_ITEMS = 500  # an inbox longer than this is a backlog for a report, not a page


@dataclass(frozen=True)
class InboxItem:
    kind: str  # review, signature, progress
    mou_id: str
    title_en: str
    title_zh: str
    deadline: datetime | None  # none for a signature before the ceremony is set
    milestone_id: str | None = None
    milestone_title: str | None = None
    overdue: bool = False


def inbox(*, session: Session, party_id: str, today: date, days_ahead: int = 60) -> list[InboxItem]:
    items = _reviews_and_signatures(session, party_id) + _milestones(session, party_id, today, days_ahead)
    far = datetime.max.replace(tzinfo=UTC)
    return sorted(items, key=lambda item: (item.deadline or far, item.mou_id, item.milestone_id or ""))


def _reviews_and_signatures(session: Session, party_id: str) -> list[InboxItem]:
    query = (
        select(MouRow)
        .join(MouPartyRow, MouPartyRow.mou_id == MouRow.id)
        .where(MouPartyRow.party_id == party_id, MouRow.stage.in_(WAITING_STAGES))
        .order_by(MouRow.id)
        .limit(MAX_ITEMS)
    )
    items = []
    for row in session.scalars(query):
        status: dict[str, Any] = row.status
        if row.stage == "in_review" and party_id in status["awaiting_review"]:
            deadline = (status.get("review_round") or {}).get("deadline")
            items.append(_item("review", row, deadline))
        elif row.stage == "ready_to_sign" and party_id not in status["signed_by"]:
            ceremony = status.get("ceremony") or {}
            items.append(_item("signature", row, ceremony.get("starts_at")))
    return items


def _item(kind: str, row: MouRow, deadline: object) -> InboxItem:
    when = datetime.fromisoformat(deadline) if isinstance(deadline, str) else None
    return InboxItem(kind, row.id, row.title_en, row.title_zh, when)


def _milestones(session: Session, party_id: str, today: date, days_ahead: int) -> list[InboxItem]:
    query = in_current_term(select(MilestoneRow, MouRow)).where(
        MilestoneRow.owner_party_id == party_id,
        MilestoneRow.status != "done",
        or_(MilestoneRow.overdue, MilestoneRow.due_date <= today + timedelta(days=days_ahead)),
    )
    query = query.order_by(MilestoneRow.due_date).limit(MAX_ITEMS)
    return [
        InboxItem(
            "progress",
            mou.id,
            mou.title_en,
            mou.title_zh,
            datetime.combine(milestone.due_date, time(23, 59), MOU_TIME_ZONE),
            milestone.milestone_id,
            milestone.title_en,
            milestone.overdue,
        )
        for milestone, mou in session.execute(query)
    ]
