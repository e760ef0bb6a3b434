"""When an entry is cancelled, and how its SEQUENCE grows."""

from datetime import UTC, datetime

from mouflow.calendars import rules
from mouflow.domain.enums import MilestoneStatus, Stage
from tests.calendars.factory import milestone, mou

CLOSED = datetime(2026, 1, 1, tzinfo=UTC)


def test_a_ceremony_is_cancelled_only_when_the_mou_closed_before_it_was_executed() -> None:
    assert not rules.ceremony_cancelled(mou(stage=Stage.READY_TO_SIGN, executed=False))
    assert rules.ceremony_cancelled(mou(stage=Stage.WITHDRAWN, executed=False, closed_at=CLOSED))
    assert not rules.ceremony_cancelled(mou(stage=Stage.TERMINATED, executed=True, closed_at=CLOSED))
    assert not rules.ceremony_cancelled(mou(stage=Stage.EXPIRED))


def test_each_move_and_the_cancellation_raise_the_ceremony_sequence() -> None:
    assert rules.ceremony_sequence(mou(ceremonies_scheduled=1)) == 0
    assert rules.ceremony_sequence(mou(ceremonies_scheduled=3)) == 2
    assert rules.ceremony_sequence(mou(ceremonies_scheduled=3, stage=Stage.TERMINATED, executed=False)) == 3


def test_a_termination_cancels_undone_milestones_and_keeps_done_ones() -> None:
    terminated = mou(stage=Stage.TERMINATED, closed_at=CLOSED, last_seq=20)
    pending, done = milestone("a"), milestone("b", MilestoneStatus.DONE)
    assert rules.milestone_cancelled(terminated, pending) and not rules.milestone_cancelled(terminated, done)
    assert rules.milestone_sequence(terminated, pending) == 20 and rules.milestone_sequence(terminated, done) == 7
    assert not rules.milestone_cancelled(mou(stage=Stage.EXPIRED), pending)


def test_markers() -> None:
    assert rules.milestone_marker(milestone()) == ""
    assert rules.milestone_marker(milestone(status=MilestoneStatus.DONE, overdue=True)).startswith("[Done")
    assert rules.milestone_marker(milestone(overdue=True)).startswith("[Overdue")
