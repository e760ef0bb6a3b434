"""`next_deadline` is the next thing due; `next_reminder` is when the clock next acts."""

from datetime import timedelta

from mouflow.demo import HKTE, officer
from mouflow.domain import termination
from mouflow.domain.actions import Terminate
from mouflow.domain.calendar import start_of_day
from mouflow.domain.clock import REVIEW_REMINDER_DAYS, morning_of
from mouflow.domain.summaries import summarize
from tests.domain.builders import T0, drafted, executed, in_review


def test_in_review_the_deadline_is_the_review_deadline_and_the_reminder_comes_before() -> None:
    summary = summarize(in_review(review_days=14))
    assert summary.next_deadline == T0 + timedelta(days=14)
    assert summary.next_reminder == T0 + timedelta(days=14 - max(REVIEW_REMINDER_DAYS))


def test_in_force_the_deadline_is_the_first_milestone_due_and_the_reminder_its_notice() -> None:
    state = executed()
    first = min(state.milestones, key=lambda m: m.due_date)
    summary = summarize(state)
    assert summary.next_deadline == start_of_day(first.due_date)
    assert summary.next_reminder == morning_of(first.due_date - timedelta(days=14))


def test_a_notice_is_a_deadline_once_it_is_the_nearest() -> None:
    state = executed()
    state.milestones = []
    termination.apply_terminate(state, Terminate(actor=officer(HKTE), reason="Ends"), T0)
    assert state.termination_notice is not None
    assert summarize(state).next_deadline == start_of_day(state.termination_notice.ends_on)


def test_a_draft_has_no_deadline() -> None:
    summary = summarize(drafted())
    assert summary.next_deadline is None and summary.next_reminder is None
