"""Which pairs of unmatched items are worth comparing at all.

Every pair, while that is cheap. But a draft revised throughout can leave 200 old clauses and 200 new ones
of 20,000 characters in each language, and comparing 40,000 pairs takes an hour. Then only two kinds of
pair are compared: items revised in place (the k-th unmatched old item between two exact matches that
stayed in place, with the k-th new one there) and items linked by words that no other unmatched item has
on either side (a name, a number, a rare word: what a clause moved and revised still carries along). Of
those, only the pairs that share at least half of their words: unrelated clauses are not worth a diff.
"""

from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence

from mouflow.redline.lis import kept_in_order

Item = tuple[str, ...]  # an item's texts, in both languages
Pair = tuple[int, int]  # old index, new index
Words = frozenset[str]

# characters compared by trying every pair: about a second's work
ALL_PAIRS_BUDGET = 1_000_000
# of the words of the item with fewer, how many the pair must share to be compared when not every pair is
SHARED_WORDS = 0.5


def candidate_pairs(old: Sequence[Item], new: Sequence[Item], exact: dict[int, int]) -> list[Pair]:
    old_rest = [i for i in range(len(old)) if i not in exact]
    new_rest = sorted(set(range(len(new))) - set(exact.values()))
    if _all_pairs_cost(old, new, old_rest, new_rest) <= ALL_PAIRS_BUDGET:
        return [(i, j) for i in old_rest for j in new_rest]
    old_words = {i: _words(old[i]) for i in old_rest}
    new_words = {j: _words(new[j]) for j in new_rest}
    pairs = set(in_gap_pairs(old_rest, new_rest, exact)) | set(linked_pairs(old_words, new_words))
    return [(i, j) for i, j in sorted(pairs) if _share(old_words[i], new_words[j]) >= SHARED_WORDS]


def _all_pairs_cost(old: Sequence[Item], new: Sequence[Item], old_rest: list[int], new_rest: list[int]) -> int:
    old_size = sum(_size(old[i]) for i in old_rest)
    new_size = sum(_size(new[j]) for j in new_rest)
    return len(new_rest) * old_size + len(old_rest) * new_size


def _size(item: Item) -> int:
    return sum(len(text) for text in item)


def _words(item: Item) -> Words:
    """Split at spaces: English words as they are written; Chinese, which has no spaces, in whole runs."""
    return frozenset(word for text in item for word in text.split())


def _share(old: Words, new: Words) -> float:
    return len(old & new) / min(len(old), len(new)) if old and new else 0.0


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


def linked_pairs(old_words: dict[int, Words], new_words: dict[int, Words]) -> list[Pair]:
    """Each unmatched item with the one on the other side it shares the most words unique to both with."""
    old_owner, new_owner = _sole_owners(old_words), _sole_owners(new_words)
    links = Counter((i, new_owner[word]) for word, i in old_owner.items() if word in new_owner)
    return sorted(set(_strongest(links, lambda pair: pair[0])) | set(_strongest(links, lambda pair: pair[1])))


def _sole_owners(words: dict[int, Words]) -> dict[str, int]:
    """Each word that only one of the items has, with that item."""
    counts = Counter(word for item_words in words.values() for word in item_words)
    return {word: item for item, item_words in words.items() for word in item_words if counts[word] == 1}


def _strongest(links: Counter[Pair], side: Callable[[Pair], int]) -> list[Pair]:
    """For each item on one side, its most linked pair (ties: the nearer, then the earlier)."""
    best: dict[int, Pair] = {}
    for pair, _ in sorted(links.items(), key=lambda link: (-link[1], abs(link[0][0] - link[0][1]), link[0])):
        best.setdefault(side(pair), pair)
    return list(best.values())
