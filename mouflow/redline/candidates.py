"""Which pairs of unmatched items are worth comparing at all.

Every pair, while that is cheap. A large draft revised throughout could leave 200 old clauses and 200 new
ones of 20,000 characters each, and 40,000 comparisons take hours; then only two kinds of pair are
compared: the items revised in place (the k-th unmatched old item between two items that stayed in place,
with the k-th new one there) and the items that share the most words no other unmatched item has (a name,
a number, a rare word: what a clause moved and revised still carries along).
"""

from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence

from mouflow.redline.lis import kept_in_order
from mouflow.redline.tokens import is_blank, tokens

Item = tuple[str, ...]  # an item's texts, in both languages
Pair = tuple[int, int]  # old index, new index

# characters diffed by comparing every pair: about a second's work
ALL_PAIRS_BUDGET = 2_000_000


def candidate_pairs(old: Sequence[Item], new: Sequence[Item], exact: dict[int, int]) -> list[Pair]:
    old_rest = [i for i in range(len(old)) if i not in exact]
    new_rest = sorted(set(range(len(new))) - set(exact.values()))
    if _all_pairs_cost(old, new, old_rest, new_rest) <= ALL_PAIRS_BUDGET:
        return [(i, j) for i in old_rest for j in new_rest]
    return sorted(set(in_gap_pairs(old_rest, new_rest, exact)) | set(linked_pairs(old, new, old_rest, new_rest)))


def _all_pairs_cost(old: Sequence[Item], new: Sequence[Item], old_rest: list[int], new_rest: list[int]) -> int:
    old_size = sum(_size(old[i]) for i in old_rest)
    new_size = sum(_size(new[j]) for j in new_rest)
    return len(new_rest) * old_size + len(old_rest) * new_size


def _size(item: Item) -> int:
    return sum(len(text) for text in item)


def in_gap_pairs(old_rest: list[int], new_rest: list[int], exact: dict[int, int]) -> list[Pair]:
    """The k-th unmatched old item between two exact matches in place, with the k-th new one there."""
    anchors = sorted((i, exact[i]) for i in kept_in_order(exact))
    old_gaps = _by_gap(old_rest, [i for i, _ in anchors])
    new_gaps = _by_gap(new_rest, [j for _, j in anchors])
    return [pair for gap, olds in old_gaps.items() for pair in zip(olds, new_gaps[gap], strict=False)]


def _by_gap(rest: list[int], anchors: list[int]) -> defaultdict[int, list[int]]:
    gaps: defaultdict[int, list[int]] = defaultdict(list)
    for index in rest:
        gaps[bisect_left(anchors, index)].append(index)
    return gaps


def linked_pairs(old: Sequence[Item], new: Sequence[Item], old_rest: list[int], new_rest: list[int]) -> list[Pair]:
    """Each unmatched item with the one on the other side it shares the most words unique to both with."""
    old_owner = _sole_owners({i: _words(old[i]) for i in old_rest})
    new_owner = _sole_owners({j: _words(new[j]) for j in new_rest})
    links = Counter((i, new_owner[word]) for word, i in old_owner.items() if word in new_owner)
    return sorted(set(_strongest(links, lambda pair: pair[0])) | set(_strongest(links, lambda pair: pair[1])))


def _words(item: Item) -> frozenset[str]:
    return frozenset(token for text in item for token in tokens(text) if not is_blank(token))


def _sole_owners(words: dict[int, frozenset[str]]) -> dict[str, int]:
    """Each word that only one of the items has, with that item."""
    counts = Counter(word for item_words in words.values() for word in item_words)
    return {word: item for item, item_words in words.items() for word in item_words if counts[word] == 1}


def _strongest(links: Counter[Pair], side: Callable[[Pair], int]) -> list[Pair]:
    """For each item on one side, its most linked pair (ties: the nearer, then the earlier)."""
    best: dict[int, Pair] = {}
    for pair, _ in sorted(links.items(), key=lambda link: (-link[1], abs(link[0][0] - link[0][1]), link[0])):
        best.setdefault(side(pair), pair)
    return list(best.values())
