"""Clauses and scope areas, old against new: matched by content, since they have no ids."""

from collections.abc import Sequence

from mouflow.domain.content import Bilingual, Clause
from mouflow.redline.items import ItemChange, item_changes
from mouflow.redline.models import ClauseChange, ScopeAreaChange


def clause_changes(old: Sequence[Clause], new: Sequence[Clause]) -> tuple[ClauseChange, ...]:
    changes = item_changes([(c.heading, c.text) for c in old], [(c.heading, c.text) for c in new])
    return tuple(_clause_change(change) for change in changes)


def _clause_change(change: ItemChange) -> ClauseChange:
    heading, text = change.parts
    return ClauseChange(
        status=change.status,
        old_number=change.old_number,
        new_number=change.new_number,
        heading=heading,
        text=text,
        similarity=change.similarity,
        one_language_only=heading.one_language_only or text.one_language_only,
    )


def scope_area_changes(old: Sequence[Bilingual], new: Sequence[Bilingual]) -> tuple[ScopeAreaChange, ...]:
    changes = item_changes([(area,) for area in old], [(area,) for area in new])
    return tuple(
        ScopeAreaChange(status=c.status, old_number=c.old_number, new_number=c.new_number, area=c.parts[0])
        for c in changes
    )
