"""Where each item of a redline stands: the order a reader meets them in, and their status."""

from mouflow.redline.matching import Matching
from mouflow.redline.models import Status

Entry = tuple[int | None, int | None]  # old index, new index; None on the side an item is missing from


def reading_order(matching: Matching, old_count: int, new_count: int) -> list[Entry]:
    """The new list's order, each removed item just before the first item in place that followed it."""
    old_of = {j: i for i, j in matching.pairs.items()}
    removed = [i for i in range(old_count) if i not in matching.pairs]
    entries: list[Entry] = []
    for j in range(new_count):
        i = old_of.get(j)
        if i is not None and i in matching.in_place:
            entries.extend((r, None) for r in removed if r < i)
            removed = [r for r in removed if r > i]
        entries.append((i, j))
    return entries + [(r, None) for r in removed]


def status_of(matching: Matching, entry: Entry, changed: bool) -> Status:
    i, j = entry
    if i is None:
        return Status.ADDED
    if j is None:
        return Status.REMOVED
    if i in matching.in_place:
        return Status.CHANGED if changed else Status.UNCHANGED
    return Status.MOVED_AND_CHANGED if changed else Status.MOVED


def number(index: int | None) -> int | None:
    """1-based, as a reader counts."""
    return None if index is None else index + 1
