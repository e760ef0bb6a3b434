"""Milestone reports for managers, straight from the projection."""

from datetime import date, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from mouflow.store.tables import MilestoneRow, MouRow

LIVE_STAGES = ("signed", "in_force")


def overdue_and_upcoming(*, session: Session, today: date, days_ahead: int) -> list[tuple[MilestoneRow, MouRow]]:
    """Milestones overdue now, or due within `days_ahead` and not done, of MoUs still in force."""
    horizon = today + timedelta(days=days_ahead)
    upcoming = (MilestoneRow.due_date <= horizon) & (MilestoneRow.status != "done")
    query = (
        select(MilestoneRow, MouRow)
        .join(MouRow, MouRow.id == MilestoneRow.mou_id)
        .where(MouRow.stage.in_(LIVE_STAGES), or_(MilestoneRow.overdue, upcoming))
        .order_by(MilestoneRow.due_date, MilestoneRow.mou_id, MilestoneRow.milestone_id)
    )
    return [(milestone, mou) for milestone, mou in session.execute(query)]
