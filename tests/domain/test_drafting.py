from datetime import timedelta

import pytest

from mouflow.demo import HKTE, NANSHA, QIANHAI, officer, symposium_mou
from mouflow.domain import dates, drafting
from mouflow.domain.actions import Actor, Close, Revise, Submit
from mouflow.domain.calendar import local_date
from mouflow.domain.enums import EventKind, Role, Stage
from mouflow.domain.rules import CURRENT_RULES
from mouflow.errors import Forbidden, InvalidInput, StaleVersion, WrongStage
from tests.domain.builders import T0, drafted, executed, in_review


def test_start_creates_version_one_owned_by_the_hong_kong_party() -> None:
    state, events = drafting.start_mou(symposium_mou(QIANHAI, "hkte-qianhai-2025"), T0, CURRENT_RULES)
    assert state.stage is Stage.DRAFTING
    assert [v.number for v in state.versions] == [1]
    assert state.party_ids == ["hkte", "qianhai"]
    assert [e.kind for e in events] == [EventKind.STARTED]


def test_only_an_officer_of_the_owner_starts() -> None:
    start = symposium_mou(QIANHAI, "hkte-qianhai-2025").model_copy(update={"actor": officer(QIANHAI)})
    with pytest.raises(Forbidden, match="owning party"):
        drafting.check_start(start)


def test_a_party_cannot_appear_twice() -> None:
    start = symposium_mou(QIANHAI, "x-mou").model_copy(update={"partners": [QIANHAI, QIANHAI]})
    with pytest.raises(InvalidInput, match="only once"):
        drafting.check_start(start)


def test_milestones_must_be_owned_by_a_party() -> None:
    content = drafted().current_version.content
    plan = [content.milestones[0].model_copy(update={"owner_party_id": NANSHA.id})]
    with pytest.raises(InvalidInput, match="not a party"):
        drafting.check_content(drafted().party_ids, content.model_copy(update={"milestones": plan}))


def test_each_edit_is_a_new_version_and_earlier_ones_are_kept() -> None:
    state = drafted()
    content = state.current_version.content
    changed = content.model_copy(update={"term_months": 24})
    drafting.apply_revise(state, Revise(actor=officer(HKTE), base_version=1, content=changed), T0)
    assert [v.number for v in state.versions] == [1, 2]
    assert state.versions[0].content.term_months == 36
    assert state.current_version.content.term_months == 24


def test_revising_a_stale_version_is_refused() -> None:
    state = drafted()
    content = state.current_version.content
    drafting.apply_revise(state, Revise(actor=officer(HKTE), base_version=1, content=content), T0)
    with pytest.raises(StaleVersion, match="current draft is version 2"):
        drafting.check_revise(state, Revise(actor=officer(HKTE), base_version=1, content=content))


def test_partners_and_viewers_do_not_revise() -> None:
    state = drafted()
    content = state.current_version.content
    viewer = Actor(user_id="v", name="Viewer", party_id=HKTE.id, role=Role.VIEWER)
    for actor, reason in [(officer(QIANHAI), "owning party"), (viewer, "only an officer")]:
        with pytest.raises(Forbidden, match=reason):
            drafting.check_revise(state, Revise(actor=actor, base_version=1, content=content))


def test_a_new_version_during_review_clears_the_round_and_returns_to_drafting() -> None:
    state = in_review()
    content = state.current_version.content
    drafting.apply_revise(state, Revise(actor=officer(HKTE), base_version=1, content=content), T0)
    assert state.stage is Stage.DRAFTING
    assert state.open_round is None


def test_submit_needs_the_current_version_and_the_drafting_stage() -> None:
    with pytest.raises(StaleVersion):
        drafting.check_submit(drafted(), Submit(actor=officer(HKTE), version=2))
    with pytest.raises(WrongStage, match="while the MoU is in_review"):
        drafting.check_submit(in_review(), Submit(actor=officer(HKTE), version=1))


def test_submit_sets_the_review_deadline() -> None:
    state = in_review(review_days=10)
    assert state.open_round is not None
    assert state.open_round.deadline == T0 + timedelta(days=10)


def test_withdraw_before_signing_with_a_reason() -> None:
    state = in_review()
    events = drafting.apply_withdraw(state, Close(actor=officer(HKTE), reason="Policy changed"), T0)
    assert state.stage is Stage.WITHDRAWN and state.stage.is_terminal
    assert state.closure is not None and state.closure.reason == "Policy changed"
    assert events[0].kind is EventKind.WITHDRAWN


def test_no_withdrawal_after_signing() -> None:
    with pytest.raises(WrongStage):
        drafting.check_withdraw(executed(), Close(actor=officer(HKTE), reason="late"))


def test_a_milestone_must_fall_due_within_the_term() -> None:
    state = drafted()
    content = state.current_version.content
    late = content.milestones[0].model_copy(update={"offset_months": 36})
    with pytest.raises(InvalidInput, match="outside the term from 2025-05-01 to 2028-04-30"):
        dates.check_draft_dates(content.model_copy(update={"milestones": [late]}), local_date(T0))
