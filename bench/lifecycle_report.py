"""The lifecycle bench's figures: throughput per variant, ratios to bare, and where the time went."""

import os
import statistics
from dataclasses import dataclass, field

from history_counts import HistoryCounts

TARGET = 0.8  # mouflow's throughput as a share of bare's


@dataclass
class Measured:
    name: str
    updates_per_mou: int
    seconds: float = 0.0
    ids: list[str] = field(default_factory=list)

    def add(self, seconds: float, ids: list[str]) -> None:
        self.seconds += seconds
        self.ids += ids

    @property
    def per_second(self) -> float:
        return len(self.ids) / self.seconds

    @property
    def seconds_per_mou(self) -> float:
        return self.seconds / len(self.ids)


def print_counts(counts: HistoryCounts) -> None:
    kinds = ", ".join(f"{count} {name}" for name, count in sorted(counts.activities.items()))
    print(
        f"per MoU (history of one seed lifecycle): {counts.updates} updates, "
        f"{sum(counts.activities.values())} activities ({kinds}), {counts.timers} timers, {counts.events} events"
    )


def print_throughput(measured: dict[str, Measured], count: int, rounds: int, store: str) -> None:
    load = os.getloadavg()[0]
    print(f"machine: {os.cpu_count()} cores, load average {load:.2f}; store {store.split('@')[-1]}")
    print(f"{rounds} rounds of {count} workflows at once per variant, order rotating:")
    bare = measured["bare"]
    for m in measured.values():
        ratio = m.per_second / bare.per_second
        updates = m.per_second * m.updates_per_mou
        print(f"  {m.name:22} {m.per_second:7.2f} MoUs/s {updates:8.1f} updates/s   {ratio:.2f}x bare")
    full, paperless = measured["mouflow"], measured["mouflow without PDFs"]
    gap = full.seconds_per_mou - bare.seconds_per_mou
    paper = full.seconds_per_mou - paperless.seconds_per_mou
    print(f"mouflow / bare = {full.per_second / bare.per_second:.2f} (target {TARGET}): ", end="")
    print("met" if full.per_second >= TARGET * bare.per_second else "NOT met")
    print(f"mouflow without PDFs / bare = {paperless.per_second / bare.per_second:.2f}")
    print(f"the PDF renders explain {paper / gap:.0%} of the gap ({paper:.3f} of {gap:.3f} s per MoU)")


def print_profile(counts: dict[str, HistoryCounts], mous: int) -> None:
    """From the histories: the mean time an activity waited for a worker slot, and ran."""
    print("where the time goes (histories of the measured workflows; means):")
    for name, c in counts.items():
        size = c.size / mous / 1024
        print(f"  {name}: {c.events / mous:.0f} events, {size:.1f} KiB, {c.timers / mous:.0f} timers per MoU")
        for activity in sorted(c.ran):
            queued, ran = statistics.mean(c.queued[activity]), statistics.mean(c.ran[activity])
            print(f"    {activity:26} queued {queued * 1000:7.1f} ms, ran {ran * 1000:7.1f} ms")
