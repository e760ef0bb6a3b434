"""Where the progress report's timeline puts things. The template draws the SVG from these numbers.

One lane per owner party, one marker per milestone at its due date, so a ten-year MoU with monthly
milestones still fits on a page.
"""

from datetime import date
from math import ceil

from mouflow.documents.context_parts import View, party_name, status_of
from mouflow.domain.calendar import add_months
from mouflow.domain.state import Milestone, MouState

WIDTH, LEFT, RIGHT, TOP, LANE = 520, 130, 26, 26, 30
MAX_TICK_LABELS = 8


def month_starts(first: date, last: date) -> list[date]:
    start = first.replace(day=1)
    count = (last.year - start.year) * 12 + last.month - start.month + 2  # one past the last month
    return [add_months(start, n) for n in range(count)]


def chart(mou: MouState, milestones: list[Milestone], today: date | None) -> View:
    days = [m.due_date for m in milestones] + ([today] if today else [])
    months = month_starts(min(days), max(days))
    lanes = sorted({m.owner_party_id for m in milestones}, key=mou.party_ids.index)
    scale = _Scale(months[0], months[-1])
    step = ceil(len(months) / MAX_TICK_LABELS)
    return {
        "width": WIDTH,
        "height": TOP + LANE * len(lanes) + 10,
        "axis": {"x1": LEFT, "x2": WIDTH - RIGHT, "y": TOP - 8},
        "lanes": [{"y": TOP + LANE * i + LANE / 2, "name": party_name(mou, pid)} for i, pid in enumerate(lanes)],
        "ticks": [{"x": scale.x(m), "label": f"{m:%b %Y}" if i % step == 0 else ""} for i, m in enumerate(months)],
        "markers": [_marker(n, m, scale, TOP + LANE * lanes.index(m.owner_party_id)) for n, m in enumerate(milestones)],
        "today_x": scale.x(today) if today else None,
    }


def _marker(index: int, milestone: Milestone, scale: "_Scale", lane_top: float) -> View:
    y = lane_top + LANE / 2
    return {"x": scale.x(milestone.due_date), "y": y, "status": status_of(milestone), "number": index + 1}


class _Scale:
    def __init__(self, first: date, last: date) -> None:
        self.first, self.span = first, max((last - first).days, 1)

    def x(self, day: date) -> float:
        return round(LEFT + (WIDTH - LEFT - RIGHT) * (day - self.first).days / self.span, 1)
