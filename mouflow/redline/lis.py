"""The longest increasing subsequence: what stays in place when some things move."""

from bisect import bisect_left
from collections.abc import Sequence


def longest_increasing(values: Sequence[int]) -> list[int]:
    """Positions in `values` of one longest strictly increasing subsequence; the same one for the same input."""
    ends: list[int] = []  # ends[k]: position of the smallest value that ends an increasing run of k + 1
    end_values: list[int] = []
    previous = [-1] * len(values)
    for position, value in enumerate(values):
        length = bisect_left(end_values, value)
        previous[position] = ends[length - 1] if length else -1
        if length == len(ends):
            ends.append(position)
            end_values.append(value)
        else:
            ends[length], end_values[length] = position, value
    return _chain(previous, ends[-1] if ends else -1)


def _chain(previous: list[int], last: int) -> list[int]:
    chain: list[int] = []
    while last >= 0:
        chain.append(last)
        last = previous[last]
    return chain[::-1]


def kept_in_order(pairs: dict[int, int]) -> frozenset[int]:
    """Of pairs old -> new position, the old positions of as many as keep their relative order."""
    by_new = sorted(pairs, key=pairs.__getitem__)
    return frozenset(by_new[k] for k in longest_increasing(by_new))
