"""One officer's write at idle, `POST /mous/{id}/submit`, against a bare Temporal Update that runs one empty
activity: the same Temporal dev server, the same run.

Run: .venv/bin/python bench/write_latency.py [N] [--database-url URL]     # N = 40 writes of each
The whole system as ops.stack runs it (Temporal dev server, the MoU worker process, the API process with
uvicorn on uvloop and httptools), the store a fresh PostgreSQL schema (dropped after) unless a sqlite:///
URL is given. N MoUs are started over HTTP first, and their PDFs left to finish; then the writes go one
at a time, 0.3 s apart, a submit (with an Idempotency-Key, as clients send it) and a bare Update in turn, so that
whatever else the machine does weighs on both alike. The bare side is bench/bare.py's workflow on a worker
in this process, each Update running `bare.nothing` once, as a submit runs `store.record_transition` once.
Prints p50 and p95 of each and their ratio (goal: mouflow within 2x of bare).
"""

import argparse
import asyncio
import os
import statistics
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import httpx
from bare import BarePlan, BareStep, BareWorkflow, nothing
from fresh_store import POSTGRES, fresh_stack
from load_client import make_tokens
from load_steps import json
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker
from symposium import first_draft, partner_of
from temporalio.client import Client, WorkflowHandle
from temporalio.worker import Worker

from mouflow.demo import HKTE
from mouflow.sessions import sessions_from
from mouflow.store.tables import DocumentRow
from ops.stack import Stack

IDLE_TIMEOUT = 300.0  # seconds for the PDFs of the starts to be rendered
STILL = 6  # polls half a second apart that found no new PDF: the renders are done
PAUSE = 0.3  # seconds between writes, for what a write sets off (its notification's workflow) to end


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("n", nargs="?", type=int, default=40, help="writes of each kind (default 40)")
    parser.add_argument("--database-url", default=POSTGRES, help="the store: PostgreSQL (fresh schema) or sqlite:///")
    return parser.parse_args()


async def start_mous(http: httpx.AsyncClient, token: str, mou_ids: list[str]) -> None:
    for n, mou_id in enumerate(mou_ids):
        body = {
            "mou_id": mou_id,
            "partner_ids": [partner_of(n).id],
            "content": json(first_draft(partner_of(n), mou_id).content),
        }
        response = await http.post("/mous", json=body, headers=_headers(token))
        response.raise_for_status()


def _headers(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}", "Idempotency-Key": uuid.uuid4().hex}


async def wait_until_idle(sessions: sessionmaker[Session], documents: int) -> None:
    """Until the starts' PDFs are in the store (drafts, and partner copies where a partner wants one) and no
    more come: a render beside a write shares the worker's process and its GIL, and would be measured too."""
    deadline, counts = time.monotonic() + IDLE_TIMEOUT, [-1]
    while time.monotonic() < deadline and not (counts[-1] >= documents and counts[-STILL:] == [counts[-1]] * STILL):
        await asyncio.sleep(0.5)
        with sessions() as session:
            counts.append(session.scalar(select(func.count()).select_from(DocumentRow)) or 0)
    print(f"{counts[-1]} PDFs rendered for {documents} MoUs before the writes")


async def submit(http: httpx.AsyncClient, token: str, mou_id: str) -> float:
    started = time.perf_counter()
    response = await http.post(f"/mous/{mou_id}/submit", json={"version": 1}, headers=_headers(token))
    elapsed = time.perf_counter() - started
    if response.status_code != 200 or response.json()["stage"] != "in_review":
        raise RuntimeError(f"submit {mou_id}: {response.status_code} {response.text[:300]}")
    return elapsed


async def bare_update(handle: WorkflowHandle[BareWorkflow, int]) -> float:
    started = time.perf_counter()
    await handle.execute_update(BareWorkflow.step, BareStep())
    return time.perf_counter() - started


async def bare_workflows(client: Client, queue: str, count: int) -> list[WorkflowHandle[BareWorkflow, int]]:
    """Each waits for its Updates, having run no activity of its own (plan: as many activities as Updates)."""
    plan = BarePlan(updates=1, activities=1)
    return [
        await client.start_workflow(BareWorkflow.run, plan, id=f"bare-{queue}-{n}", task_queue=queue)
        for n in range(count + 1)  # one more, for the warm-up
    ]


async def measure(stack: Stack, count: int) -> tuple[list[float], list[float]]:
    sessions = sessions_from(stack.settings)
    tokens = make_tokens(sessions)
    client = await stack.client()
    queue = f"bench-write-{uuid.uuid4().hex[:6]}"
    mou_ids = [f"write-{queue[-6:]}-{n:04d}" for n in range(count + 1)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        bare_worker = Worker(
            client, task_queue=queue, workflows=[BareWorkflow], activities=[nothing], activity_executor=pool
        )
        async with bare_worker, httpx.AsyncClient(base_url=stack.api_url, timeout=60) as http:
            await start_mous(http, tokens[HKTE.id], mou_ids)
            handles = await bare_workflows(client, queue, count)
            await wait_until_idle(sessions, len(mou_ids))
            await submit(http, tokens[HKTE.id], mou_ids[0])  # warm-up: imports, pools, sticky caches
            await bare_update(handles[0])
            ours, bare = [], []
            for mou_id, handle in zip(mou_ids[1:], handles[1:], strict=True):
                ours.append(await submit(http, tokens[HKTE.id], mou_id))
                await asyncio.sleep(PAUSE)
                bare.append(await bare_update(handle))
                await asyncio.sleep(PAUSE)
    return ours, bare


def report(ours: list[float], bare: list[float]) -> None:
    figures = {name: _p50_p95(latencies) for name, latencies in (("mouflow submit", ours), ("bare Update", bare))}
    for name, (p50, p95) in figures.items():
        print(f"{name:>15}: p50 {p50:6.1f} ms, p95 {p95:6.1f} ms  ({len(ours)} writes)")
    (ours_p50, ours_p95), (bare_p50, bare_p95) = figures.values()
    print(f"ratio: p50 {ours_p50 / bare_p50:.2f}x, p95 {ours_p95 / bare_p95:.2f}x (goal 2x)")


def _p50_p95(latencies: list[float]) -> tuple[float, float]:
    cuts = statistics.quantiles(latencies, n=20)
    return statistics.median(latencies) * 1000, cuts[18] * 1000


async def main() -> None:
    args = arguments()
    async with fresh_stack(args.database_url, "write") as stack:
        ours, bare = await measure(stack, args.n)
    print(
        f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at the end; store {args.database_url}"
    )
    report(ours, bare)


if __name__ == "__main__":
    asyncio.run(main())
