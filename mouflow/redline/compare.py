"""The redline between two versions of an MoU's content: `redline(old, new)`."""

from mouflow.domain.content import DraftContent
from mouflow.redline.authenticity import one_language_changes
from mouflow.redline.bilingual import diff_bilingual
from mouflow.redline.clauses import clause_changes, scope_area_changes
from mouflow.redline.fields import changed_value
from mouflow.redline.models import Redline
from mouflow.redline.plan import milestone_changes
from mouflow.redline.simplified import simplified_changes
from mouflow.redline.summary import anything_changed, summarise


def redline(old: DraftContent, new: DraftContent) -> Redline:
    """Everything that changed from `old` to `new`, and all that did not, in the new draft's order."""
    title = diff_bilingual(old.title, new.title)
    scope_areas = scope_area_changes(old.scope_areas, new.scope_areas)
    clauses = clause_changes(old.clauses, new.clauses)
    milestones = milestone_changes(old.milestones, new.milestones)
    flagged = one_language_changes(title, scope_areas, clauses, milestones)
    term = changed_value(old.term_months, new.term_months)
    effective = changed_value(old.effective_date, new.effective_date)
    notice = changed_value(old.notice_months, new.notice_months)
    simplified = simplified_changes(old.simplified, new.simplified)
    named = {
        "title": title.changed,
        "term_months": term,
        "effective_date": effective,
        "notice_months": notice,
        "simplified": simplified,
    }
    summary = summarise(scope_areas, clauses, milestones, tuple(name for name, c in named.items() if c), flagged)
    return Redline(
        changed=anything_changed(summary),
        summary=summary,
        title=title,
        scope_areas=scope_areas,
        term_months=term,
        effective_date=effective,
        notice_months=notice,
        clauses=clauses,
        milestones=milestones,
        one_language_changes=flagged,
        simplified=simplified,
    )
