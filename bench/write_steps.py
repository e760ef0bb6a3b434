"""Where one write's time goes: `POST /mous/{id}/submit` step by step, at idle.

Run: .venv/bin/python bench/write_steps.py [N] [--database-url URL]     # N = 30 writes
The system of bench/write_latency.py, but the writes go through the app in this process (httpx's ASGI
transport, no sockets), with the steps the route takes timed where they run, and each Update's history
read for the store activity's time. Prints the median of each step; the HTTP figure is the same writes
over the API process's socket minus the in-process request.
"""

import argparse
import asyncio
import statistics
import time
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import httpx
from fresh_store import POSTGRES, fresh_stack
from load_client import make_tokens
from pytest import MonkeyPatch
from temporalio.api.enums.v1 import EventType
from temporalio.client import Client, WorkflowHandle
from write_latency import PAUSE, start_mous, submit, wait_until_idle

import api.deps
import api.routes.mous
import api.workflows
from api.main import create_app
from mouflow.demo import HKTE
from mouflow.sessions import sessions_from
from ops.stack import Stack

Timings = dict[str, list[float]]
# what the route does, in order, by the name it is called by where it is called
STEPS = {
    "auth: token lookup (a miss; at idle a token is remembered 5 s)": (api.deps, "_look_up"),
    "access, one-language check and idempotency lookups (one checkout)": (api.workflows.Writer, "_look_before_acting"),
    "  of which the one-language check": (api.routes.mous, "_require_confirmed"),
    "the Update, its activity included": (WorkflowHandle, "execute_update"),
    "the answer kept for the Idempotency-Key (a checkout)": (api.workflows, "keep_answer_at_once"),
}


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("n", nargs="?", type=int, default=30, help="writes (default 30)")
    parser.add_argument("--database-url", default=POSTGRES, help="the store: PostgreSQL (fresh schema) or sqlite:///")
    return parser.parse_args()


@contextmanager
def timed_steps(timings: Timings) -> Iterator[None]:
    with MonkeyPatch.context() as patch:
        for name, (owner, attribute) in STEPS.items():
            patch.setattr(owner, attribute, _timer(getattr(owner, attribute), timings[name]))
        yield


def _timer(function: Callable[..., Any], into: list[float]) -> Callable[..., Any]:
    if asyncio.iscoroutinefunction(function):

        async def timed_async(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return await function(*args, **kwargs)
            finally:
                into.append(time.perf_counter() - started)

        return timed_async

    def timed(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            into.append(time.perf_counter() - started)

    return timed


async def store_activity(client: Client, mou_id: str) -> tuple[float, float]:
    """The submit's `store.record_transition`: seconds queued (scheduled to started) and running."""
    times: dict[int, float] = {}
    async for event in client.get_workflow_handle(f"mou-{mou_id}").fetch_history_events():
        times[event.event_type] = event.event_time.ToMicroseconds() / 1e6
    scheduled = times[EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED]  # the last of each: the submit's
    started = times[EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED]
    return started - scheduled, times[EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED] - started


async def measure(stack: Stack, count: int) -> tuple[Timings, int]:
    sessions = sessions_from(stack.settings)
    token = make_tokens(sessions)[HKTE.id]
    client = await stack.client()
    run = uuid.uuid4().hex[:6]
    in_process, over_http = (
        [f"steps-{run}-{n:04d}" for n in range(count + 1)],
        [f"http-{run}-{n:04d}" for n in range(count)],
    )
    app = create_app(stack.settings, sessions=sessions, temporal=client)
    timings: Timings = defaultdict(list)
    async with (
        httpx.AsyncClient(base_url=stack.api_url, timeout=60) as http,
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=stack.api_url, timeout=60) as local,
    ):
        await start_mous(http, token, in_process + over_http)
        await wait_until_idle(sessions, len(in_process + over_http))
        await submit(local, token, in_process[0])  # warm-up
        with timed_steps(timings):
            for mou_id, other in zip(in_process[1:], over_http, strict=True):
                timings["the request in process (no sockets)"].append(await submit(local, token, mou_id))
                await asyncio.sleep(PAUSE)
                timings["the request over HTTP"].append(await submit(http, token, other))
                await asyncio.sleep(PAUSE)
        for mou_id in in_process[1:]:
            queued, ran = await store_activity(client, mou_id)
            timings["store activity: queued"].append(queued)
            timings["store activity: ran (record_transition's transaction)"].append(ran)
    return timings, count


def report(timings: Timings, count: int) -> None:
    medians = {name: statistics.median(values) * 1000 for name, values in timings.items() if values}
    for name, median in medians.items():
        print(f"{median:7.1f} ms  {name}  ({len(timings[name])} of {count})")
    http = medians["the request over HTTP"] - medians["the request in process (no sockets)"]
    print(f"{http:7.1f} ms  HTTP: the socket, uvicorn and another process (over HTTP minus in process)")


async def main() -> None:
    args = arguments()
    async with fresh_stack(args.database_url, "steps") as stack:
        timings, count = await measure(stack, args.n)
    report(timings, count)


if __name__ == "__main__":
    asyncio.run(main())
