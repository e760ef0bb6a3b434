"""Milestone reports for managers, straight from the projection."""

from datetime import date, timedelta
from typing import Any, TypeVar

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from mouflow.store.tables import MilestoneRow, MouRow

LIVE_STAGES = ("signed", "in_force")
AnySelect = TypeVar("AnySelect", bound=Select[*tuple[Any, ...]])


def in_current_term(query: AnySelect) -> AnySelect:
    """Only the milestones of each MoU's current term, of MoUs still live: a renewed MoU keeps the rows
    of its past terms as history, and only the current term is followed up."""
    current = (
        select(MilestoneRow.mou_id, func.max(MilestoneRow.term_number).label("term"))
        .group_by(MilestoneRow.mou_id)
        .subquery()
    )
    return (
        query.join(MouRow, MouRow.id == MilestoneRow.mou_id)
        .join(current, (current.c.mou_id == MilestoneRow.mou_id) & (current.c.term == MilestoneRow.term_number))
        .where(MouRow.stage.in_(LIVE_STAGES))
    )


def overdue_and_upcoming(*, session: Session, today: date, days_ahead: int) -> list[tuple[MilestoneRow, MouRow]]:
    """Milestones overdue now, or due within `days_ahead` and not done, of MoUs signed or in force (the
    MoU row says which: a signed MoU's milestones are only upcoming, its effective date still ahead)."""
    horizon = today + timedelta(days=days_ahead)
    upcoming = (MilestoneRow.due_date <= horizon) & (MilestoneRow.status != "done")
    query = in_current_term(select(MilestoneRow, MouRow)).where(or_(MilestoneRow.overdue, upcoming))
    query = query.order_by(MilestoneRow.due_date, MilestoneRow.mou_id, MilestoneRow.milestone_id)
    return [(milestone, mou) for milestone, mou in session.execute(query)]


def progress_by_party(*, session: Session) -> dict[str, dict[str, int]]:
    """Current-term milestones of live MoUs per owning party: how many are done, in progress, pending,
    overdue (an overdue milestone counts only as overdue)."""
    columns = (MilestoneRow.owner_party_id, MilestoneRow.status, MilestoneRow.overdue)
    query = in_current_term(select(*columns, func.count())).group_by(*columns)
    counts: dict[str, dict[str, int]] = {}
    for party_id, status, overdue, count in session.execute(query):
        tally = counts.setdefault(party_id, {"done": 0, "in_progress": 0, "pending": 0, "overdue": 0})
        tally["overdue" if overdue and status != "done" else status] += count
    return counts
