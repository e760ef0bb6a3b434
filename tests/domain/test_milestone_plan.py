"""A plan item is due one way: a fixed date, or an offset of months, days or both from the effective date."""

from datetime import date

import pytest
from pydantic import ValidationError

from mouflow.domain.content import Bilingual, MilestonePlanItem
from mouflow.domain.followup import due_date_in_term
from mouflow.domain.state import Term


def item(**due: object) -> MilestonePlanItem:
    return MilestonePlanItem(id="m1", title=Bilingual(en="a", zh="甲"), owner_party_id="hkte", **due)  # type: ignore[arg-type]


def test_days_alone_are_an_offset_of_no_months() -> None:
    days_only = item(offset_days=20)
    assert (days_only.offset_months, days_only.offset_days) == (None, 20)
    term = Term(number=1, effective_date=date(2025, 6, 3), end_date=date(2027, 6, 3))
    assert due_date_in_term(days_only, term, 24) == date(2025, 6, 23)


def test_months_with_or_without_days_and_a_fixed_date_still_do() -> None:
    assert item(offset_months=3).offset_days == 0
    assert item(offset_months=3, offset_days=5).offset_months == 3
    assert item(due_date=date(2025, 9, 1)).due_date == date(2025, 9, 1)


@pytest.mark.parametrize(
    "due",
    [
        {},
        {"offset_days": 0},
        {"due_date": date(2025, 9, 1), "offset_days": 20},
        {"due_date": date(2025, 9, 1), "offset_months": 3},
        {"due_date": date(2025, 9, 1), "offset_months": 0},
    ],
    ids=["neither", "zero days", "date and days", "date and months", "date and zero months"],
)
def test_neither_or_both_ways_are_refused(due: dict[str, object]) -> None:
    with pytest.raises(ValidationError, match="either due_date or offset_months and/or offset_days"):
        item(**due)
