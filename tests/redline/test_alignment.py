"""The alignment under every text diff, and the longest increasing subsequence under every move."""

from hypothesis import given
from hypothesis import strategies as st

from mouflow.redline.alignment import matching_blocks
from mouflow.redline.lis import kept_in_order, longest_increasing

tokens = st.lists(st.sampled_from(["a", "b", "c", " ", "人", "才"]), max_size=60)


@given(tokens, tokens)
def test_blocks_match_and_run_forward_on_both_sides(old: list[str], new: list[str]) -> None:
    blocks = matching_blocks(old, new)
    assert all(old[i : i + size] == new[j : j + size] and size > 0 for i, j, size in blocks)
    for (i, j, size), (next_i, next_j, _) in zip(blocks, blocks[1:], strict=False):
        assert i + size <= next_i and j + size <= next_j
        assert (i + size, j + size) != (next_i, next_j)  # adjacent blocks are joined


def test_tokens_unique_to_both_sides_anchor_the_alignment() -> None:
    # x and y are each once on both sides, in opposite orders: one anchors ("a", twice in old, cannot), and
    # the tokens next to it join it as far as both sides agree
    old = ["x", " ", "a", " ", "y", " ", "a"]
    new = ["a", " ", "y", " ", "x"]
    assert matching_blocks(old, new) == [(2, 0, 4)]


def _longest_by_brute_force(values: list[int]) -> int:
    best = [1] * len(values)
    for k, value in enumerate(values):
        best[k] += max((best[m] for m in range(k) if values[m] < value), default=0)
    return max(best, default=0)


@given(st.lists(st.integers(0, 30), max_size=40))
def test_the_subsequence_increases_and_none_is_longer(values: list[int]) -> None:
    positions = longest_increasing(values)
    assert positions == sorted(positions)
    assert all(values[a] < values[b] for a, b in zip(positions, positions[1:], strict=False))
    assert len(positions) == _longest_by_brute_force(values)


def test_one_item_moved_to_the_end_is_the_one_out_of_order() -> None:
    # old positions 0 1 2 3, new order 0 2 3 1: the item that was second moved
    assert kept_in_order({0: 0, 1: 3, 2: 1, 3: 2}) == {0, 2, 3}
