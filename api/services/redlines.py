"""Comparing two draft versions of an MoU: which two, by default, and the redline between them."""

from dataclasses import dataclass

from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from api.access import visible_mou
from mouflow.domain.content import DraftContent
from mouflow.domain.state import ReviewComment
from mouflow.domain.summaries import MouStatus
from mouflow.errors import InvalidInput, NotFoundError
from mouflow.redline.compare import redline
from mouflow.redline.models import ClauseChange, Redline
from mouflow.store.access_tables import UserRow
from mouflow.store.mous import get_version
from mouflow.store.reviews import last_reviewed_version


class PlacedComment(BaseModel):
    """A review comment made on one of the two versions compared, and the clause of the redline it is on."""

    comment: ReviewComment
    old_number: int | None = Field(None, description="the clause in `from`; none for a comment on the whole")
    new_number: int | None = Field(None, description="the clause in `to`; none where the clause was removed")

    def on(self, change: ClauseChange) -> bool:
        return self.comment.clause is not None and (self.old_number, self.new_number) == (
            change.old_number,
            change.new_number,
        )


class CommentedRedline(Redline):
    """The redline, and the comments the reviews of its two versions made, each on its clause."""

    comments: tuple[PlacedComment, ...] = ()


@dataclass(frozen=True)
class Comparison:
    """A redline and the versions it is between, so a page can say which and offer the others."""

    mou_id: str
    from_version: int
    to_version: int
    latest: int
    reviewed_version: int | None  # the one the user's party last reviewed
    redline: Redline
    status: MouStatus  # the MoU's, as the projection has it: what the comments were read from
    comments: tuple[PlacedComment, ...]
    elsewhere: tuple[ReviewComment, ...]  # comments on other versions not answered yet, to answer from here too
    has_simplified: bool = False  # the later version has a Simplified text, which a reviewer may comment on

    def commented(self) -> CommentedRedline:
        return CommentedRedline(**dict(self.redline), comments=self.comments)


def compare_versions(
    *, session: Session, user: UserRow, mou_id: str, from_version: int | None = None, to_version: int | None = None
) -> Comparison:
    """The redline from `from_version` to `to_version`. Without `to`: the latest version; without `from`: the
    version the user's party last reviewed, so a reviewer sees what changed since, else the one before `to`."""
    row = visible_mou(session=session, user=user, mou_id=mou_id)  # first: another party's MoU is a 404
    latest = row.current_version
    new = _existing(mou_id, to_version, latest, "to") if to_version is not None else latest
    reviewed = last_reviewed_version(session=session, mou_id=mou_id, party_id=user.party_id)
    old = _existing(mou_id, from_version, latest, "from") if from_version is not None else _default_from(new, reviewed)
    if old > new:
        raise InvalidInput(
            "version {old} comes after version {new}; compare an earlier version to a later one",
            field="from",
            old=old,
            new=new,
        )
    later = _content(session, mou_id, new)
    compared = redline(_content(session, mou_id, old), later)
    status = MouStatus.model_validate(row.status)
    comments = status.comments
    return Comparison(
        mou_id=mou_id,
        from_version=old,
        to_version=new,
        latest=latest,
        reviewed_version=reviewed,
        redline=compared,
        status=status,
        comments=(placed := place_comments(comments, compared, old, new)),
        elsewhere=_open_elsewhere(comments, placed),
        has_simplified=later.simplified is not None,
    )


def place_comments(comments: list[ReviewComment], compared: Redline, old: int, new: int) -> tuple[PlacedComment, ...]:
    """The comments on `old` and on `new`: one on a clause of `old` stands where that clause went in `new`
    (by the clause's old number), one on `new` on its clause; a comment on the whole stands on neither."""
    went = {change.old_number: change.new_number for change in compared.clauses if change.old_number}
    came = {change.new_number: change.old_number for change in compared.clauses if change.new_number}
    placed = []
    for comment in comments:
        if comment.clause is None and comment.version in (old, new):
            placed.append(PlacedComment(comment=comment))
        elif comment.version == old and comment.clause in went:
            placed.append(PlacedComment(comment=comment, old_number=comment.clause, new_number=went[comment.clause]))
        elif comment.version == new and comment.clause in came:
            placed.append(PlacedComment(comment=comment, old_number=came[comment.clause], new_number=comment.clause))
    return tuple(placed)


def _open_elsewhere(comments: list[ReviewComment], placed: tuple[PlacedComment, ...]) -> tuple[ReviewComment, ...]:
    shown = {p.comment.id for p in placed}
    return tuple(comment for comment in comments if comment.answer is None and comment.id not in shown)


def _existing(mou_id: str, number: int, latest: int, field: str) -> int:
    if not 1 <= number <= latest:
        raise InvalidInput(
            "MoU {mou} has no version {number}; its versions are 1 to {latest}",
            field=field,
            mou=mou_id,
            number=number,
            latest=latest,
        )
    return number


def _default_from(new: int, reviewed: int | None) -> int:
    """What changed since the party's review; once it has reviewed `new` itself, what `new` changed."""
    if reviewed is not None and reviewed < new:
        return reviewed
    return max(new - 1, 1)


def _content(session: Session, mou_id: str, number: int) -> DraftContent:
    version = get_version(session=session, mou_id=mou_id, number=number)
    if version is None:  # not expected: the projection writes each version with the status that counts it
        raise NotFoundError(f"MoU {mou_id!r} has no version {number}")
    return DraftContent.model_validate(version.content)
