"""Where each item of a redline stands: the order a reader meets them in, and their status."""

from collections import deque

from mouflow.redline.matching import Matching
from mouflow.redline.models import Status

Entry = tuple[int | None, int | None]  # old index, new index; None on the side an item is missing from


def reading_order(matching: Matching, old_count: int, new_count: int) -> list[Entry]:
    """The new list's order. Between two items that stayed in place, the removed items come first (as a
    deletion is drawn before the insertion that replaces it), then the added and moved ones."""
    old_of = {j: i for i, j in matching.pairs.items()}
    removed = deque(i for i in range(old_count) if i not in matching.pairs)
    entries: list[Entry] = []
    for j, bound in enumerate(_next_in_place(matching, old_of, old_count, new_count)):
        while removed and removed[0] < bound:
            entries.append((removed.popleft(), None))
        entries.append((old_of.get(j), j))
    return entries + [(i, None) for i in removed]


def _next_in_place(matching: Matching, old_of: dict[int, int], old_count: int, new_count: int) -> list[int]:
    """For each new position, the old position of the first item at or after it that stayed in place."""
    bounds = [old_count] * new_count
    bound = old_count
    for j in reversed(range(new_count)):
        if old_of.get(j) in matching.in_place:
            bound = old_of[j]
        bounds[j] = bound
    return bounds


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
