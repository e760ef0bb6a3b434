"""Discussion: a review's comments, on the whole version or on one clause in one language, and the drafter's
answer to each: addressed in the text, or answered with a reply.

A comment names the clause by its number in the version reviewed; the redline of a later version finds it
there again by the clause's old number.
"""

from datetime import datetime

from mouflow.domain.access import require_owner_officer, require_stage
from mouflow.domain.actions import AnswerComment, Review
from mouflow.domain.enums import PRE_SIGNATURE_STAGES, CommentResolution, EventKind, TextLanguage
from mouflow.domain.state import CommentAnswer, Event, MouState, ReviewComment
from mouflow.errors import AlreadyDone, InvalidInput, NotFound

# the state carries every comment across continue-as-new, beside the drafts (drafting.MAX_DRAFTS_BYTES):
# room for hundreds of long comments and replies, and well inside Temporal's 2 MB payload limit
MAX_DISCUSSION_BYTES = 256 * 1024
# what each comment and each answer carries besides its words: ids, the author, times, as JSON
RECORD_OVERHEAD_BYTES = 400


def check_comments(state: MouState, review: Review) -> None:
    """New input only (mouflow.domain.rules): each clause commented on is in the version reviewed, and the
    discussion stays within what the state can carry."""
    content = state.versions[review.version - 1].content
    clauses = len(content.clauses)
    for index, comment in enumerate(review.clause_comments):
        if comment.language is TextLanguage.ZH_HANS and content.simplified is None:
            raise InvalidInput(
                "version {version} has no Simplified Chinese text to comment on",
                field=f"clause_comments[{index}].language",
                version=review.version,
            )
        if comment.clause > clauses:
            raise InvalidInput(
                "version {version} has no clause {clause}; its clauses are 1 to {count}",
                field=f"clause_comments[{index}].clause",
                version=review.version,
                clause=comment.clause,
                count=clauses,
            )
    texts = [review.comment] if review.comment.strip() else []
    _require_room(state, [*texts, *(c.text for c in review.clause_comments)], field="clause_comments")


def discussion_bytes(state: MouState) -> int:
    """What the comments and their answers take in the state, about."""
    answers = [c.answer.reply for c in state.comments if c.answer is not None]
    return sum(len(text.encode()) + RECORD_OVERHEAD_BYTES for text in [*(c.text for c in state.comments), *answers])


def _require_room(state: MouState, adding: list[str], field: str) -> None:
    added = sum(len(text.encode()) + RECORD_OVERHEAD_BYTES for text in adding)
    if discussion_bytes(state) + added > MAX_DISCUSSION_BYTES:
        raise InvalidInput(
            "this MoU's comments would pass {limit} KB; shorten these or answer on the whole version",
            field=field,
            limit=MAX_DISCUSSION_BYTES // 1024,
        )


def has_comments(review: Review) -> bool:
    return bool(review.comment.strip() or review.clause_comments)


def record_comments(state: MouState, review: Review, now: datetime) -> None:
    """The comment on the whole first, then the clauses' in the order given; ids number every comment made."""
    said: list[tuple[int | None, TextLanguage | None, str]] = []
    if review.comment.strip():
        said.append((None, None, review.comment.strip()))
    said += [(c.clause, c.language, c.text) for c in review.clause_comments]
    for clause, language, text in said:
        state.comments.append(
            ReviewComment(
                id=f"c{len(state.comments) + 1}",
                version=review.version,
                party_id=review.actor.party_id,
                clause=clause,
                language=language,
                text=text,
                author=review.actor,
                at=now,
            )
        )


def check_answer(state: MouState, answer: AnswerComment) -> None:
    require_owner_officer(state, answer.actor)  # the owner's officers draft, so they answer
    _comment_to_answer(state, answer)
    if answer.resolution is CommentResolution.ANSWERED and not answer.reply.strip():
        raise InvalidInput("an answer needs a reply saying why the text stays, or what is asked", field="reply")
    _require_room(state, [answer.reply], field="reply")


def _comment_to_answer(state: MouState, answer: AnswerComment) -> ReviewComment:
    """What answering needs, checked again when it is applied (mouflow.domain.rules): a comment not yet
    answered, while the text can still change."""
    require_stage(state, PRE_SIGNATURE_STAGES, "answer a review comment")
    comment = state.comment(answer.comment_id)
    if comment is None:
        raise NotFound("MoU {mou} has no comment {comment!r}", mou=state.mou_id, comment=answer.comment_id)
    if comment.answer is not None:
        raise AlreadyDone(
            "comment {comment!r} was already {resolution} by {name}",
            comment=comment.id,
            resolution=comment.answer.resolution.value,
            name=comment.answer.by.name,
        )
    return comment


def apply_answer(state: MouState, answer: AnswerComment, now: datetime) -> list[Event]:
    comment = _comment_to_answer(state, answer)
    version = state.current_version.number
    comment.answer = CommentAnswer(
        resolution=answer.resolution, reply=answer.reply.strip(), by=answer.actor, at=now, version=version
    )
    detail = f"{comment.id} {answer.resolution}: {answer.reply.strip()}".rstrip(": ")
    return [
        Event(
            kind=EventKind.COMMENT_ANSWERED,
            at=now,
            actor=answer.actor,
            version=version,
            party_id=comment.party_id,
            detail=detail,
        )
    ]


def open_comments(state: MouState) -> list[ReviewComment]:
    return [comment for comment in state.comments if comment.answer is None]
