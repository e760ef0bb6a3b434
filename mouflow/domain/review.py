"""Review: every party reviews the same version; one request for changes sends it back."""

from datetime import datetime

from mouflow.domain.access import require_officer, require_stage
from mouflow.domain.actions import Review
from mouflow.domain.discussion import check_comments, has_comments, record_comments
from mouflow.domain.enums import EventKind, ReviewDecision, Stage
from mouflow.domain.event_words import coded
from mouflow.domain.state import Event, MouState, ReviewRecord, ReviewRound
from mouflow.errors import AlreadyDone, InvalidInput, StaleVersion


def _round_under_review(state: MouState) -> ReviewRound:
    require_stage(state, {Stage.IN_REVIEW}, "review")
    review_round = state.open_round
    if review_round is None:  # in review always has an open round; guard against a corrupt state
        raise InvalidInput("there is no review round open")
    return review_round


def check_review(state: MouState, review: Review) -> None:
    require_officer(state, review.actor)
    _round_to_review(state, review)
    if review.decision is ReviewDecision.REQUEST_CHANGES and not has_comments(review):
        raise InvalidInput("a request for changes needs a comment saying what to change", field="comment")
    check_comments(state, review)


def _round_to_review(state: MouState, review: Review) -> ReviewRound:
    """What recording the review needs, checked again when it is applied (mouflow.domain.rules): the open
    round is this version's, and this party has not reviewed it."""
    review_round = _round_under_review(state)
    if review.version != review_round.version:
        raise StaleVersion(
            "version {version} is not under review; version {current} is",
            field="version",
            version=review.version,
            current=review_round.version,
        )
    if review.actor.party_id in review_round.reviews:
        raise AlreadyDone(
            "party {party!r} has already reviewed version {version}",
            party=review.actor.party_id,
            version=review.version,
        )
    return review_round


def apply_review(state: MouState, review: Review, now: datetime) -> list[Event]:
    """The review, and its comments kept for the drafter to answer."""
    review_round = _round_to_review(state, review)
    record_comments(state, review, now)
    party_id = review.actor.party_id
    review_round.reviews[party_id] = ReviewRecord(
        party_id=party_id, decision=review.decision, comment=review.comment, reviewer=review.actor, at=now
    )
    events = [
        Event(
            kind=EventKind.REVIEWED,
            at=now,
            actor=review.actor,
            version=review.version,
            party_id=party_id,
            detail=f"{review.decision}: {review.comment}".rstrip(": "),
            words=coded(review.decision, review.comment),
        )
    ]
    if review.decision is ReviewDecision.REQUEST_CHANGES:
        review_round.closed = True
        state.stage = Stage.DRAFTING
        events.append(Event(kind=EventKind.CHANGES_REQUESTED, at=now, version=review.version, party_id=party_id))
    elif set(review_round.reviews) == set(state.party_ids):
        review_round.closed = True
        state.approved_version = review.version
        state.stage = Stage.READY_TO_SIGN
        events.append(Event(kind=EventKind.READY_TO_SIGN, at=now, version=review.version))
    return events


def awaiting_review(state: MouState) -> list[str]:
    """Parties whose review of the open round is still missing."""
    review_round = state.open_round
    if review_round is None:
        return []
    return [party_id for party_id in state.party_ids if party_id not in review_round.reviews]
