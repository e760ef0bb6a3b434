"""A text diff as runs: text both versions share, and changes (what was deleted, what was inserted)."""

from collections.abc import Sequence
from dataclasses import dataclass

from mouflow.redline.alignment import Block


@dataclass(frozen=True)
class Change:
    deleted: str
    inserted: str


Run = str | Change  # a str is text both versions share


def runs_of(old: Sequence[str], new: Sequence[str], blocks: list[Block]) -> list[Run]:
    """Shared text and changes in turn, from the matching blocks of two token lists."""
    runs: list[Run] = []
    i = j = 0
    for block_i, block_j, size in [*blocks, (len(old), len(new), 0)]:
        if i < block_i or j < block_j:
            runs.append(Change("".join(old[i:block_i]), "".join(new[j:block_j])))
        if size:
            runs.append("".join(old[block_i : block_i + size]))
        i, j = block_i + size, block_j + size
    return runs


def absorb_short_equalities(runs: list[Run]) -> list[Run]:
    """Shared text no longer than the changes on both sides of it joins them into one change.

    A reader sees "quick brown" replaced by "slow red", not a space that survived between two replaced
    words (diff-match-patch's semantic clean-up does the same). Each join is checked again against the
    change before it, now that the change after it has grown.
    """
    kept: list[Run] = []
    for run in runs:
        kept.append(run)
        while (joined := _joined(kept[-3:])) is not None:
            kept[-3:] = [joined]
    return kept


def _joined(last_three: list[Run]) -> Change | None:
    match last_three:
        case [Change() as before, str() as shared, Change() as after] if len(shared) <= min(
            _size(before), _size(after)
        ):
            return Change(before.deleted + shared + after.deleted, before.inserted + shared + after.inserted)
    return None


def _size(change: Change) -> int:
    return max(len(change.deleted), len(change.inserted))
