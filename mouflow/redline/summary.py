"""The counts at the head of a redline."""

from collections.abc import Sequence

from mouflow.redline.models import (
    ClauseChange,
    MilestoneChange,
    OneLanguageChange,
    PlanStatus,
    ScopeAreaChange,
    Status,
    Summary,
)

TEXT_CHANGED = frozenset({Status.CHANGED, Status.MOVED_AND_CHANGED})
MOVED = frozenset({Status.MOVED, Status.MOVED_AND_CHANGED})


def summarise(
    scope_areas: Sequence[ScopeAreaChange],
    clauses: Sequence[ClauseChange],
    milestones: Sequence[MilestoneChange],
    fields_changed: tuple[str, ...],
    one_language_changes: Sequence[OneLanguageChange],
) -> Summary:
    clause_statuses = [clause.status for clause in clauses]
    area_statuses = [area.status for area in scope_areas]
    plan_statuses = [milestone.status for milestone in milestones]
    return Summary(
        clauses_changed=sum(status in TEXT_CHANGED for status in clause_statuses),
        clauses_added=clause_statuses.count(Status.ADDED),
        clauses_removed=clause_statuses.count(Status.REMOVED),
        clauses_moved=sum(status in MOVED for status in clause_statuses),
        scope_areas_changed=sum(status in TEXT_CHANGED for status in area_statuses),
        scope_areas_added=area_statuses.count(Status.ADDED),
        scope_areas_removed=area_statuses.count(Status.REMOVED),
        scope_areas_moved=sum(status in MOVED for status in area_statuses),
        milestones_changed=plan_statuses.count(PlanStatus.CHANGED),
        milestones_added=plan_statuses.count(PlanStatus.ADDED),
        milestones_removed=plan_statuses.count(PlanStatus.REMOVED),
        fields_changed=fields_changed,
        one_language_changes=len(one_language_changes),
    )


def anything_changed(summary: Summary) -> bool:
    counts = summary.model_dump(exclude={"fields_changed", "one_language_changes"})
    return bool(summary.fields_changed) or any(counts.values())
