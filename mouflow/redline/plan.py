"""The milestone plan, old against new: milestones have ids, so they are matched by id."""

from collections.abc import Sequence

from mouflow.domain.content import MilestonePlanItem
from mouflow.redline.bilingual import diff_bilingual
from mouflow.redline.fields import changed_value
from mouflow.redline.lis import kept_in_order
from mouflow.redline.matching import Matching
from mouflow.redline.models import Due, MilestoneChange, MilestoneField, PlanStatus
from mouflow.redline.placement import Entry, number, reading_order


def milestone_changes(
    old: Sequence[MilestonePlanItem], new: Sequence[MilestonePlanItem]
) -> tuple[MilestoneChange, ...]:
    """In the new plan's order, removed milestones where they stood."""
    pairs = _pairs_by_id(old, new)
    matching = Matching(pairs=pairs, in_place=kept_in_order(pairs))
    return tuple(_milestone_change(entry, old, new) for entry in reading_order(matching, len(old), len(new)))


def _pairs_by_id(old: Sequence[MilestonePlanItem], new: Sequence[MilestonePlanItem]) -> dict[int, int]:
    """A plan repeats no id (drafting.check_plan); were one repeated, its first milestones pair."""
    old_index: dict[str, int] = {}
    new_index: dict[str, int] = {}
    for index, item in enumerate(old):
        old_index.setdefault(item.id, index)
    for index, item in enumerate(new):
        new_index.setdefault(item.id, index)
    return {old_index[id_]: new_index[id_] for id_ in old_index.keys() & new_index.keys()}


def _milestone_change(
    entry: Entry, old: Sequence[MilestonePlanItem], new: Sequence[MilestonePlanItem]
) -> MilestoneChange:
    i, j = entry
    match (old[i] if i is not None else None), (new[j] if j is not None else None):
        case MilestonePlanItem() as before, MilestonePlanItem() as after:
            return _kept(entry, before, after)
        case None, MilestonePlanItem() as added:
            return _one_sided(entry, PlanStatus.ADDED, added)
        case MilestonePlanItem() as removed, None:
            return _one_sided(entry, PlanStatus.REMOVED, removed)
    raise ValueError("a reading-order entry has a milestone on one side at least")


def _kept(entry: Entry, before: MilestonePlanItem, after: MilestonePlanItem) -> MilestoneChange:
    title = diff_bilingual(before.title, after.title)
    owner = changed_value(before.owner_party_id, after.owner_party_id)
    due = changed_value(_due(before), _due(after))
    confirmation = changed_value(before.requires_confirmation, after.requires_confirmation)
    changed = {
        MilestoneField.TITLE: title.changed,
        MilestoneField.OWNER: owner is not None,
        MilestoneField.DUE: due is not None,
        MilestoneField.REQUIRES_CONFIRMATION: confirmation is not None,
    }
    fields = tuple(field for field, is_changed in changed.items() if is_changed)
    return MilestoneChange(
        id=after.id,
        status=PlanStatus.CHANGED if fields else PlanStatus.UNCHANGED,
        old_number=number(entry[0]),
        new_number=number(entry[1]),
        title=title,
        changed_fields=fields,
        owner_party_id=owner,
        due=due,
        requires_confirmation=confirmation,
        old=before,
        new=after,
    )


def _one_sided(entry: Entry, status: PlanStatus, item: MilestonePlanItem) -> MilestoneChange:
    added = status is PlanStatus.ADDED
    return MilestoneChange(
        id=item.id,
        status=status,
        old_number=number(entry[0]),
        new_number=number(entry[1]),
        title=diff_bilingual(None, item.title) if added else diff_bilingual(item.title, None),
        changed_fields=(),
        owner_party_id=None,
        due=None,
        requires_confirmation=None,
        old=None if added else item,
        new=item if added else None,
    )


def _due(item: MilestonePlanItem) -> Due:
    return Due(due_date=item.due_date, offset_months=item.offset_months, offset_days=item.offset_days)
