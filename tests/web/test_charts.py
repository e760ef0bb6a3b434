"""The charts' geometry, without a browser: where each bar starts and ends, its tone, the party segments."""

from datetime import date, timedelta

import pytest

from api.web.charts import CHART_WIDTH, ROW_HEIGHT, ChartItem, PartyProgress, milestone_chart

TODAY = date(2025, 6, 3)


def item(days: int, done: bool = False, overdue: bool = False) -> ChartItem:
    return ChartItem(TODAY + timedelta(days=days), done, overdue)


def test_the_axis_runs_from_the_earliest_day_to_the_latest_with_today_on_it() -> None:
    chart = milestone_chart([item(-40, overdue=True), item(160)], TODAY)
    assert (chart.first, chart.last) == (TODAY - timedelta(days=40), TODAY + timedelta(days=160))
    assert chart.today_x == round(40 / 200 * CHART_WIDTH, 1)
    future = milestone_chart([item(10), item(100)], TODAY)
    assert future.first == TODAY and future.today_x == 0


def test_an_open_milestone_is_a_bar_from_today_to_its_due_date() -> None:
    chart = milestone_chart([item(-100, overdue=True), item(100)], TODAY)
    bar = chart.bars[1]
    assert bar.x == chart.today_x == CHART_WIDTH / 2
    assert bar.x + bar.width == CHART_WIDTH and bar.due == TODAY + timedelta(days=100)


def test_an_overdue_milestone_is_drawn_back_from_today() -> None:
    chart = milestone_chart([item(-100, overdue=True), item(100)], TODAY)
    bar = chart.bars[0]
    assert bar.x == 0 and bar.x + bar.width == chart.today_x and bar.tone == "overdue"


def test_a_done_milestone_is_a_short_bar_ending_at_its_due_date() -> None:
    chart = milestone_chart([item(-100), item(-50, done=True), item(100)], TODAY)
    bar = chart.bars[1]
    assert bar.width == 4 and bar.x + bar.width == round(50 / 200 * CHART_WIDTH, 1) and bar.tone == "done"


def test_a_bar_due_today_is_still_visible() -> None:
    chart = milestone_chart([item(0), item(30)], TODAY)
    assert chart.bars[0].x == 0 and chart.bars[0].width == 2


@pytest.mark.parametrize(
    "days, done, overdue, tone",
    [
        (-5, True, False, "done"),
        (-5, True, True, "done"),  # done wins over a flag set before it was done
        (-5, False, True, "overdue"),
        (0, False, False, "soon"),
        (30, False, False, "soon"),
        (31, False, False, "later"),
    ],
)
def test_tones(days: int, done: bool, overdue: bool, tone: str) -> None:
    assert milestone_chart([item(days, done, overdue)], TODAY).bars[0].tone == tone


def test_one_row_per_milestone_and_room_for_one_when_there_are_none() -> None:
    chart = milestone_chart([item(d) for d in (10, 20, 30)], TODAY)
    assert [bar.y for bar in chart.bars] == [0, ROW_HEIGHT, 2 * ROW_HEIGHT] and chart.height == 3 * ROW_HEIGHT
    assert milestone_chart([], TODAY).height == ROW_HEIGHT


@pytest.mark.parametrize("counts", [(1, 1, 1, 0), (3, 0, 0, 0), (1, 2, 0, 4), (7, 5, 3, 2), (0, 0, 0, 1)])
def test_party_segments_meet_and_fill_the_width(counts: tuple[int, int, int, int]) -> None:
    segments = PartyProgress("qianhai", "Qianhai", *counts).segments()
    assert [(tone, count) for tone, count, _, _ in segments] == list(
        zip(["done", "in_progress", "pending", "overdue"], counts, strict=True)
    )
    assert segments[0][2] == 0
    for (_, _, x, width), (_, _, next_x, _) in zip(segments, segments[1:], strict=False):
        assert x + width == pytest.approx(next_x)
    assert sum(width for _, _, _, width in segments) == pytest.approx(CHART_WIDTH)
    for _, count, _, width in segments:
        assert width == pytest.approx(count / sum(counts) * CHART_WIDTH, abs=0.1)


def test_a_party_with_no_milestones_draws_nothing() -> None:
    assert all(width == 0 for _, _, _, width in PartyProgress("nansha", "Nansha", 0, 0, 0, 0).segments())
