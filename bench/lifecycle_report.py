"""The lifecycle bench's figures: throughput per variant, ratios to bare, and where the time went."""

import os
import statistics
from dataclasses import dataclass, field

from history_counts import HistoryCounts

TARGET = 0.3  # mouflow's throughput, PDFs and all, as a share of bare's, on 2 cores
LATENCY_TARGET = 1.2  # an officer's write with the renders running, against the same without PDFs


@dataclass
class Measured:
    name: str
    updates_per_mou: int
    seconds: float = 0.0
    ids: list[str] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)  # each update's round trip, in seconds

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
    print(f"renders per MoU: {counts.activities.get('documents.render', 0)}")


def print_throughput(measured: dict[str, Measured], count: int, rounds: int, store: str) -> None:
    load = os.getloadavg()[0]
    print(f"machine: {os.cpu_count()} cores, load average {load:.2f}; store {store.split('@')[-1]}")
    print(f"{rounds} rounds of {count} workflows at once per variant, order rotating:")
    bare = measured["bare"]
    for m in measured.values():
        ratio = m.per_second / bare.per_second
        updates = m.per_second * m.updates_per_mou
        print(f"  {m.name:26} {m.per_second:7.2f} MoUs/s {updates:8.1f} updates/s   {ratio:.2f}x bare")
    full = measured["mouflow"]
    print(f"mouflow / bare = {full.per_second / bare.per_second:.2f} (target {TARGET}): ", end="")
    print("met" if full.per_second >= TARGET * bare.per_second else "NOT met")
    print_gap(measured)


def print_gap(measured: dict[str, Measured]) -> None:
    """Each step from bare to mouflow adds one kind of work; its extra seconds per MoU are its share."""
    steps = ["bare", "mouflow, empty activities", "mouflow without PDFs", "mouflow"]
    causes = ["MouWorkflow itself (its code, payloads, history)", "the store activity", "the PDF renders"]
    seconds = [measured[name].seconds_per_mou for name in steps]
    gap = seconds[-1] - seconds[0]
    print(f"the gap, {gap:.3f} s per MoU (batch wall time / MoUs), explained by:")
    for cause, before, after in zip(causes, seconds, seconds[1:], strict=False):
        print(f"  {cause:48} {after - before:+.3f} s = {(after - before) / gap:4.0%}")


def print_latencies(measured: dict[str, Measured]) -> None:
    """An officer's write while the renders run, against the same writes with no PDFs at all."""
    print("one update's round trip (each step of each MoU, measured rounds):")
    for m in measured.values():
        p50, p95 = _percentiles(m.latencies)
        print(f"  {m.name:26} p50 {p50 * 1000:7.1f} ms   p95 {p95 * 1000:7.1f} ms")
    with_pdfs, without = (_percentiles(measured[name].latencies) for name in ("mouflow", "mouflow without PDFs"))
    ratios = [a / b for a, b in zip(with_pdfs, without, strict=True)]
    verdict = "met" if max(ratios) <= LATENCY_TARGET else "NOT met"
    print(
        f"with renders / without PDFs: p50 {ratios[0]:.2f}x, p95 {ratios[1]:.2f}x (target {LATENCY_TARGET}): {verdict}"
    )


def _percentiles(latencies: list[float]) -> tuple[float, float]:
    cuts = statistics.quantiles(latencies, n=100)
    return cuts[49], cuts[94]


def print_profile(counts: dict[str, HistoryCounts], mous: int) -> None:
    """From the histories: the mean time an activity waited for a worker slot, and ran."""
    print("where the time goes (histories of the measured workflows; means):")
    for name, c in counts.items():
        size = c.size / mous / 1024
        print(f"  {name}: {c.events / mous:.0f} events, {size:.1f} KiB, {c.timers / mous:.0f} timers per MoU")
        for activity in sorted(c.ran):
            queued, ran = statistics.mean(c.queued[activity]), statistics.mean(c.ran[activity])
            print(f"    {activity:26} queued {queued * 1000:7.1f} ms, ran {ran * 1000:7.1f} ms")
