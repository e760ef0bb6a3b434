from datetime import date, datetime, timedelta

from mouflow.demo import HKTE, QIANHAI, officer
from mouflow.domain import followup, review, term
from mouflow.domain.actions import DecideRenewal, ReportProgress, Review
from mouflow.domain.calendar import MOU_TIME_ZONE, add_months, start_of_day
from mouflow.domain.clock import fire_due
from mouflow.domain.clock import next_moment as next_deadline
from mouflow.domain.enums import EventKind, MilestoneStatus, ReviewDecision, Stage
from tests.domain.builders import T0, executed, in_review


def kinds(events: list) -> list[EventKind]:  # type: ignore[type-arg]
    return [event.kind for event in events]


def hk(day: date, hour: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=MOU_TIME_ZONE)


def test_review_reminders_then_escalation_at_the_deadline() -> None:
    state = in_review(review_days=14)
    deadline = T0 + timedelta(days=14)
    assert next_deadline(state) == deadline - timedelta(days=3)
    assert fire_due(state, deadline - timedelta(days=3, seconds=1)) == []
    assert kinds(fire_due(state, deadline - timedelta(days=3))) == [EventKind.REVIEW_REMINDER]
    assert kinds(fire_due(state, deadline - timedelta(days=1))) == [EventKind.REVIEW_REMINDER]
    events = fire_due(state, deadline)
    assert kinds(events) == [EventKind.REVIEW_ESCALATED]
    assert "waiting on hkte, qianhai" in events[0].detail
    assert state.open_round is not None and state.open_round.escalated_at == deadline
    assert state.stage is Stage.IN_REVIEW and next_deadline(state) is None


def test_reminders_that_were_missed_while_asleep_go_out_once() -> None:
    state = in_review(review_days=14)
    assert kinds(fire_due(state, T0 + timedelta(days=13, hours=12))) == [EventKind.REVIEW_REMINDER]


def test_no_escalation_once_the_review_is_complete() -> None:
    state = in_review(review_days=14)
    for party in (HKTE, QIANHAI):
        review.apply_review(state, Review(actor=officer(party), version=1, decision=ReviewDecision.APPROVE), T0)
    assert fire_due(state, T0 + timedelta(days=30)) == []


def test_milestone_reminders_and_overdue_on_the_day_after_due() -> None:
    state = executed()
    fair = state.milestone("joint-recruitment-fair")
    assert fair is not None and fair.due_date == date(2025, 8, 1)
    assert kinds(fire_due(state, hk(date(2025, 7, 18), 9))) == [EventKind.MILESTONE_REMINDER]
    assert kinds(fire_due(state, hk(date(2025, 7, 29), 9))) == [EventKind.MILESTONE_REMINDER]
    assert fire_due(state, hk(date(2025, 8, 1), 23)) == []
    assert kinds(fire_due(state, hk(date(2025, 8, 2)))) == [EventKind.MILESTONE_OVERDUE]
    assert fair.is_overdue and state.has_overdue


def test_a_done_milestone_never_goes_overdue_and_late_done_clears_the_flag() -> None:
    state = executed()
    report = ReportProgress(actor=officer(HKTE), milestone_id="joint-recruitment-fair", status=MilestoneStatus.DONE)
    followup.apply_progress(state, report, T0)
    events = fire_due(state, hk(date(2025, 11, 2)))
    assert EventKind.MILESTONE_OVERDUE in kinds(events)  # the partner's report, not the fair
    assert [e.milestone_id for e in events if e.kind is EventKind.MILESTONE_OVERDUE] == ["talent-services-report"]
    late = report.model_copy(update={"actor": officer(QIANHAI), "milestone_id": "talent-services-report"})
    followup.apply_progress(state, late, T0)
    assert not state.has_overdue


def test_a_signed_mou_comes_into_force_on_its_effective_date() -> None:
    state = executed()
    state.stage = Stage.SIGNED
    term_now = state.term
    assert term_now is not None
    assert next_deadline(state) == start_of_day(term_now.effective_date)
    assert kinds(fire_due(state, start_of_day(term_now.effective_date))) == [EventKind.IN_FORCE]


def test_renewal_notice_then_expiry_without_agreement() -> None:
    state = executed()
    for party in (HKTE, QIANHAI):
        followup_done(state, party)
    events = fire_due(state, hk(date(2028, 2, 1), 9))
    assert kinds(events) == [EventKind.RENEWAL_DUE]
    term.apply_renewal(state, DecideRenewal(actor=officer(QIANHAI), renew=False, comment="Merged into a new MoU"), T0)
    assert kinds(fire_due(state, hk(date(2028, 5, 1)))) == [EventKind.EXPIRED]
    assert state.stage is Stage.EXPIRED and state.closure is not None


def test_renewal_starts_a_new_term_with_the_plan_carried_over() -> None:
    state = executed()
    for party in (HKTE, QIANHAI):
        followup_done(state, party)
        term.apply_renewal(state, DecideRenewal(actor=officer(party), renew=True), T0)
    events = fire_due(state, hk(date(2028, 5, 1)))
    assert EventKind.RENEWED in kinds(events)
    current = state.term
    assert current is not None and current.number == 2
    assert (current.effective_date, current.end_date) == (date(2028, 5, 1), date(2031, 5, 1))
    assert [m.due_date for m in state.milestones] == [add_months(date(2028, 5, 1), n) for n in (3, 6, 12)]
    assert all(m.status is MilestoneStatus.PENDING for m in state.milestones)
    assert len(state.terms[0].past_milestones) == 3
    assert state.stage is Stage.IN_FORCE


def followup_done(state, party) -> None:  # type: ignore[no-untyped-def]
    for milestone in state.milestones:
        if milestone.owner_party_id == party.id and milestone.status is not MilestoneStatus.DONE:
            done = ReportProgress(actor=officer(party), milestone_id=milestone.id, status=MilestoneStatus.DONE)
            followup.apply_progress(state, done, T0)


def test_add_months_clamps_to_the_end_of_the_month() -> None:
    assert add_months(date(2025, 1, 31), 1) == date(2025, 2, 28)
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2025, 11, 15), 3) == date(2026, 2, 15)
    assert add_months(date(2025, 6, 3), 120) == date(2035, 6, 3)
