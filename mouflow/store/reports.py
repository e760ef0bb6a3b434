"""Milestone reports for managers, straight from the projection."""

from datetime import date, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from mouflow.store.tables import MilestoneRow, MouRow

LIVE_STAGES = ("signed", "in_force")


def overdue_and_upcoming(*, session: Session, today: date, days_ahead: int) -> list[tuple[MilestoneRow, MouRow]]:
    """Milestones overdue now, or due within `days_ahead` and not done, of MoUs still in force."""
    horizon = today + timedelta(days=days_ahead)
    upcoming = (MilestoneRow.due_date <= horizon) & (MilestoneRow.status != "done")
    # a renewed MoU keeps the rows of its past terms as history; only the current term is followed up
    current = select(MilestoneRow.mou_id, func.max(MilestoneRow.term_number).label("term")).group_by(
        MilestoneRow.mou_id
    )
    current_term = current.subquery()
    query = (
        select(MilestoneRow, MouRow)
        .join(MouRow, MouRow.id == MilestoneRow.mou_id)
        .join(
            current_term,
            (current_term.c.mou_id == MilestoneRow.mou_id) & (current_term.c.term == MilestoneRow.term_number),
        )
        .where(MouRow.stage.in_(LIVE_STAGES), or_(MilestoneRow.overdue, upcoming))
        .order_by(MilestoneRow.due_date, MilestoneRow.mou_id, MilestoneRow.milestone_id)
    )
    return [(milestone, mou) for milestone, mou in session.execute(query)]
