"""The signed-in MoU page, `GET /web/mous/{id}` (HTML), against the JSON status, `GET /mous/{id}`, under load.

Run: .venv/bin/python bench/pages.py [seconds per round] [clients]     # default 5 s, 50 clients
With DATABASE_URL (e.g. postgresql://postgres@127.0.0.1:5432/test) the data goes to a fresh PostgreSQL
schema, dropped at the end; without it, to a SQLite file. The machinery is bench/status_reads.py's: the
same MoUs in force (bench/status_data.py), one uvicorn process (bench/read_server.py), a separate load
process (bench/http_load.py); the two routes alternate over three rounds. Both are read by a Qianhai
officer: the JSON with its API token, the page with a web session opened for it in the store (what
`POST /web/login` does), so the page draws the forms an officer is offered. Before the load, each route
is requested once in process with the database's statements counted. Figures are from this run.
"""

import asyncio
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

import httpx
from scratch_db import BENCH_AUDIT_KEY, scratch_db
from sqlalchemy import Engine, event
from sqlalchemy.orm import Session, sessionmaker
from status_data import load_mous, load_parties_and_viewer
from status_reads import MOUS, ROUNDS, figures, load, memory_gib, real_answer, server
from temporalio.client import Client

from api.main import create_app
from api.web.auth import SESSION_COOKIE
from mouflow.config import Settings
from mouflow.demo import QIANHAI
from mouflow.domain.enums import Role
from mouflow.store.db import make_engine, session_factory, session_scope
from mouflow.store.users import create_user
from mouflow.store.web_sessions import open_session

PAGE, JSON = "GET /web/mous/{id}", "GET /mous/{id}"


def officer_and_session(sessions: sessionmaker[Session]) -> tuple[str, str]:
    """A Qianhai officer's API token, and the cookie of a web session opened for it."""
    with session_scope(sessions) as session:
        user, token = create_user(session=session, name="Qianhai officer", party_id=QIANHAI.id, role=Role.OFFICER)
        cookie = open_session(session=session, user=user)
    return token, f"{SESSION_COOKIE}={cookie}"


@dataclass
class Trips:
    """What one request asked of the database: pool checkouts, statements, and each statement's time."""

    checkouts: int = 0
    ends: int = 0  # commits and rollbacks, the reset on return included
    statements: list[tuple[float, str]] = field(default_factory=list)


@contextmanager
def counting(engine: Engine) -> Iterator[Trips]:
    trips, started = Trips(), {}

    def checkout(*_: Any) -> None:
        trips.checkouts += 1

    def end(*_: Any) -> None:
        trips.ends += 1

    def before(conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        started[id(conn)] = time.perf_counter()

    def after(conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        trips.statements.append((time.perf_counter() - started.pop(id(conn)), " ".join(statement.split())))

    listeners = [
        (engine.pool, "checkout", checkout),
        (engine.pool, "reset", end),
        (engine, "commit", end),
        (engine, "before_cursor_execute", before),
        (engine, "after_cursor_execute", after),
    ]
    for target, name, listener in listeners:
        event.listen(target, name, listener)
    try:
        yield trips
    finally:
        for target, name, listener in listeners:
            event.remove(target, name, listener)


def round_trips(database_url: str, token: str, cookie: str, mou_id: str) -> dict[str, tuple[Trips, int]]:
    """Each route once, warm, through the app in process: its database work and the size of its answer."""

    async def measure() -> dict[str, tuple[Trips, int]]:
        temporal = await Client.connect("127.0.0.1:1", lazy=True)
        engine = make_engine(database_url)
        app = create_app(
            Settings(database_url=database_url), session_factory(engine, audit_key=BENCH_AUDIT_KEY), temporal
        )
        transport = httpx.ASGITransport(app=app)
        found: dict[str, tuple[Trips, int]] = {}
        headers = {"Authorization": f"Bearer {token}", "Cookie": cookie}
        async with httpx.AsyncClient(transport=transport, base_url="http://bench", headers=headers) as client:
            for name, path in ((PAGE, f"/web/mous/{mou_id}"), (JSON, f"/mous/{mou_id}")):
                (await client.get(path)).raise_for_status()  # warm: templates, the token cache
                with counting(engine) as trips:
                    response = await client.get(path)
                response.raise_for_status()
                found[name] = (trips, len(response.content))
        engine.dispose()
        return found

    return asyncio.run(measure())


def report_trips(found: dict[str, tuple[Trips, int]], backend: str) -> None:
    """On PostgreSQL a checkout costs a pre-ping (psycopg's empty query) and a BEGIN besides the statements,
    and the transaction its ROLLBACK or COMMIT: checked against a libpq trace (`pgconn.trace`)."""
    for name, (trips, size) in found.items():
        total = sum(seconds for seconds, _ in trips.statements) * 1000
        statements = len(trips.statements)
        print(
            f"{name:>20}: {size:,} B; {statements} statements ({total:.1f} ms in the database driver), "
            f"{trips.checkouts} connection checkouts, {trips.ends} commits or rollbacks"
        )
        if backend == "postgresql":
            print(f"{'':>22}{statements + 2 * trips.checkouts + trips.ends} round trips to PostgreSQL")
        for seconds, statement in sorted(trips.statements, reverse=True)[:3]:
            print(f"{'':>22}{seconds * 1000:5.2f} ms  {statement[:110]}")


def main(seconds: float, clients: int) -> None:
    with scratch_db("pages") as db, TemporaryDirectory() as folder:
        sessions = session_factory(db.engine, audit_key=BENCH_AUDIT_KEY)
        load_parties_and_viewer(sessions)
        token, cookie = officer_and_session(sessions)
        mou_ids = load_mous(sessions, MOUS)
        bare_body = Path(folder) / "bare.json"  # read_server.py wants one; its /bare is not measured here
        bare_body.write_bytes(real_answer(db.url, token, mou_ids[0]))
        print(f"machine: {os.cpu_count()} cores, {memory_gib():.1f} GiB, load average {os.getloadavg()[0]:.2f}")
        print(f"database: {db.backend}; {MOUS} MoUs in force; {clients} clients; {ROUNDS} rounds of {seconds:g} s")
        report_trips(round_trips(db.url, token, cookie, mou_ids[0]), db.backend)
        with server(db.url, bare_body) as port:
            routes = {
                PAGE: ([f"/web/mous/{mou_id}" for mou_id in mou_ids], cookie),
                JSON: ([f"/mous/{mou_id}" for mou_id in mou_ids], None),
            }
            for paths, route_cookie in routes.values():
                load(port, 2, clients, token, paths, route_cookie)  # warm-up: imports, pools, caches
            runs: dict[str, list[dict[str, float]]] = {name: [] for name in routes}
            for _ in range(ROUNDS):
                for name, (paths, route_cookie) in routes.items():
                    runs[name].append(load(port, seconds, clients, token, paths, route_cookie))
        print(f"load average after: {os.getloadavg()[0]:.2f}")
        report(runs)


def report(runs: dict[str, list[dict[str, float]]]) -> None:
    results = {name: figures(route_runs) for name, route_runs in runs.items()}
    for name, (p50, p99, rate) in results.items():
        print(f"{name:>20}: p50 {p50:6.1f} ms, p99 {p99:6.1f} ms, {rate:7.0f} req/s")
    page, status = results[PAGE], results[JSON]
    print(
        f"page/JSON: p50 {page[0] / status[0]:.2f}x, p99 {page[1] / status[1]:.2f}x, "
        f"req/s {page[2] / status[2]:.2f}x (the page serves {status[2] / page[2]:.2f} times fewer)"
    )


if __name__ == "__main__":
    main(float(sys.argv[1]) if len(sys.argv) > 1 else 5, int(sys.argv[2]) if len(sys.argv) > 2 else 50)
