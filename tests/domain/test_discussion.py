"""Review comments on the whole version and on one clause in one language, and the drafter's answers."""

from datetime import timedelta

import pytest

from mouflow.demo import HKTE, QIANHAI, officer
from mouflow.domain import discussion, drafting, review
from mouflow.domain.actions import AnswerComment, ClauseComment, Review, Revise, Submit
from mouflow.domain.enums import CommentResolution, ReviewDecision, Stage, TextLanguage
from mouflow.domain.state import MouState
from mouflow.errors import AlreadyDone, Forbidden, InvalidInput, NotFound, WrongStage
from tests.domain.builders import T0, approve_all, in_review

CHINESE_NOTE = ClauseComment(clause=2, language=TextLanguage.ZH, text="請寫明前海管理局的全稱。")


def request_changes(comment: str = "", *clause_comments: ClauseComment) -> Review:
    return Review(
        actor=officer(QIANHAI),
        version=1,
        decision=ReviewDecision.REQUEST_CHANGES,
        comment=comment,
        clause_comments=list(clause_comments),
    )


def answer(comment_id: str, resolution: CommentResolution, reply: str = "", party=HKTE) -> AnswerComment:  # type: ignore[no-untyped-def]
    return AnswerComment(actor=officer(party), comment_id=comment_id, resolution=resolution, reply=reply)


def test_a_comment_on_one_clause_in_chinese_is_enough_to_request_changes() -> None:
    state = in_review()
    review.check_review(state, request_changes("", CHINESE_NOTE))
    review.apply_review(state, request_changes("", CHINESE_NOTE), T0)
    assert state.stage is Stage.DRAFTING
    [comment] = state.comments
    assert (comment.id, comment.version, comment.clause, comment.language) == ("c1", 1, 2, TextLanguage.ZH)
    assert comment.party_id == "qianhai" and comment.answer is None


def test_the_comment_on_the_whole_comes_first_then_the_clauses_in_order() -> None:
    state = in_review()
    english = ClauseComment(clause=1, language=TextLanguage.EN, text="Name the zone's authority.")
    review.apply_review(state, request_changes("See the clauses.", CHINESE_NOTE, english), T0)
    assert [(c.id, c.clause, c.text) for c in state.comments] == [
        ("c1", None, "See the clauses."),
        ("c2", 2, CHINESE_NOTE.text),
        ("c3", 1, english.text),
    ]


def test_a_request_for_changes_without_any_comment_is_refused() -> None:
    with pytest.raises(InvalidInput, match="needs a comment") as refused:
        review.check_review(in_review(), request_changes())
    assert refused.value.field == "comment"


def test_a_clause_the_version_does_not_have_is_refused_with_its_field() -> None:
    state = in_review()
    clauses = len(state.current_version.content.clauses)
    beyond = ClauseComment(clause=clauses + 1, language=TextLanguage.EN, text="?")
    with pytest.raises(InvalidInput, match=f"has no clause {clauses + 1}") as refused:
        review.check_review(state, request_changes("x", CHINESE_NOTE, beyond))
    assert refused.value.field == "clause_comments[1].clause"
    assert state.comments == []


def test_the_discussion_is_bounded() -> None:
    state = in_review()
    long = ClauseComment(clause=1, language=TextLanguage.EN, text="x" * 5_000)
    state.comments = [
        discussion.ReviewComment(
            id=f"c{n}", version=1, party_id="qianhai", text="y" * 5_000, author=officer(QIANHAI), at=T0
        )
        for n in range(1, 53)
    ]
    with pytest.raises(InvalidInput, match="would pass 256 KB"):
        review.check_review(state, request_changes("", long))


def commented() -> MouState:
    state = in_review()
    review.apply_review(state, request_changes("", CHINESE_NOTE), T0)
    return state


def test_the_drafter_marks_a_comment_addressed_on_the_next_version() -> None:
    state = commented()
    content = state.current_version.content
    drafting.apply_revise(state, Revise(actor=officer(HKTE), base_version=1, content=content), T0)
    discussion.check_answer(state, answer("c1", CommentResolution.ADDRESSED))
    [event] = discussion.apply_answer(state, answer("c1", CommentResolution.ADDRESSED), T0 + timedelta(hours=1))
    marked = state.comments[0].answer
    assert marked is not None and marked.resolution is CommentResolution.ADDRESSED and marked.version == 2
    assert event.kind == "comment_answered" and event.party_id == "qianhai"
    assert discussion.open_comments(state) == []


def test_an_answer_needs_a_reply() -> None:
    with pytest.raises(InvalidInput, match="needs a reply") as refused:
        discussion.check_answer(commented(), answer("c1", CommentResolution.ANSWERED, "  "))
    assert refused.value.field == "reply"
    discussion.check_answer(commented(), answer("c1", CommentResolution.ANSWERED, "The full name is in clause 1."))


def test_only_the_drafting_party_answers() -> None:
    with pytest.raises(Forbidden, match="owning party"):
        discussion.check_answer(commented(), answer("c1", CommentResolution.ADDRESSED, party=QIANHAI))


def test_a_comment_is_answered_once() -> None:
    state = commented()
    discussion.apply_answer(state, answer("c1", CommentResolution.ADDRESSED), T0)
    with pytest.raises(AlreadyDone, match="already addressed"):
        discussion.check_answer(state, answer("c1", CommentResolution.ANSWERED, "again"))
    with pytest.raises(NotFound, match="no comment 'c2'"):
        discussion.check_answer(state, answer("c2", CommentResolution.ADDRESSED))


def test_comments_are_not_answered_once_the_text_is_signed() -> None:
    state = commented()
    drafting.apply_submit(state, Submit(actor=officer(HKTE), version=1), T0)
    approve_all(state, T0)
    state.stage = Stage.SIGNED
    with pytest.raises(WrongStage):
        discussion.check_answer(state, answer("c1", CommentResolution.ADDRESSED))
