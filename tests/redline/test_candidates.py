"""Past the budget for trying every pair: pairs revised in place, pairs linked by their own words."""

import pytest

from mouflow.redline import candidates
from mouflow.redline.candidates import candidate_pairs
from mouflow.redline.clauses import clause_changes
from mouflow.redline.models import Status
from tests.redline.drafts import FIVE, INTERNSHIPS, REVIEW, SERVICES, clause, revised

A, B, _, D, _ = FIVE
SIX_MONTHS = revised(REVIEW, en=("every twelve months", "every six months"), zh=("十二", "六"))
DATA = clause("Data", "資料", "Personal data is handled under each region's law.", "個人資料依各地區法律處理。")
HOUSING = revised(SERVICES, en=("one-stop services", "one-stop services and housing"), zh=("服務。", "服務及住屋。"))


def items(*clauses):
    return [(c.heading.en, c.heading.zh, c.text.en, c.text.zh) for c in clauses]


@pytest.fixture
def no_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(candidates, "ALL_PAIRS_BUDGET", 0)


def test_every_pair_while_that_is_cheap() -> None:
    old, new = items(A, SERVICES, REVIEW), items(A, HOUSING, SIX_MONTHS)
    assert candidate_pairs(old, new, {0: 0}) == [(1, 1), (1, 2), (2, 1), (2, 2)]


@pytest.mark.usefixtures("no_budget")
def test_then_the_pairs_in_place_and_the_pairs_linked_by_their_own_words() -> None:
    # SERVICES revised in place between A and B; REVIEW revised and moved to the front: "twelve" is gone,
    # but "record" and "achieved" are in no other clause left
    old, new = items(A, SERVICES, B, REVIEW), items(SIX_MONTHS, A, HOUSING, B)
    assert candidate_pairs(old, new, {0: 1, 2: 3}) == [(1, 2), (3, 0)]


@pytest.mark.usefixtures("no_budget")
def test_clauses_with_few_words_in_common_are_not_compared_even_in_place() -> None:
    assert candidate_pairs(items(A, SERVICES), items(A, INTERNSHIPS), {0: 0}) == []


def test_the_redline_past_the_budget_is_the_same_here(monkeypatch: pytest.MonkeyPatch) -> None:
    old, new = [A, SERVICES, B, REVIEW, D], [SIX_MONTHS, A, HOUSING, B, DATA]
    every_pair = clause_changes(old, new)
    monkeypatch.setattr(candidates, "ALL_PAIRS_BUDGET", 0)
    assert clause_changes(old, new) == every_pair
    assert [(c.status, c.old_number, c.new_number) for c in every_pair] == [
        (Status.MOVED_AND_CHANGED, 4, 1),
        (Status.UNCHANGED, 1, 2),
        (Status.CHANGED, 2, 3),
        (Status.UNCHANGED, 3, 4),
        (Status.REMOVED, 5, None),
        (Status.ADDED, None, 5),
    ]
