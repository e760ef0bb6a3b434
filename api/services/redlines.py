"""Comparing two draft versions of an MoU: which two, by default, and the redline between them."""

from dataclasses import dataclass

from sqlalchemy.orm import Session

from api.access import visible_mou
from mouflow.domain.content import DraftContent
from mouflow.errors import InvalidInput, NotFoundError
from mouflow.redline.compare import redline
from mouflow.redline.models import Redline
from mouflow.store.access_tables import UserRow
from mouflow.store.mous import get_version
from mouflow.store.reviews import last_reviewed_version


@dataclass(frozen=True)
class Comparison:
    """A redline and the versions it is between, so a page can say which and offer the others."""

    mou_id: str
    from_version: int
    to_version: int
    latest: int
    reviewed_version: int | None  # the one the user's party last reviewed
    redline: Redline


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
    return Comparison(
        mou_id=mou_id,
        from_version=old,
        to_version=new,
        latest=latest,
        reviewed_version=reviewed,
        redline=redline(_content(session, mou_id, old), _content(session, mou_id, new)),
    )


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
