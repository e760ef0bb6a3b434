"""Who writes which text of a draft once Simplified Chinese can be authentic, and when it is whole."""

import pytest

from mouflow.demo import HKTE, QIANHAI, officer, symposium_mou
from mouflow.domain import drafting, simplified
from mouflow.domain.actions import Actor, ClauseComment, Review, Revise, Submit
from mouflow.domain.content import Bilingual, BilingualText, Clause, DraftContent
from mouflow.domain.enums import ReviewDecision, Role, Stage, TextLanguage
from mouflow.domain.review import check_review
from mouflow.domain.state import MouState
from mouflow.errors import Forbidden, InvalidInput
from tests.domain.builders import T0, drafted, in_review


def _with_simplified(state: MouState) -> DraftContent:
    current = state.current_version.content
    return current.model_copy(update={"simplified": simplified.starting_text(current)})


def test_the_starting_text_is_the_mainland_phrase_conversion_clause_by_clause() -> None:
    start = simplified.starting_text(drafted().current_version.content)
    assert start.clauses[1].text == "双方举办联合招聘活动，并交流人才政策信息。"  # 資訊 → 信息, not 资讯
    assert start.scope_areas == ["人才招聘", "人才服务", "就业", "人才发展"]
    assert start.title.endswith("谅解备忘录")


def test_the_partner_that_reads_simplified_adds_its_text_as_a_new_version() -> None:
    state = in_review()
    revise = Revise(actor=officer(QIANHAI), base_version=1, content=_with_simplified(state))
    drafting.check_new_revision(state, revise, T0)
    drafting.apply_revise(state, revise, T0)
    assert state.current_version.number == 2 and state.current_version.content.simplified is not None
    assert state.stage is Stage.DRAFTING  # like any new version: every party reviews it again


def test_the_partner_may_change_only_the_simplified_text() -> None:
    state = drafted()
    content = _with_simplified(state).model_copy(update={"term_months": 12})
    with pytest.raises(Forbidden, match="owning party"):
        drafting.check_revise(state, Revise(actor=officer(QIANHAI), base_version=1, content=content))


def test_the_owner_keeps_the_partners_simplified_text_as_it_is() -> None:
    state = drafted()
    drafting.apply_revise(state, Revise(actor=officer(QIANHAI), base_version=1, content=_with_simplified(state)), T0)
    dropped = state.current_version.content.model_copy(update={"simplified": None, "term_months": 12})
    with pytest.raises(Forbidden, match="written by an officer of qianhai"):
        drafting.check_revise(state, Revise(actor=officer(HKTE), base_version=2, content=dropped))
    kept = state.current_version.content.model_copy(update={"term_months": 12})
    drafting.check_revise(state, Revise(actor=officer(HKTE), base_version=2, content=kept))


def test_a_viewer_and_a_party_that_does_not_read_simplified_may_not_write_it() -> None:
    state = drafted()
    with pytest.raises(Forbidden, match="only an officer"):
        drafting.check_writes_simplified(
            state, Actor(user_id="v", name="Viewer", party_id=QIANHAI.id, role=Role.VIEWER)
        )
    with pytest.raises(Forbidden, match="written by an officer of qianhai"):
        drafting.check_writes_simplified(state, officer(HKTE))
    drafting.check_writes_simplified(state, officer(QIANHAI))


def test_a_simplified_text_gives_one_clause_for_each_of_the_drafts() -> None:
    state = drafted()
    content = _with_simplified(state)
    short = content.simplified.model_copy(update={"clauses": content.simplified.clauses[:1]})  # type: ignore[union-attr]
    with pytest.raises(InvalidInput, match="has 1 clauses; the draft has 2") as refused:
        drafting.check_revise(
            state,
            Revise(actor=officer(QIANHAI), base_version=1, content=content.model_copy(update={"simplified": short})),
        )
    assert refused.value.field == "content.simplified.clauses"


def test_a_simplified_text_the_owner_outgrew_is_brought_up_to_date_before_review() -> None:
    state = drafted()
    drafting.apply_revise(state, Revise(actor=officer(QIANHAI), base_version=1, content=_with_simplified(state)), T0)
    extra = Clause(heading=Bilingual(en="Review", zh="檢討"), text=BilingualText(en="Yearly.", zh="每年。"))
    longer = state.current_version.content.model_copy(
        update={"clauses": [*state.current_version.content.clauses, extra]}
    )
    drafting.apply_revise(state, Revise(actor=officer(HKTE), base_version=2, content=longer), T0)
    with pytest.raises(InvalidInput, match="brings it up to date"):
        drafting.check_submit(state, Submit(actor=officer(HKTE), version=3))
    assert simplified.starting_text(longer).clauses[2].heading == "检讨"  # the new clause starts converted


def test_a_comment_on_the_simplified_text_needs_a_version_that_has_one() -> None:
    state = in_review()
    on_simplified = ClauseComment(clause=1, language=TextLanguage.ZH_HANS, text="请写明。")
    review = Review(
        actor=officer(QIANHAI), version=1, decision=ReviewDecision.REQUEST_CHANGES, clause_comments=[on_simplified]
    )
    with pytest.raises(InvalidInput, match="no Simplified Chinese text to comment on"):
        check_review(state, review)
    revise = Revise(actor=officer(QIANHAI), base_version=1, content=_with_simplified(state))
    drafting.apply_revise(state, revise, T0)
    drafting.apply_submit(state, Submit(actor=officer(HKTE), version=2), T0)
    check_review(state, review.model_copy(update={"version": 2}))


def test_an_mou_starts_without_a_simplified_text_unless_its_owner_reads_it() -> None:
    start = symposium_mou(QIANHAI, "hkte-qianhai-2025")
    with_text = start.model_copy(update={"content": _with_simplified(drafted())})
    with pytest.raises(InvalidInput, match="starts without a Simplified Chinese text") as refused:
        drafting.check_start(with_text)
    assert refused.value.field == "content.simplified"
    mainland_owner = HKTE.model_copy(update={"wants_simplified_copy": True})
    owned = with_text.model_copy(update={"owner": mainland_owner, "actor": officer(mainland_owner)})
    drafting.check_start(owned)
