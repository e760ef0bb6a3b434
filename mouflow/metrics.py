"""mouflow's own Prometheus metrics, counted wherever the work is done, in whichever process does it.

Each process serves them with the Temporal SDK's (mouflow.metrics_endpoint); the API adds its requests'
(api/request_metrics.py). Label values are kinds and outcomes only, never an MoU's id or a token.
"""

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from prometheus_client import Counter, Histogram

RENDERS = Counter(
    "mouflow_renders",
    "Documents asked of the renderer, by kind and outcome: rendered, stored (made before), failed",
    ["kind", "outcome"],
)
RENDER_SECONDS = Histogram(
    "mouflow_render_seconds",
    "Time to render and store one document",
    ["kind"],
    buckets=(0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60),
)
DELIVERIES = Counter(
    "mouflow_deliveries",
    "Notification delivery attempts, by channel (webhook, email) and outcome: delivered, pending (to retry), "
    "failed, skipped",
    ["channel", "outcome"],
)
DELIVERY_SECONDS = Histogram(
    "mouflow_delivery_seconds", "Time of one delivery attempt", ["channel"], buckets=(0.05, 0.1, 0.5, 1, 2, 5, 10, 20)
)
STORE_WRITES = Counter(
    "mouflow_store_writes",
    "Transitions written to the store, by outcome: written, already_recorded (a retry), failed",
    ["outcome"],
)
STORE_WRITE_SECONDS = Histogram(
    "mouflow_store_write_seconds",
    "Time of one transition's store transaction",
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10),
)


@dataclass
class Outcome:
    """What the block says it came to; `failed` when it raises."""

    value: str


@contextmanager
def rendering(kind: str) -> Iterator[None]:
    with _counted(RENDERS.labels(kind=kind, outcome="rendered"), RENDERS.labels(kind=kind, outcome="failed")):
        with RENDER_SECONDS.labels(kind=kind).time():
            yield


def count_stored_render(kind: str) -> None:
    RENDERS.labels(kind=kind, outcome="stored").inc()


@contextmanager
def storing() -> Iterator[Outcome]:
    """Times a transition's write; the block sets the outcome, written or already_recorded."""
    outcome, started = Outcome("written"), time.perf_counter()
    try:
        yield outcome
    except BaseException:
        outcome.value = "failed"
        raise
    finally:
        STORE_WRITE_SECONDS.observe(time.perf_counter() - started)
        STORE_WRITES.labels(outcome=outcome.value).inc()


def count_delivery(channel: str, *, outcome: str, seconds: float) -> None:
    DELIVERIES.labels(channel=channel, outcome=outcome).inc()
    DELIVERY_SECONDS.labels(channel=channel).observe(seconds)


@contextmanager
def _counted(done: Counter, failed: Counter) -> Iterator[None]:
    try:
        yield
    except BaseException:
        failed.inc()
        raise
    done.inc()
