"""What mouflow costs over Temporal itself: the seed lifecycle against a bare workflow, same server, same run.

Run: .venv/bin/python bench/lifecycle.py [N] [--rounds R] [--database-url URL]     # N=20 MoUs, R=3
One Temporal dev server (ops.stack's command: file SQLite, WAL) and three in-process workers built
alike (bench/lifecycle_workers.py). First one MoU goes through the seed lifecycle and its history gives
the updates and activities mouflow performs per MoU; the bare workflow (bench/bare.py) is then made to
do exactly as many, with empty activities. Each round drives N workflows at once per variant, the order
rotating between rounds so that whatever else the machine does weighs on all alike:
- bare: the bare workflow;
- mouflow: MouWorkflow with the production activities on PostgreSQL, its WeasyPrint renders in render
  worker processes of their own (`python -m worker renders`, as many as the cores: --render-workers);
- mouflow without PDFs: the same, with documents.render replaced by an empty activity of that name;
- mouflow, empty activities: the store activity empty too: MouWorkflow's own cost over bare.
Prints MoUs/s and updates/s of each, the ratio to bare (target: mouflow, PDFs and all, at least 0.3 on 2
cores), how much of the gap the PDFs, the store and the workflow itself explain, renders per MoU, each
update's round trip (p50, p95; target: with renders running at most 1.2x the same without PDFs), where
the time goes (activity queueing and run times from the histories), and how often a store writer waited
for a PostgreSQL lock (target: 5% or less).
"""

import argparse
import asyncio
import os
import secrets
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable
from contextlib import AsyncExitStack
from pathlib import Path

from bare import BarePlan
from fresh_store import POSTGRES, drop_schema, fresh_schema
from history_counts import HistoryCounts, counts_of
from lifecycle_drive import bare_lifecycle, mouflow_lifecycle
from lifecycle_report import Measured, print_counts, print_latencies, print_profile, print_throughput
from lifecycle_workers import build, build_documents, executors, render_processes, slug, task_queue, variants
from lock_waits import PERIOD, LockWaits, tagged
from temporalio.client import Client

from mouflow.documents.storage import DiskStorage
from mouflow.store.db import make_engine, session_factory
from mouflow.store.migrate import create_schema
from ops.stack import Stack
from worker import RENDER_THREADS

Drive = Callable[[str], Awaitable[str]]  # workflow id in, the id it ran under out


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("n", nargs="?", type=int, default=20, help="workflows at once per variant (default 20)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds, each running every variant once")
    parser.add_argument("--database-url", default=POSTGRES, help="the store: PostgreSQL (fresh schema) or sqlite:///")
    parser.add_argument(
        "--render-workers", type=int, default=os.cpu_count() or 1, help="render processes (default: the cores)"
    )
    return parser.parse_args()


async def batch(drive: Drive, ids: list[str]) -> float:
    started = time.perf_counter()
    await asyncio.gather(*(drive(workflow_id) for workflow_id in ids))
    return time.perf_counter() - started


def drivers(client: Client, run: str, plan: BarePlan, latencies: dict[str, list[float]]) -> dict[str, Drive]:
    """Each variant's drive; the round trip of each update goes to `latencies[variant]`, once that is set."""

    def mouflow(name: str) -> Drive:
        queue = task_queue(name, run)
        return lambda mou_id: mouflow_lifecycle(
            client, queue, mou_id, int(mou_id.rsplit("-", 1)[1]), latencies.get(name)
        )

    return {
        "bare": lambda workflow_id: bare_lifecycle(
            client, task_queue("bare", run), workflow_id, plan, latencies.get("bare")
        ),
        "mouflow": mouflow("mouflow"),
        "mouflow without PDFs": mouflow("mouflow without PDFs"),
        "mouflow, empty activities": mouflow("mouflow, empty activities"),
    }


async def calibrate(client: Client, run: str) -> tuple[BarePlan, HistoryCounts]:
    """One MoU through the seed lifecycle; its history says how much Temporal work an MoU is."""
    mou_id = f"calibrate-{run}-0"
    await mouflow_lifecycle(client, task_queue("mouflow", run), mou_id, 0)
    counts = await counts_of(client, [f"mou-{mou_id}"])
    return BarePlan(updates=counts.updates, activities=sum(counts.activities.values())), counts


async def measure(client: Client, run: str, count: int, rounds: int, locks: LockWaits) -> dict[str, Measured]:
    plan, counts = await calibrate(client, run)
    print_counts(counts)
    latencies: dict[str, list[float]] = {}
    drive = drivers(client, run, plan, latencies)
    for name in drive:  # warm-up: imports, sandbox, connections
        await batch(drive[name], [_id(name, run, "warm", 0)])
    measured = {name: Measured(name=name, updates_per_mou=plan.updates) for name in drive}
    latencies.update({name: m.latencies for name, m in measured.items()})
    names = list(drive)
    for round_number in range(rounds):
        for name in names[round_number % len(names) :] + names[: round_number % len(names)]:
            ids = [_id(name, run, str(round_number), n) for n in range(count)]
            locks.current = name
            measured[name].add(await batch(drive[name], ids), ids)
            locks.current = ""
    return measured


def _id(variant: str, run: str, batch_name: str, n: int) -> str:
    return f"{slug(variant)}-{run}-{batch_name}-{n}"


async def profile(client: Client, measured: dict[str, Measured]) -> dict[str, HistoryCounts]:
    return {
        name: await counts_of(client, [f"mou-{i}" if name != "bare" else i for i in m.ids])
        for name, m in measured.items()
    }


async def compare(stack: Stack, args: argparse.Namespace, run: str) -> None:
    """Starts the workers and the lock sampler, measures, prints."""
    store_url = tagged(stack.database_url) if schema_of(stack) else stack.database_url
    key = secrets.token_hex(16)
    sessions = session_factory(make_engine(store_url), audit_key=key.encode())
    registrations = variants(sessions, DiskStorage(stack.root / "documents"))
    client = await stack.client()
    locks = LockWaits(make_engine(stack.database_url))
    async with AsyncExitStack() as workers:
        pools = workers.enter_context(executors(len(registrations)))
        render_pools = workers.enter_context(executors(len(registrations), threads=RENDER_THREADS))
        for (name, registration), pool, render_pool in zip(registrations.items(), pools, render_pools, strict=True):
            queue = task_queue(name, run)
            await workers.enter_async_context(build(client, queue, registration, pool))
            if name == "mouflow":  # its PDFs in render workers of their own, as ops.up runs them
                renders = render_processes(stack, queue, store_url, key, count=args.render_workers)
                await workers.enter_async_context(renders)
            else:
                await workers.enter_async_context(build_documents(client, queue, registration, render_pool))
        sampler = asyncio.create_task(locks.sample_forever()) if schema_of(stack) else None
        measured = await measure(client, run, args.n, args.rounds, locks)
        if sampler is not None:
            sampler.cancel()
    print(f"render workers: {args.render_workers} processes of their own, for mouflow's PDFs")
    print_throughput(measured, args.n, args.rounds, args.database_url)
    print_latencies(measured)
    print_profile(await profile(client, measured), args.n * args.rounds)
    print(f"store writers and PostgreSQL locks (pg_stat_activity every {PERIOD * 1000:.0f} ms):")
    for name, tally in locks.tallies.items():
        if name:
            print(f"  {name}: {tally.line()}")


def schema_of(stack: Stack) -> bool:
    return not stack.database_url.startswith("sqlite")


async def main() -> None:
    args = arguments()
    url, schema = fresh_schema(args.database_url, "bench_lifecycle")
    try:
        with tempfile.TemporaryDirectory(prefix="mouflow-lifecycle-") as root:
            stack = Stack(root=Path(root), database_url=url)
            create_schema(make_engine(url))
            try:
                await stack.start_server()
                await compare(stack, args, uuid.uuid4().hex[:6])
            finally:
                await stack.stop_all()
    finally:
        drop_schema(args.database_url, schema)


if __name__ == "__main__":
    asyncio.run(main())
