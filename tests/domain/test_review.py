import pytest

from mouflow.demo import HKTE, NANSHA, QIANHAI, officer
from mouflow.domain import drafting, review
from mouflow.domain.actions import Review, Revise, Submit
from mouflow.domain.enums import EventKind, ReviewDecision, Stage
from mouflow.errors import AlreadyDone, Forbidden, InvalidInput, StaleVersion, WrongStage
from tests.domain.builders import T0, approve_all, drafted, in_review

APPROVE, CHANGES = ReviewDecision.APPROVE, ReviewDecision.REQUEST_CHANGES


def test_every_party_approving_the_same_version_makes_it_ready_to_sign() -> None:
    state = in_review()
    review.apply_review(state, Review(actor=officer(HKTE), version=1, decision=APPROVE), T0)
    assert state.stage is Stage.IN_REVIEW
    assert review.awaiting_review(state) == ["qianhai"]
    events = review.apply_review(state, Review(actor=officer(QIANHAI), version=1, decision=APPROVE), T0)
    assert state.stage is Stage.READY_TO_SIGN
    assert state.approved_version == 1
    assert [e.kind for e in events] == [EventKind.REVIEWED, EventKind.READY_TO_SIGN]


def test_a_request_for_changes_returns_to_drafting_and_a_new_version_needs_everyone_again() -> None:
    state = in_review()
    review.apply_review(state, Review(actor=officer(HKTE), version=1, decision=APPROVE), T0)
    change = Review(actor=officer(QIANHAI), version=1, decision=CHANGES, comment="Add a services clause")
    events = review.apply_review(state, change, T0)
    assert state.stage is Stage.DRAFTING
    assert events[-1].kind is EventKind.CHANGES_REQUESTED
    drafting.apply_revise(state, Revise(actor=officer(HKTE), base_version=1, content=state.current_version.content), T0)
    drafting.apply_submit(state, Submit(actor=officer(HKTE), version=2), T0)
    assert review.awaiting_review(state) == ["hkte", "qianhai"]  # the approval of version 1 is gone
    approve_all(state, T0)
    assert state.approved_version == 2


def test_a_request_for_changes_needs_a_comment() -> None:
    with pytest.raises(InvalidInput, match="needs a comment"):
        review.check_review(in_review(), Review(actor=officer(QIANHAI), version=1, decision=CHANGES, comment=" "))


def test_reviewing_an_old_version_is_stale() -> None:
    state = in_review()
    with pytest.raises(StaleVersion, match="version 1 is"):
        review.check_review(state, Review(actor=officer(QIANHAI), version=2, decision=APPROVE))


def test_a_party_reviews_a_version_once() -> None:
    state = in_review()
    review.apply_review(state, Review(actor=officer(QIANHAI), version=1, decision=APPROVE), T0)
    with pytest.raises(AlreadyDone, match="already reviewed"):
        review.check_review(state, Review(actor=officer(QIANHAI), version=1, decision=APPROVE))


def test_a_party_outside_the_mou_cannot_review() -> None:
    with pytest.raises(Forbidden, match="not a party"):
        review.check_review(in_review(), Review(actor=officer(NANSHA), version=1, decision=APPROVE))


def test_no_review_while_drafting() -> None:
    with pytest.raises(WrongStage):
        review.check_review(drafted(), Review(actor=officer(QIANHAI), version=1, decision=APPROVE))
