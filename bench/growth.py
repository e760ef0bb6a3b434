"""How `GET /mous` grows with the table: each filter's p50 and p99 at 1,000 MoUs and at 100,000, and ratios.

Run: .venv/bin/python bench/growth.py [requests per case] [--explain]     # default 150 requests
With DATABASE_URL (e.g. postgresql://postgres@127.0.0.1:5432/test) in a fresh PostgreSQL schema, dropped
at the end; without it in a SQLite file. The MoUs go straight into the tables (bench/growth_data.py);
1,000 first, measured, then 99,000 more, measured again, each after ANALYZE. Requests go through the
real app in process (httpx's ASGI transport: routing, token, query, serialisation; no sockets), one at
a time, as an agency manager who sees every MoU or as a partner region's viewer. `--explain` prints the
database's plan for each case at 100,000.
"""

import asyncio
import random
import statistics
import sys
import time
from dataclasses import dataclass

import httpx
from growth_data import load_mous, load_parties
from scratch_db import BENCH_AUDIT_KEY, ScratchDb, scratch_db
from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session, sessionmaker
from temporalio.client import Client

from api.main import create_app
from mouflow.config import Settings
from mouflow.domain.enums import Role
from mouflow.store.db import session_factory, session_scope
from mouflow.store.mous import list_query
from mouflow.store.tables import MouRow
from mouflow.store.users import create_user

SIZES = (1_000, 100_000)
ROUNDS = 5


@dataclass(frozen=True)
class Case:
    name: str
    who: str  # "manager" sees every MoU; "viewer" only region-01's
    params: dict[str, str]


def cases(middle_id: str) -> list[Case]:
    return [
        Case("all, first page", "manager", {}),
        Case("all, page after a cursor", "manager", {"cursor": middle_id}),
        Case("party", "manager", {"party": "region-01"}),
        Case("party, after a cursor", "manager", {"party": "region-01", "cursor": middle_id}),
        Case("stage in_force (55%)", "manager", {"stage": "in_force"}),
        Case("stage signed (1%)", "manager", {"stage": "signed"}),
        Case("overdue", "manager", {"overdue": "true"}),
        Case("party+stage+overdue", "manager", {"party": "agency-01", "stage": "in_force", "overdue": "false"}),
        Case("viewer: own MoUs", "viewer", {}),
        Case("viewer: stage in_review", "viewer", {"stage": "in_review"}),
        Case("q English (3%)", "manager", {"q": "healthcare"}),
        Case("q Chinese (3%)", "manager", {"q": "醫療"}),
        Case("q found nowhere", "manager", {"q": "antarctic"}),
    ]


def make_users(sessions: sessionmaker[Session]) -> dict[str, str]:
    with session_scope(sessions) as session:
        _, manager = create_user(session=session, name="Agency manager", party_id="agency-01", role=Role.MANAGER)
        _, viewer = create_user(session=session, name="Region viewer", party_id="region-01", role=Role.VIEWER)
    return {"manager": manager, "viewer": viewer}


def middle_id(engine: Engine) -> str:
    with engine.connect() as connection:
        count = connection.scalar(text("SELECT count(*) FROM mous")) or 0
        return str(connection.scalar(select(MouRow.id).order_by(MouRow.id).offset(count // 2).limit(1)))


def analyze(db: ScratchDb) -> None:
    with db.engine.begin() as connection:
        connection.execute(text("ANALYZE"))


async def percentiles(db: ScratchDb, tokens: dict[str, str], runs: int) -> dict[str, tuple[float, float]]:
    """p50 and p99 in ms per case. p99 is the target; p50 shows the trend when other work on the machine
    lands in the tail."""
    temporal = await Client.connect("127.0.0.1:1", lazy=True)  # list reads never reach Temporal
    app = create_app(Settings(database_url=db.url), session_factory(db.engine, audit_key=BENCH_AUDIT_KEY), temporal)
    times: dict[str, list[float]] = {}
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://bench") as client:
        all_cases = cases(middle_id(db.engine))
        for case in all_cases:
            await _times(client, case, tokens, 10)  # warm-up: caches, the pool, the statement cache
        for _ in range(ROUNDS):  # in turns, so a burst of other work on the machine hits every case alike
            for case in all_cases:
                times.setdefault(case.name, []).extend(await _times(client, case, tokens, runs // ROUNDS))
    return {name: _p50_p99(case_times) for name, case_times in times.items()}


def _p50_p99(times: list[float]) -> tuple[float, float]:
    cuts = statistics.quantiles(times, n=100)
    return cuts[49] * 1000, cuts[98] * 1000


async def _times(client: httpx.AsyncClient, case: Case, tokens: dict[str, str], runs: int) -> list[float]:
    headers = {"Authorization": f"Bearer {tokens[case.who]}"}
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        response = await client.get("/mous", params=case.params, headers=headers)
        times.append(time.perf_counter() - started)
        response.raise_for_status()
    return times


def explain(db: ScratchDb) -> None:
    viewer = {"viewer": "region-01", "manager": None}
    for case in cases(middle_id(db.engine)):
        params = case.params
        query = list_query(
            visible_to=viewer[case.who],
            party_id=params.get("party"),
            stage=params.get("stage"),
            overdue={"true": True, "false": False}.get(params.get("overdue", "")),
            text=params.get("q"),
            after=params.get("cursor"),
            limit=50,
        )
        sql = str(query.compile(db.engine, compile_kwargs={"literal_binds": True}))
        prefix = "EXPLAIN QUERY PLAN " if db.backend == "sqlite" else "EXPLAIN "
        with db.engine.connect() as connection:
            plan = [" | ".join(str(v) for v in row) for row in connection.execute(text(prefix + sql))]
        print(f"\n{case.name}:\n  " + "\n  ".join(plan))


def main(runs: int, show_plans: bool) -> None:
    rng = random.Random(20250603)
    with scratch_db("growth") as db:
        load_parties(db.engine)
        tokens = make_users(session_factory(db.engine, audit_key=BENCH_AUDIT_KEY))
        figures: dict[int, dict[str, tuple[float, float]]] = {}
        loaded = 0
        for size in SIZES:
            started = time.perf_counter()
            load_mous(db.engine, size - loaded, rng)
            analyze(db)
            loaded = size
            print(f"{db.backend}: {size:,} MoUs loaded in {time.perf_counter() - started:.1f} s")
            figures[size] = asyncio.run(percentiles(db, tokens, runs))
        report(figures, runs)
        if show_plans:
            explain(db)


def report(figures: dict[int, dict[str, tuple[float, float]]], runs: int) -> None:
    small, large = SIZES
    print(f"\n{runs} requests per case, ms   p50 {small:>6,} {large:>7,}  ratio | p99 {small:>6,} {large:>7,}  ratio")
    for name, (p50_small, p99_small) in figures[small].items():
        p50_large, p99_large = figures[large][name]
        p50s = f"{p50_small:10.1f} {p50_large:7.1f} {p50_large / p50_small:5.2f}x"
        p99s = f"{p99_small:10.1f} {p99_large:7.1f} {p99_large / p99_small:5.2f}x"
        print(f"{name:28} {p50s} | {p99s}")


if __name__ == "__main__":
    arguments = [a for a in sys.argv[1:] if a != "--explain"]
    main(int(arguments[0]) if arguments else 150, "--explain" in sys.argv)
