"""Lists of bilingual items without ids (clauses, scope areas), old against new: matched, placed, diffed."""

from collections.abc import Sequence
from dataclasses import dataclass

from mouflow.redline.bilingual import Texts, diff_bilingual, similarity
from mouflow.redline.candidates import Item
from mouflow.redline.matching import Matching, match_items
from mouflow.redline.models import BilingualDiff, Status
from mouflow.redline.placement import Entry, number, reading_order, status_of

Parts = tuple[Texts, ...]  # an item's bilingual texts: a clause's heading and text, a scope area itself


@dataclass(frozen=True)
class ItemChange:
    status: Status
    old_number: int | None
    new_number: int | None
    parts: tuple[BilingualDiff, ...]  # one for each of the item's parts, in their order
    similarity: float  # 0.0 for an item added or removed


def item_changes(old: Sequence[Parts], new: Sequence[Parts]) -> list[ItemChange]:
    """In reading order: the new list's, with removed items where they stood."""
    diffs = PairDiffs(old, new)
    matching = match_items([_item(parts) for parts in old], [_item(parts) for parts in new], diffs.similarity)
    return [_change(entry, diffs, matching) for entry in reading_order(matching, len(old), len(new))]


def _item(parts: Parts) -> Item:
    return tuple(text for part in parts for text in (part.en, part.zh))


class PairDiffs:
    """Each pair diffed once, whether to match it or to draw it."""

    def __init__(self, old: Sequence[Parts], new: Sequence[Parts]) -> None:
        self.old, self.new = old, new
        self._diffs: dict[Entry, tuple[BilingualDiff, ...]] = {}

    def parts(self, i: int | None, j: int | None) -> tuple[BilingualDiff, ...]:
        if (i, j) not in self._diffs:
            old = self.old[i] if i is not None else None
            new = self.new[j] if j is not None else None
            self._diffs[i, j] = _diff_parts(old, new)
        return self._diffs[i, j]

    def similarity(self, i: int, j: int) -> float:
        return similarity(self.parts(i, j))


def _diff_parts(old: Parts | None, new: Parts | None) -> tuple[BilingualDiff, ...]:
    count = len(old or new or ())
    return tuple(diff_bilingual(old[k] if old else None, new[k] if new else None) for k in range(count))


def _change(entry: Entry, diffs: PairDiffs, matching: Matching) -> ItemChange:
    i, j = entry
    parts = diffs.parts(i, j)
    return ItemChange(
        status=status_of(matching, entry, changed=any(part.changed for part in parts)),
        old_number=number(i),
        new_number=number(j),
        parts=parts,
        similarity=diffs.similarity(i, j) if i is not None and j is not None else 0.0,
    )
