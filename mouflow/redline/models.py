"""What a redline says: the result the API returns and the drafting desk's page draws.

Frozen and JSON-serialisable throughout; numbers are 1-based, as a reader counts clauses.
"""

from datetime import date
from enum import StrEnum
from typing import Generic, TypeVar

from mouflow.domain.content import Frozen, MilestonePlanItem

T = TypeVar("T")


class Op(StrEnum):
    EQUAL = "equal"
    INSERT = "insert"
    DELETE = "delete"


class Language(StrEnum):
    EN = "en"
    ZH = "zh"


class Segment(Frozen):
    op: Op
    text: str


class BilingualDiff(Frozen):
    """One bilingual text (a title, a heading, a clause's text) against its revision, language by language.

    Per language, equal and deleted segments rejoin to the old text, equal and inserted ones to the new.
    """

    en: tuple[Segment, ...]
    zh: tuple[Segment, ...]
    changed_languages: tuple[Language, ...]
    # one language changed and the other did not: both texts are equally authentic, so the officer confirms
    one_language_only: bool

    @property
    def changed(self) -> bool:
        return bool(self.changed_languages)


class Status(StrEnum):
    UNCHANGED = "unchanged"
    CHANGED = "changed"
    MOVED = "moved"
    MOVED_AND_CHANGED = "moved_and_changed"
    ADDED = "added"
    REMOVED = "removed"


class Placed(Frozen):
    status: Status
    old_number: int | None  # None: added
    new_number: int | None  # None: removed


class ClauseChange(Placed):
    heading: BilingualDiff
    text: BilingualDiff
    similarity: float  # 1.0 for the same clause, 0.0 for one added or removed
    one_language_only: bool  # its heading or its text changed in one language only


class ScopeAreaChange(Placed):
    area: BilingualDiff


class Change(Frozen, Generic[T]):
    old: T
    new: T


class Due(Frozen):
    """When a milestone falls due: a date, or an offset from the effective date."""

    due_date: date | None
    offset_months: int | None
    offset_days: int


class PlanStatus(StrEnum):
    """Milestones are matched by id: added, removed or changed in place, never moved."""

    UNCHANGED = "unchanged"
    CHANGED = "changed"
    ADDED = "added"
    REMOVED = "removed"


class MilestoneField(StrEnum):
    TITLE = "title"
    OWNER = "owner_party_id"
    DUE = "due"
    REQUIRES_CONFIRMATION = "requires_confirmation"


class MilestoneChange(Frozen):
    id: str
    status: PlanStatus
    old_number: int | None
    new_number: int | None
    title: BilingualDiff
    changed_fields: tuple[MilestoneField, ...]  # of a milestone in both plans; () when added or removed
    owner_party_id: Change[str] | None
    due: Change[Due] | None
    requires_confirmation: Change[bool] | None
    old: MilestonePlanItem | None  # the items themselves, for a page that shows a whole milestone
    new: MilestonePlanItem | None


class Part(StrEnum):
    TITLE = "title"
    SCOPE_AREA = "scope_area"
    CLAUSE_HEADING = "clause_heading"
    CLAUSE_TEXT = "clause_text"
    MILESTONE_TITLE = "milestone_title"


class OneLanguageChange(Frozen):
    """A bilingual text changed in one language only, which the officer confirms on submit."""

    part: Part
    language: Language  # the one that changed
    old_number: int | None = None  # of the scope area or clause
    new_number: int | None = None
    milestone_id: str | None = None


class SimplifiedStatus(StrEnum):
    ADDED = "added"
    CHANGED = "changed"
    REMOVED = "removed"


class SimplifiedClauseDiff(Frozen):
    heading: tuple[Segment, ...]
    text: tuple[Segment, ...]
    changed: bool


class SimplifiedDiff(Frozen):
    """The Simplified Chinese text against its revision, scope areas and clauses place by place."""

    status: SimplifiedStatus
    title: tuple[Segment, ...]
    scope_areas: tuple[tuple[Segment, ...], ...]
    clauses: tuple[SimplifiedClauseDiff, ...]


class Summary(Frozen):
    clauses_changed: int  # text changed, moved or not
    clauses_added: int
    clauses_removed: int
    clauses_moved: int  # moved, changed or not
    scope_areas_changed: int
    scope_areas_added: int
    scope_areas_removed: int
    scope_areas_moved: int
    milestones_changed: int
    milestones_added: int
    milestones_removed: int
    fields_changed: tuple[str, ...]  # of title, term_months, effective_date, notice_months, simplified
    one_language_changes: int


class Redline(Frozen):
    changed: bool  # anything at all
    summary: Summary
    title: BilingualDiff
    scope_areas: tuple[ScopeAreaChange, ...]
    term_months: Change[int] | None  # None: unchanged
    effective_date: Change[date | None] | None
    notice_months: Change[int] | None
    clauses: tuple[ClauseChange, ...]  # in reading order: the new draft's, removed ones where they stood
    milestones: tuple[MilestoneChange, ...]  # likewise
    one_language_changes: tuple[OneLanguageChange, ...]
    simplified: SimplifiedDiff | None = None  # None: neither version has a Simplified text, or both the same
