"""Equal authenticity: a text changed in one language only is listed for the officer to confirm on submit.

The English and the Chinese texts of an MoU are equally authentic, so an edit to one alone is either a
correction that the other did not need or a translation left behind.
"""

from collections.abc import Sequence

from mouflow.redline.models import (
    BilingualDiff,
    ClauseChange,
    MilestoneChange,
    OneLanguageChange,
    Part,
    ScopeAreaChange,
)


def one_language_changes(
    title: BilingualDiff,
    scope_areas: Sequence[ScopeAreaChange],
    clauses: Sequence[ClauseChange],
    milestones: Sequence[MilestoneChange],
) -> tuple[OneLanguageChange, ...]:
    """In the order a reader meets them: title, scope areas, clauses (heading, then text), milestones."""
    found = _flagged(Part.TITLE, title)
    for area in scope_areas:
        found += _flagged(Part.SCOPE_AREA, area.area, area.old_number, area.new_number)
    for clause in clauses:
        found += _flagged(Part.CLAUSE_HEADING, clause.heading, clause.old_number, clause.new_number)
        found += _flagged(Part.CLAUSE_TEXT, clause.text, clause.old_number, clause.new_number)
    for milestone in milestones:
        found += _flagged(Part.MILESTONE_TITLE, milestone.title, milestone_id=milestone.id)
    return tuple(found)


def _flagged(
    part: Part,
    diff: BilingualDiff,
    old_number: int | None = None,
    new_number: int | None = None,
    milestone_id: str | None = None,
) -> list[OneLanguageChange]:
    if not diff.one_language_only:
        return []
    return [
        OneLanguageChange(
            part=part,
            language=diff.changed_languages[0],
            old_number=old_number,
            new_number=new_number,
            milestone_id=milestone_id,
        )
    ]
