"""Which tokens two texts share, in order: the matching blocks a redline is drawn from.

difflib's SequenceMatcher(autojunk=False) alone takes seconds on a 20,000-character clause: every space and
every common character (的, 及) is a candidate start for its longest match. So the texts are first anchored
on tokens that occur exactly once in each (patience diff: names, numbers, rare words), in the order the
longest increasing subsequence keeps; the stretches between anchors are anchored again in the same way.
A stretch without such a token is left to SequenceMatcher when it is small enough to be quick.
"""

from collections import Counter
from collections.abc import Sequence
from difflib import SequenceMatcher

from mouflow.redline.lis import longest_increasing

Block = tuple[int, int, int]  # (i, j, size): old[i:i + size] == new[j:j + size]
Region = tuple[int, int, int, int]  # old[alo:ahi] against new[blo:bhi]

# SequenceMatcher's work grows with the product of the lengths it compares: 40,000 (200 by 200 tokens) is
# milliseconds; a larger stretch with no token unique to both sides shares nothing worth marking
SEQUENCE_MATCHER_LIMIT = 40_000


def matching_blocks(old: Sequence[str], new: Sequence[str]) -> list[Block]:
    """Blocks in increasing order of both i and j, adjacent ones joined."""
    blocks: list[Block] = []
    regions: list[Region] = [(0, len(old), 0, len(new))]
    while regions:  # a stack rather than recursion: a long text may be split many levels deep
        regions.extend(_split(old, new, regions.pop(), blocks))
    return _joined(sorted(blocks))


def _split(old: Sequence[str], new: Sequence[str], region: Region, blocks: list[Block]) -> list[Region]:
    """Records the blocks found in one region and returns the regions left to search."""
    alo, ahi, blo, bhi = _trimmed(old, new, region, blocks)
    if alo == ahi or blo == bhi:
        return []
    anchors = _unique_anchors(old[alo:ahi], new[blo:bhi])
    if not anchors:
        blocks.extend(_sequence_matcher_blocks(old, new, (alo, ahi, blo, bhi)))
        return []
    blocks.extend((alo + i, blo + j, 1) for i, j in anchors)
    return _between(anchors, (alo, ahi, blo, bhi))


def _trimmed(old: Sequence[str], new: Sequence[str], region: Region, blocks: list[Block]) -> Region:
    """The region without the tokens both sides begin and end with, which are recorded as blocks."""
    alo, ahi, blo, bhi = region
    start = 0
    while alo + start < ahi and blo + start < bhi and old[alo + start] == new[blo + start]:
        start += 1
    end = 0
    while alo + start < ahi - end and blo + start < bhi - end and old[ahi - end - 1] == new[bhi - end - 1]:
        end += 1
    if start:
        blocks.append((alo, blo, start))
    if end:
        blocks.append((ahi - end, bhi - end, end))
    return alo + start, ahi - end, blo + start, bhi - end


def _unique_anchors(old: Sequence[str], new: Sequence[str]) -> list[tuple[int, int]]:
    """Positions (i, j) of tokens found once in each side, as many as keep the same order in both."""
    old_counts, new_counts = Counter(old), Counter(new)
    unique = {token for token, count in old_counts.items() if count == 1 and new_counts[token] == 1}
    if not unique:
        return []
    new_position = {token: j for j, token in enumerate(new) if token in unique}
    pairs = [(i, new_position[token]) for i, token in enumerate(old) if token in unique]
    return [pairs[k] for k in longest_increasing([j for _, j in pairs])]


def _between(anchors: list[tuple[int, int]], region: Region) -> list[Region]:
    alo, ahi, blo, bhi = region
    starts = [(alo, blo)] + [(alo + i + 1, blo + j + 1) for i, j in anchors]
    ends = [(alo + i, blo + j) for i, j in anchors] + [(ahi, bhi)]
    return [(a0, a1, b0, b1) for (a0, b0), (a1, b1) in zip(starts, ends, strict=True) if a0 < a1 or b0 < b1]


def _sequence_matcher_blocks(old: Sequence[str], new: Sequence[str], region: Region) -> list[Block]:
    alo, ahi, blo, bhi = region
    if (ahi - alo) * (bhi - blo) > SEQUENCE_MATCHER_LIMIT:
        return []
    matcher = SequenceMatcher(None, old[alo:ahi], new[blo:bhi], autojunk=False)
    return [(alo + i, blo + j, size) for i, j, size in matcher.get_matching_blocks() if size]


def _joined(blocks: list[Block]) -> list[Block]:
    joined: list[Block] = []
    for i, j, size in blocks:
        if joined and joined[-1][0] + joined[-1][2] == i and joined[-1][1] + joined[-1][2] == j:
            last_i, last_j, last_size = joined.pop()
            joined.append((last_i, last_j, last_size + size))
        else:
            joined.append((i, j, size))
    return joined
