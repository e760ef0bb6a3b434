"""N MoUs driven at once through their whole life over HTTP, on the whole stack; then nothing may be lost.

Run: .venv/bin/python bench/load.py [N] [--in-flight K] [--database-url URL]     # N defaults to 200
The stack is ops.stack's: the Temporal dev server (file SQLite, WAL), the worker process and the
API process on free loopback ports; by default the store is a fresh schema in the PostgreSQL database
`test` on 127.0.0.1, dropped after. Each MoU is a client of its own, with the officers of HKTE and of
its partner: start, revise, submit, both review, ceremony, both sign in counterpart (in force), progress
reported and confirmed, both end it by agreement (the end that needs no real time to pass). Every request carries an
Idempotency-Key, as a real client's would, and must answer 2xx with the expected stage on the first try.
`--in-flight K` lets at most K requests be open at once across all MoUs, as a gateway in front of the
API would (default: no limit, each MoU's client sends its next request as soon as the last answered).
Then every workflow must complete (its PDFs rendered), and the store must hold each MoU terminated,
its events and audit entries exactly once each, its six documents, and GET /audit/verify must be OK.
Exits 1 if anything was lost, doubled or refused.
"""

import argparse
import asyncio
import statistics
import sys
import time
import uuid

import httpx
from fresh_store import POSTGRES, fresh_stack
from load_checks import TRANSITIONS, expected_rows, problems
from load_client import LoadClient, StepFailed, make_tokens
from load_steps import drive

from mouflow.sessions import sessions_from
from ops.stack import Stack

COMPLETION_TIMEOUT = 3_600.0  # seconds for the workflows to finish their PDFs after the last request


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("n", nargs="?", type=int, default=200, help="MoUs driven at once (default 200)")
    parser.add_argument("--in-flight", type=int, default=0, help="most requests open at once (default: no limit)")
    parser.add_argument("--database-url", default=POSTGRES, help="the store: PostgreSQL (fresh schema) or sqlite:///")
    return parser.parse_args()


async def drive_all(client: LoadClient, mou_ids: list[str]) -> int:
    """Returns how many MoUs went through every step."""
    outcomes = await asyncio.gather(*(drive(client, n, mou_id) for n, mou_id in enumerate(mou_ids)))
    return sum(outcomes)


async def wait_for_workflows(stack: Stack, mou_ids: list[str]) -> list[str]:
    """The workflows end after their last PDF: waiting for them is waiting for every render."""
    temporal = await stack.client()

    async def result(mou_id: str) -> str:
        try:
            await temporal.get_workflow_handle(f"mou-{mou_id}").result()
        except Exception as error:  # any way a workflow ends but completing is a lost MoU
            return f"{mou_id}: workflow did not complete: {error!r}"
        return ""

    ends = await asyncio.wait_for(asyncio.gather(*(result(mou_id) for mou_id in mou_ids)), COMPLETION_TIMEOUT)
    return [end for end in ends if end]


async def audit_chain(client: LoadClient) -> tuple[bool, str]:
    try:
        verdict = await client.call("GET", "/audit/verify", "hkte", manager=True)
    except StepFailed as failure:
        return False, str(failure)
    return bool(verdict["ok"]), str(verdict["reason"])


def report_requests(client: LoadClient, seconds: float) -> None:
    latencies = sorted(client.latencies)
    p95 = latencies[int(0.95 * (len(latencies) - 1))] if latencies else 0.0
    transitions = len(latencies)  # each successful write is one transition, the start included
    median, slowest = statistics.median(latencies or [0]), max(latencies or [0])
    print(f"requests: {transitions} writes answered in {seconds:.1f} s; failed: {dict(client.refusals) or 'none'}")
    print(f"  write latency: median {median:.3f} s, p95 {p95:.3f} s, max {slowest:.3f} s")
    print(f"transitions: {transitions} in {seconds:.1f} s = {transitions / seconds:.1f} transitions/s (HTTP phase)")


async def run(stack: Stack, count: int, in_flight: int) -> bool:
    sessions = sessions_from(stack.settings)  # the stack's processes' own key: data/audit.key
    run_id = uuid.uuid4().hex[:6]
    mou_ids = [f"load-{run_id}-{n:04d}" for n in range(count)]
    limits = httpx.Limits(max_connections=count * 2, max_keepalive_connections=count * 2)
    async with httpx.AsyncClient(base_url=stack.api_url, timeout=600, limits=limits) as http:
        client = LoadClient(http, make_tokens(sessions), asyncio.Semaphore(in_flight or count * TRANSITIONS))
        started = time.perf_counter()
        completed = await drive_all(client, mou_ids)
        report_requests(client, time.perf_counter() - started)
        if completed < count:  # the unfinished workflows would wait forever: nothing more to measure
            print(f"FAIL: {count - completed} of {count} MoUs stopped at a failed request, e.g. {client.failures[:3]}")
            return False
        lost = await wait_for_workflows(stack, mou_ids)
        total = time.perf_counter() - started
        print(f"total: {count} MoUs through their whole life, PDFs included, in {total:.1f} s")
        print(f"  = {count * TRANSITIONS / total:.1f} transitions/s, {count / total:.2f} MoUs/s")
        chain_ok, chain_reason = await audit_chain(client)
    found = [*client.failures[:20], *lost[:20], *problems(sessions, mou_ids)]
    print(f"MoUs through every step: {completed}/{count}; workflows completed: {count - len(lost)}/{count}")
    print(f"store: expected {expected_rows(count)} events and as many audit entries; problems: {len(found)}")
    print(f"GET /audit/verify: {'OK' if chain_ok else 'FAILED'}: {chain_reason}")
    for problem in found[:30]:
        print(f"  PROBLEM {problem}")
    return completed == count and not lost and not found and chain_ok


async def main() -> int:
    args = arguments()
    limit = args.in_flight or "no limit"
    print(f"store: {args.database_url} (a schema of its own in PostgreSQL); N = {args.n}, in flight: {limit}")
    async with fresh_stack(args.database_url, "load") as stack:
        ok = await run(stack, args.n, args.in_flight)
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
