"""What a calendar entry says about its item: cancelled or not, its SEQUENCE, its marker.

A calendar app keeps one copy per UID and replaces it only when SEQUENCE grows (or DTSTAMP does, for an
equal SEQUENCE), so every change a reader should see must raise one of them.
"""

from mouflow.calendars.models import FeedMilestone, FeedMou
from mouflow.domain.enums import MilestoneStatus, Stage

CLOSED_EARLY = frozenset({Stage.WITHDRAWN, Stage.TERMINATED})


def ceremony_cancelled(mou: FeedMou) -> bool:
    """A ceremony at which the MoU was signed happened, and stays as history even after a termination;
    one scheduled for an MoU that closed before every party signed will not take place."""
    return mou.stage in CLOSED_EARLY and not mou.executed


def ceremony_sequence(mou: FeedMou) -> int:
    # 0 for the first schedule, one more per move, and one more again when it is called off
    return mou.ceremonies_scheduled - 1 + int(ceremony_cancelled(mou))


def milestone_cancelled(mou: FeedMou, milestone: FeedMilestone) -> bool:
    """Work not done when the MoU was withdrawn or terminated will not be done; done work stays listed."""
    return mou.stage in CLOSED_EARLY and milestone.status is not MilestoneStatus.DONE


def milestone_sequence(mou: FeedMou, milestone: FeedMilestone) -> int:
    # the projection's transition number only grows, so it serves as SEQUENCE; the closing transition
    # does not touch the milestone rows, so a cancelled one takes the MoU's number, which is higher
    return mou.last_seq if milestone_cancelled(mou, milestone) else milestone.last_seq


def milestone_marker(milestone: FeedMilestone) -> str:
    """A prefix for the summary, so done and overdue items stand out in a month view."""
    if milestone.status is MilestoneStatus.DONE:
        return "[Done 已完成] "
    if milestone.overdue:
        return "[Overdue 逾期] "
    return ""
