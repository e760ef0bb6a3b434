"""The Simplified Chinese text of two versions, compared: it is authentic where the parties made it so, and a
version that only adds or rewrites it goes round every party like any other, so the redline shows it too.

Its scope areas and clauses pair with the draft's by their place (mouflow.domain.content.SimplifiedText), so
they are compared place by place: a text that one version lacks compares as empty."""

from itertools import zip_longest

from mouflow.domain.content import SimplifiedClause, SimplifiedText
from mouflow.redline.models import SimplifiedClauseDiff, SimplifiedDiff, SimplifiedStatus
from mouflow.redline.text_diff import diff_text

NO_CLAUSE = SimplifiedClause.model_construct(heading="", text="")


def simplified_changes(old: SimplifiedText | None, new: SimplifiedText | None) -> SimplifiedDiff | None:
    """None where neither version has one, or both have the same."""
    if old == new:
        return None
    return SimplifiedDiff(
        status=_status(old, new),
        title=diff_text(old.title if old else "", new.title if new else ""),
        scope_areas=tuple(
            diff_text(before or "", after or "")
            for before, after in zip_longest(old.scope_areas if old else [], new.scope_areas if new else [])
        ),
        clauses=tuple(
            _clause(before or NO_CLAUSE, after or NO_CLAUSE)
            for before, after in zip_longest(old.clauses if old else [], new.clauses if new else [])
        ),
    )


def _status(old: SimplifiedText | None, new: SimplifiedText | None) -> SimplifiedStatus:
    if old is None:
        return SimplifiedStatus.ADDED
    return SimplifiedStatus.REMOVED if new is None else SimplifiedStatus.CHANGED


def _clause(old: SimplifiedClause, new: SimplifiedClause) -> SimplifiedClauseDiff:
    heading, text = diff_text(old.heading, new.heading), diff_text(old.text, new.text)
    return SimplifiedClauseDiff(heading=heading, text=text, changed=old != new)
