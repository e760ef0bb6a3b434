"""Chart geometry for the pages' inline SVG: plain numbers, so templates only draw and tests can
check the arithmetic without a browser."""

from dataclasses import dataclass
from datetime import date

CHART_WIDTH = 560  # the bars' area, in SVG units; labels sit to its left
ROW_HEIGHT = 26


@dataclass(frozen=True)
class Bar:
    due: date
    x: float
    width: float
    y: int
    tone: str  # done, overdue, soon, later: a CSS class


@dataclass(frozen=True)
class MilestoneChart:
    bars: list[Bar]
    today_x: float
    height: int
    first: date
    last: date


@dataclass(frozen=True)
class ChartItem:
    due: date
    done: bool
    overdue: bool


def milestone_chart(items: list[ChartItem], today: date, soon_days: int = 30) -> MilestoneChart:
    """One bar per milestone from today to its due date (back from today when overdue); a done
    milestone is a short bar ending at its due date."""
    days = [item.due for item in items] + [today]
    first, last = min(days), max(days)
    span = max((last - first).days, 1)

    def x_of(day: date) -> float:
        return round((day - first).days / span * CHART_WIDTH, 1)

    bars = []
    for row, item in enumerate(items):
        start, end = sorted((x_of(today), x_of(item.due)))
        if item.done:
            start = max(x_of(item.due) - 4, 0)
            end = start + 4
        bars.append(Bar(item.due, start, max(end - start, 2), row * ROW_HEIGHT, _tone(item, today, soon_days)))
    return MilestoneChart(bars, x_of(today), max(len(items), 1) * ROW_HEIGHT, first, last)


def _tone(item: ChartItem, today: date, soon_days: int) -> str:
    if item.done:
        return "done"
    if item.overdue:
        return "overdue"
    return "soon" if (item.due - today).days <= soon_days else "later"


@dataclass(frozen=True)
class PartyProgress:
    party_id: str
    label: str
    done: int
    in_progress: int
    pending: int
    overdue: int

    @property
    def total(self) -> int:
        return self.done + self.in_progress + self.pending + self.overdue

    def segments(self) -> list[tuple[str, int, float, float]]:
        """(tone, count, x, width) across CHART_WIDTH, in a fixed order. Each edge is rounded from the
        running count, not each width on its own, so the segments meet and end exactly at CHART_WIDTH."""
        parts, before = [], 0
        for tone, count in (
            ("done", self.done),
            ("in_progress", self.in_progress),
            ("pending", self.pending),
            ("overdue", self.overdue),
        ):
            x, end = self._edge(before), self._edge(before + count)
            parts.append((tone, count, x, round(end - x, 1)))
            before += count
        return parts

    def _edge(self, count: int) -> float:
        return round(count / self.total * CHART_WIDTH, 1) if self.total else 0.0
