"""Every date an officer gives has a window, so that no date can break the term arithmetic, a calendar
or a PDF later: an MoU that accepted a date must be able to live with it to the end.

These judge new input only: the API and the workflow's validators call them, and validators never run
on replay. No `apply_*` runs them again, so a window that narrows later never refuses what history holds.
"""

from datetime import date, datetime, timedelta

from mouflow.domain.calendar import add_months, local_date
from mouflow.domain.content import DraftContent, MilestonePlanItem
from mouflow.errors import InvalidInput

EFFECTIVE_DATE_PAST_DAYS = 366  # a draft dated last year still signs (it is never in force retroactively)
EFFECTIVE_DATE_FUTURE_YEARS = 5
CEREMONY_FUTURE_YEARS = 2


def check_effective_date(content: DraftContent, today: date) -> None:
    effective = content.effective_date
    if effective is None:
        return
    earliest = today - timedelta(days=EFFECTIVE_DATE_PAST_DAYS)
    latest = add_months(today, 12 * EFFECTIVE_DATE_FUTURE_YEARS)
    if not earliest <= effective <= latest:
        raise InvalidInput(
            "the effective date {effective} is outside the window from {earliest} to {latest}",
            field="content.effective_date",
            effective=effective,
            earliest=earliest,
            latest=latest,
        )


def check_ceremony_window(starts_at: datetime, now: datetime) -> None:
    latest = add_months(local_date(now), 12 * CEREMONY_FUTURE_YEARS)
    if local_date(starts_at) > latest:
        raise InvalidInput(
            "the ceremony on {day} is too far ahead; schedule it on or before {latest}",
            field="starts_at",
            day=local_date(starts_at),
            latest=latest,
        )


def term_window(content: DraftContent, today: date) -> tuple[date, date]:
    """The first term's first day and the first day after it; from today when the effective date is open."""
    effective = max(content.effective_date or today, today)
    return effective, add_months(effective, content.term_months)


def planned_due_date(item: MilestonePlanItem, effective: date) -> date:
    if item.due_date is not None:
        return item.due_date
    return add_months(effective, item.offset_months or 0) + timedelta(days=item.offset_days)


def check_draft_dates(content: DraftContent, today: date) -> None:
    """The draft's dates in their windows: the effective date near today, every milestone inside the first term."""
    check_effective_date(content, today)
    start, end = term_window(content, today)
    for index, item in enumerate(content.milestones):
        check_due_date(item.id, planned_due_date(item, start), start, end, field=f"content.milestones[{index}]")


def check_due_date(milestone_id: str, due: date, start: date, end: date, field: str) -> None:
    if not start <= due < end:
        raise InvalidInput(
            "milestone {milestone!r} would be due on {due}, outside the term from {start} to {last}",
            field=field,
            milestone=milestone_id,
            due=due,
            start=start,
            last=end - timedelta(days=1),
        )
