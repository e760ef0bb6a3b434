"""What the reading pages show besides the text itself: the MoU's versions, and the parties' names."""

from dataclasses import dataclass

from sqlalchemy.orm import Session

from api.access import visible_mou
from api.services.mous import read_draft
from api.services.redlines import Comparison, PlacedComment, compare_versions
from mouflow.domain.content import DraftContent
from mouflow.domain.summaries import MouStatus, VersionInfo
from mouflow.redline.models import ClauseChange, OneLanguageChange, Part
from mouflow.store.access_tables import UserRow
from mouflow.store.parties import list_parties

CLAUSE_PARTS = frozenset({Part.CLAUSE_HEADING, Part.CLAUSE_TEXT})


@dataclass(frozen=True)
class Versions:
    mou_id: str
    title_en: str
    title_zh: str
    versions: list[VersionInfo]
    party_names: dict[str, tuple[str, str]]
    status: MouStatus


@dataclass(frozen=True)
class VersionView:
    mou: Versions
    number: int
    content: DraftContent


@dataclass(frozen=True)
class ClauseRow:
    """A clause's change, its parts that changed in one language only, for the flag beside it, and the review
    comments on it."""

    change: ClauseChange
    one_language: list[OneLanguageChange]
    comments: list[PlacedComment]


@dataclass(frozen=True)
class RedlineView:
    mou: Versions
    comparison: Comparison
    clauses: list[ClauseRow]
    on_the_whole: list[PlacedComment]  # the comments on either version as a whole
    elsewhere: list[PlacedComment]  # those on other versions, not answered yet

    @property
    def open_comments(self) -> int:
        shown = [placed.comment for placed in (*self.comparison.comments, *self.elsewhere)]
        return sum(1 for comment in shown if comment.answer is None)


def version_view(*, session: Session, user: UserRow, mou_id: str, number: int) -> VersionView:
    content = read_draft(session=session, user=user, mou_id=mou_id, number=number)  # access first, then the version
    status = MouStatus.model_validate(visible_mou(session=session, user=user, mou_id=mou_id).status)
    return VersionView(mou=_versions(session, status), number=number, content=content)


def redline_view(
    *, session: Session, user: UserRow, mou_id: str, from_version: int | None, to_version: int | None
) -> RedlineView:
    comparison = compare_versions(
        session=session, user=user, mou_id=mou_id, from_version=from_version, to_version=to_version
    )
    flagged = comparison.redline.one_language_changes
    clauses = [
        ClauseRow(change, _flags_of(change, flagged), [p for p in comparison.comments if p.on(change)])
        for change in comparison.redline.clauses
    ]
    on_the_whole = [placed for placed in comparison.comments if placed.comment.clause is None]
    elsewhere = [PlacedComment(comment=comment) for comment in comparison.elsewhere]
    return RedlineView(
        mou=_versions(session, comparison.status),  # the status compare_versions read, access checked
        comparison=comparison,
        clauses=clauses,
        on_the_whole=on_the_whole,
        elsewhere=elsewhere,
    )


def _flags_of(change: ClauseChange, flagged: tuple[OneLanguageChange, ...]) -> list[OneLanguageChange]:
    place = (change.old_number, change.new_number)
    return [f for f in flagged if f.part in CLAUSE_PARTS and (f.old_number, f.new_number) == place]


def _versions(session: Session, status: MouStatus) -> Versions:
    return Versions(
        mou_id=status.mou_id,
        title_en=status.title_en,
        title_zh=status.title_zh,
        versions=status.versions,
        party_names={p.id: (p.name_en, p.name_zh) for p in list_parties(session=session)},
        status=status,
    )
