"""The next deadline a person has to meet, as the status and the inbox show it.

Not the clock's next wake-up (a reminder, an escalation): that is `clock.next_moment`.
"""

from collections.abc import Iterator
from datetime import datetime

from mouflow.domain.calendar import start_of_day
from mouflow.domain.enums import EXECUTED_STAGES, MilestoneStatus, Stage
from mouflow.domain.state import MouState


def next_deadline(state: MouState) -> datetime | None:
    return min(_deadlines(state), default=None)


def _deadlines(state: MouState) -> Iterator[datetime]:
    review_round = state.open_round
    if state.stage is Stage.IN_REVIEW and review_round is not None:
        yield review_round.deadline
    if state.stage not in EXECUTED_STAGES:
        return
    for milestone in state.milestones:
        if milestone.status is not MilestoneStatus.DONE and milestone.overdue_since is None:
            yield start_of_day(milestone.due_date)
    if state.termination_notice is not None:
        yield start_of_day(state.termination_notice.ends_on)
    if state.term is not None:
        yield start_of_day(state.term.end_date)
