"""Which item of the old list became which of the new: clauses and scope areas have no ids.

Exact copies pair first, wherever they moved; then, among the rest, the most similar pairs whose
similarity reaches SIMILARITY_THRESHOLD; what is left was added or removed. Items that kept their relative
order (the longest increasing subsequence of their old positions, taken in the new order) are in place;
the other matched items moved.
"""

from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from mouflow.redline.candidates import Item, Pair, candidate_pairs
from mouflow.redline.lis import kept_in_order

# a revision that keeps at least half of an item's text, in both languages taken together, is a revision
# of it; less, and the reader is better served by the old item removed and the new one added
SIMILARITY_THRESHOLD = 0.5


@dataclass(frozen=True)
class Matching:
    pairs: dict[int, int]  # old index -> new index, 0-based
    in_place: frozenset[int]  # old indices of the pairs that kept their relative order


def match_items(old: Sequence[Item], new: Sequence[Item], similarity: Callable[[int, int], float]) -> Matching:
    """`similarity(i, j)` of old[i] and new[j], from 0 to 1; the same answer for the same lists."""
    exact = exact_pairs(old, new)
    pairs = exact | similar_pairs(candidate_pairs(old, new, exact), similarity)
    return Matching(pairs=pairs, in_place=kept_in_order(pairs))


def exact_pairs(old: Sequence[Item], new: Sequence[Item]) -> dict[int, int]:
    """The k-th copy of an item in the old list pairs with its k-th copy in the new one."""
    waiting: defaultdict[Item, deque[int]] = defaultdict(deque)
    for j, item in enumerate(new):
        waiting[item].append(j)
    return {i: waiting[item].popleft() for i, item in enumerate(old) if waiting.get(item)}


def similar_pairs(candidates: Iterable[Pair], similarity: Callable[[int, int], float]) -> dict[int, int]:
    """The most similar pairs first (ties: the nearer, then the earlier), each item in one pair at most."""
    scored = [(similarity(i, j), i, j) for i, j in candidates]
    ranked = sorted((s for s in scored if s[0] >= SIMILARITY_THRESHOLD), key=lambda s: (-s[0], abs(s[1] - s[2]), s[1:]))
    pairs: dict[int, int] = {}
    taken: set[int] = set()
    for _, i, j in ranked:
        if i not in pairs and j not in taken:
            pairs[i] = j
            taken.add(j)
    return pairs
