"""Status reads under load: `GET /mous/{id}` against a bare FastAPI route with a body of the same size.

Run: .venv/bin/python bench/status_reads.py [seconds per round] [clients]     # default 8 s, 50 clients
With DATABASE_URL (e.g. postgresql://postgres@127.0.0.1:5432/test) the data goes to a fresh PostgreSQL
schema, dropped at the end; without it, to a SQLite file. One uvicorn process serves both routes (see
bench/read_server.py); a separate process (bench/http_load.py) keeps `clients` connections busy. The two
routes alternate over three rounds, so background work weighs on both alike. Figures are from this run.
"""

import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
from scratch_db import BENCH_AUDIT_KEY, scratch_db
from status_data import load_mous, load_parties_and_viewer
from temporalio.client import Client

from api.main import create_app
from mouflow.config import Settings
from mouflow.store.db import make_engine, session_factory
from ops.stack import free_port

BENCH = Path(__file__).parent
MOUS = 20  # read in turn, so concurrent requests do not all read one row
ROUNDS = 3


def real_answer(database_url: str, token: str, mou_id: str) -> bytes:
    """One `GET /mous/{id}` answer through the app in process: the body the bare route will send."""

    async def fetch() -> bytes:
        temporal = await Client.connect("127.0.0.1:1", lazy=True)
        app = create_app(
            Settings(database_url=database_url),
            session_factory(make_engine(database_url), audit_key=BENCH_AUDIT_KEY),
            temporal,
        )
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://bench") as client:
            response = await client.get(f"/mous/{mou_id}", headers={"Authorization": f"Bearer {token}"})
        response.raise_for_status()
        return response.content

    return asyncio.run(fetch())


@contextmanager
def server(database_url: str, bare_body: Path) -> Iterator[int]:
    port = free_port()
    command = [sys.executable, str(BENCH / "read_server.py"), str(port), database_url, str(bare_body)]
    process = subprocess.Popen(command)
    try:
        _wait_until_up(port)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=30)


def _wait_until_up(port: int) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz").status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.2)
    raise RuntimeError("the bench server did not answer /healthz within 60 s")


def load(
    port: int, seconds: float, clients: int, token: str, paths: list[str], cookie: str | None = None
) -> dict[str, float]:
    """One round of bench/http_load.py; `cookie` ("name=value") is sent on every request if given."""
    command = [sys.executable, str(BENCH / "http_load.py"), str(port), str(seconds), str(clients), token, *paths]
    if cookie:
        command.append(f"--cookie={cookie}")
    result = json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
    if result["errors"]:
        raise RuntimeError(f"{result['errors']} requests did not answer 200 on {paths[0]}")
    return {"requests": len(result["latencies"]), "elapsed": result["elapsed"], "latencies": result["latencies"]}


def figures(runs: list[dict[str, float]]) -> tuple[float, float, float]:
    """p50 and p99 in milliseconds over every request of every round, and requests per second."""
    latencies = sorted(latency for run in runs for latency in run["latencies"])  # type: ignore[attr-defined]
    cuts = statistics.quantiles(latencies, n=100)
    rate = sum(run["requests"] for run in runs) / sum(run["elapsed"] for run in runs)
    return cuts[49] * 1000, cuts[98] * 1000, rate


def memory_gib() -> float:
    return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30


def main(seconds: float, clients: int) -> None:
    with scratch_db("reads") as db, tempfile.TemporaryDirectory() as folder:
        sessions = session_factory(db.engine, audit_key=BENCH_AUDIT_KEY)
        token = load_parties_and_viewer(sessions)
        mou_ids = load_mous(sessions, MOUS)
        body = real_answer(db.url, token, mou_ids[0])
        bare_body = Path(folder) / "bare.json"
        bare_body.write_bytes(body)
        print(f"machine: {os.cpu_count()} cores, {memory_gib():.1f} GiB, load average {os.getloadavg()[0]:.2f}")
        print(f"database: {db.backend}; {MOUS} MoUs in force; answer {len(body):,} B; {clients} clients")
        with server(db.url, bare_body) as port:
            routes = {"GET /mous/{id}": [f"/mous/{mou_id}" for mou_id in mou_ids], "bare": ["/bare"]}
            for paths in routes.values():
                load(port, 2, clients, token, paths)  # warm-up: imports, pools, caches
            runs: dict[str, list[dict[str, float]]] = {name: [] for name in routes}
            for _ in range(ROUNDS):
                for name, paths in routes.items():
                    runs[name].append(load(port, seconds, clients, token, paths))
        report(runs)


def report(runs: dict[str, list[dict[str, float]]]) -> None:
    results = {name: figures(route_runs) for name, route_runs in runs.items()}
    for name, (p50, p99, rate) in results.items():
        print(f"{name:>15}: p50 {p50:6.1f} ms, p99 {p99:6.1f} ms, {rate:7.0f} req/s")
    real, bare = results["GET /mous/{id}"], results["bare"]
    print(f"p99 ratio: {real[1] / bare[1]:.2f}x (target 1.5x); req/s ratio: {bare[2] / real[2]:.2f}x")


if __name__ == "__main__":
    main(float(sys.argv[1]) if len(sys.argv) > 1 else 8, int(sys.argv[2]) if len(sys.argv) > 2 else 50)
