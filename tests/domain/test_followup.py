from datetime import date, timedelta

import pytest
from pydantic import ValidationError

from mouflow.demo import HKTE, NANSHA, QIANHAI, manager, officer
from mouflow.domain import followup
from mouflow.domain.actions import AmendMilestones, ConfirmMilestone, ReportProgress, Reschedule
from mouflow.domain.content import Bilingual, MilestonePlanItem
from mouflow.domain.enums import MilestoneStatus
from mouflow.errors import AlreadyDone, Forbidden, InvalidInput, NotFound, WrongStage
from mouflow.transitions import transition_of
from tests.domain.builders import T0, executed, ready_to_sign

DONE, IN_PROGRESS = MilestoneStatus.DONE, MilestoneStatus.IN_PROGRESS


def report(milestone_id: str, status: MilestoneStatus, party=HKTE) -> ReportProgress:  # type: ignore[no-untyped-def]
    return ReportProgress(actor=officer(party), milestone_id=milestone_id, status=status, note="on track")


def test_the_owner_reports_progress_then_done() -> None:
    state = executed()
    followup.apply_progress(state, report("joint-recruitment-fair", IN_PROGRESS), T0)
    followup.apply_progress(state, report("joint-recruitment-fair", DONE), T0)
    milestone = state.milestone("joint-recruitment-fair")
    assert milestone is not None and milestone.status is DONE
    assert [p.status for p in milestone.progress] == [IN_PROGRESS, DONE]
    assert milestone.progress[0].reporter.party_id == "hkte"


def test_unknown_milestone_is_not_found() -> None:
    with pytest.raises(NotFound, match="no milestone 'job-fair'"):
        followup.check_progress(executed(), report("job-fair", DONE))


def test_only_the_owner_party_reports() -> None:
    with pytest.raises(Forbidden, match="reported by its owner"):
        followup.check_progress(executed(), report("joint-recruitment-fair", DONE, party=QIANHAI))


def test_a_done_milestone_is_not_reported_again() -> None:
    state = executed()
    followup.apply_progress(state, report("joint-recruitment-fair", DONE), T0)
    with pytest.raises(AlreadyDone):
        followup.check_progress(state, report("joint-recruitment-fair", IN_PROGRESS))


def test_no_progress_before_signing() -> None:
    with pytest.raises(WrongStage):
        followup.check_progress(ready_to_sign(), report("joint-recruitment-fair", DONE))


def test_the_other_side_confirms_a_done_milestone_once() -> None:
    state = executed()
    confirm = ConfirmMilestone(actor=officer(QIANHAI), milestone_id="joint-recruitment-fair", note="attended")
    with pytest.raises(InvalidInput, match="only a done milestone"):
        followup.check_confirm(state, confirm)
    followup.apply_progress(state, report("joint-recruitment-fair", DONE), T0)
    with pytest.raises(Forbidden, match="other side"):
        followup.check_confirm(state, confirm.model_copy(update={"actor": officer(HKTE)}))
    followup.apply_confirm(state, confirm, T0)
    with pytest.raises(AlreadyDone, match="confirmed by"):
        followup.check_confirm(
            state, confirm.model_copy(update={"actor": manager().model_copy(update={"party_id": "x-audit"})})
        )


def test_confirmation_only_where_the_plan_asks() -> None:
    state = executed()
    followup.apply_progress(state, report("annual-review", DONE), T0)
    with pytest.raises(InvalidInput, match="does not ask"):
        followup.check_confirm(state, ConfirmMilestone(actor=officer(QIANHAI), milestone_id="annual-review"))


def amendment(**changes: object) -> AmendMilestones:
    item = MilestonePlanItem(
        id="youth-internships",
        title=Bilingual(en="Youth internship scheme", zh="青年實習計劃"),
        owner_party_id=QIANHAI.id,
        offset_months=9,
    ).model_copy(update=changes)
    return AmendMilestones(actor=officer(HKTE), milestones=[item], reason="Agreed at the first review meeting")


def test_milestones_are_added_by_amendment_after_signing() -> None:
    state = executed()
    followup.apply_amend(state, amendment(), T0)
    added = state.milestone("youth-internships")
    assert added is not None and added.due_date == date(2026, 2, 1)
    assert state.milestone_plan[-1].id == "youth-internships"


def test_amendments_are_checked() -> None:
    state = executed()
    with pytest.raises(InvalidInput, match="used twice"):
        followup.check_amend(state, amendment(id="annual-review"))
    with pytest.raises(InvalidInput, match="not a party"):
        followup.check_amend(state, amendment(owner_party_id=NANSHA.id))
    past = amendment(offset_months=None, due_date=date(2025, 1, 1))
    with pytest.raises(InvalidInput, match="outside the term"):
        followup.check_amendment_dates(state, past, T0 + timedelta(days=1))
    with pytest.raises(WrongStage):
        followup.check_amend(ready_to_sign(), amendment())


def test_a_plan_item_is_due_one_way_only() -> None:
    with pytest.raises(ValueError, match="either due_date or offset_months"):
        MilestonePlanItem(id="m1", title=Bilingual(en="a", zh="甲"), owner_party_id="hkte")


def moved(milestone_id: str, due: date) -> AmendMilestones:
    return AmendMilestones(
        actor=officer(HKTE), reschedule=[Reschedule(milestone_id=milestone_id, due_date=due)], reason="venue moved"
    )


def test_a_milestone_is_rescheduled_and_its_reminders_start_again() -> None:
    state = executed()
    fair = state.milestone("joint-recruitment-fair")
    assert fair is not None
    fair.reminders_sent, fair.overdue_since = [7], T0
    later = fair.due_date + timedelta(days=20)
    followup.check_new_amendment(state, moved("joint-recruitment-fair", later), T0)
    [event] = followup.apply_amend(state, moved("joint-recruitment-fair", later), T0)
    assert (fair.due_date, fair.reminders_sent, fair.overdue_since) == (later, [], None)
    assert event.kind == "milestone_rescheduled" and event.milestone_id == "joint-recruitment-fair"
    assert "venue moved" in event.detail


def test_a_reschedule_outside_the_term_is_refused_with_its_field() -> None:
    state = executed()
    assert state.term is not None
    with pytest.raises(InvalidInput, match="outside the term") as refused:
        followup.check_new_amendment(state, moved("joint-recruitment-fair", state.term.end_date), T0)
    assert refused.value.field == "reschedule[0].due_date"


def test_a_milestone_removed_leaves_the_term_and_the_plan() -> None:
    state = executed()
    removal = AmendMilestones(actor=officer(HKTE), remove=["joint-recruitment-fair"], reason="merged into the forum")
    followup.check_new_amendment(state, removal, T0)
    [event] = followup.apply_amend(state, removal, T0)
    assert state.milestone("joint-recruitment-fair") is None
    assert "joint-recruitment-fair" not in {item.id for item in state.milestone_plan}
    assert event.kind == "milestone_removed"
    transition = transition_of("mou-x", state, [event])
    assert [(k.term_number, k.milestone_id) for k in transition.removed_milestones] == [(1, "joint-recruitment-fair")]


def test_a_done_milestone_is_neither_moved_nor_removed() -> None:
    state = executed()
    followup.apply_progress(state, report("joint-recruitment-fair", DONE), T0)
    removal = AmendMilestones(actor=officer(HKTE), remove=["joint-recruitment-fair"], reason="r")
    with pytest.raises(AlreadyDone, match="already done") as refused:
        followup.check_new_amendment(state, removal, T0)
    assert refused.value.field == "remove[0]"
    with pytest.raises(NotFound):
        followup.check_new_amendment(state, moved("no-such-milestone", T0.date()), T0)


def test_an_amendment_changes_something_and_each_milestone_once() -> None:
    with pytest.raises(ValidationError, match="at least one milestone"):
        AmendMilestones(actor=officer(HKTE), reason="r")
    with pytest.raises(ValidationError, match="once"):
        AmendMilestones(
            actor=officer(HKTE),
            reschedule=[Reschedule(milestone_id="a-b", due_date=date(2026, 1, 1))],
            remove=["a-b"],
            reason="r",
        )


def test_a_milestone_is_not_rescheduled_to_the_day_it_is_due_and_moved_earlier_keeps_its_reminders() -> None:
    state = executed()
    fair = state.milestone("joint-recruitment-fair")
    assert fair is not None
    with pytest.raises(InvalidInput, match="already due on"):
        followup.check_new_amendment(state, moved("joint-recruitment-fair", fair.due_date), T0)
    fair.reminders_sent = [30]
    followup.apply_amend(state, moved("joint-recruitment-fair", fair.due_date - timedelta(days=3)), T0)
    assert fair.reminders_sent == [30]
