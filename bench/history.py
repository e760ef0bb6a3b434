"""How big a decade of MoU life makes its Temporal history: events per year, and the largest run.

Run: .venv/bin/python bench/history.py [--months M] [--database-url URL]     # M=120 (10 years)
The ten-year case of tests/workflows/test_ten_years.py on the time-skipping server
(`temporal-test-server`) with the production worker in-process: a 120-month term with a monthly
report milestone each, alternately owed by HKTE and Qianhai; every report filed on its due date except
one a year (those go overdue); no renewal, so it expires. Prints the events of each year of the MoU's
life (by each event's time on the server's clock, year 0 from the start), the runs of the
continue-as-new chain with their lengths, and the largest against mouflow's limit (2,000) and
Temporal's guidance (4,096; it must stay well below).
"""

import argparse
import asyncio
import sys
import tempfile
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from pathlib import Path

from fresh_store import POSTGRES, drop_schema, fresh_schema
from history_counts import chain
from scratch_db import BENCH_AUDIT_KEY
from temporalio.api.enums.v1 import IndexedValueType
from temporalio.api.operatorservice.v1 import AddSearchAttributesRequest
from temporalio.client import WorkflowHistory
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker
from ten_years import decade

from mouflow import names
from mouflow.documents.storage import DiskStorage
from mouflow.store.db import make_engine, session_factory
from mouflow.store.migrate import create_schema
from worker import WORKFLOWS, activities, documents_worker, render_activities
from workflows.mou import HISTORY_LIMIT

TEMPORAL_GUIDANCE = 4_096  # events per run above which Temporal warns; 51,200 is its hard limit
YEAR = timedelta(days=365.25)
SIZE_LIMIT_MIB = 50  # a run's history is terminated beyond it


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--months", type=int, default=120, help="term in months, a milestone each (default 120)")
    parser.add_argument("--database-url", default=POSTGRES, help="the store: PostgreSQL (fresh schema) or sqlite:///")
    return parser.parse_args()


async def time_skipping() -> WorkflowEnvironment:
    env = await WorkflowEnvironment.start_time_skipping(
        data_converter=pydantic_data_converter,
        test_server_existing_path=str(Path(sys.executable).parent / "temporal-test-server"),
    )
    attributes = {key.name: IndexedValueType.ValueType(key.indexed_value_type) for key in names.SEARCH_ATTRIBUTES}
    await env.client.operator_service.add_search_attributes(
        AddSearchAttributesRequest(namespace=env.client.namespace, search_attributes=attributes)
    )
    return env


def events_per_year(runs: list[WorkflowHistory]) -> Counter[int]:
    """Every event of every run, counted by the year of MoU life it happened in (server time)."""
    years: Counter[int] = Counter()
    started: datetime | None = None
    for run in runs:
        for event in run.events:
            at = event.event_time.ToDatetime()
            started = started or at
            years[int((at - started) / YEAR)] += 1
    return years


def print_figures(months: int, years: Counter[int], lengths: list[int], sizes: list[int]) -> None:
    total = sum(years.values())
    print(f"{months}-month MoU, a milestone a month: {total} events in {len(lengths)} runs")
    print("events per year of life: " + ", ".join(f"y{year + 1} {years[year]}" for year in sorted(years)))
    lived = [years[year] for year in sorted(years) if year < months // 12]
    print(f"mean {sum(lived) / max(len(lived), 1):.0f} events per year over the {len(lived)} full years")
    print(f"run lengths: {lengths}; sizes: {', '.join(f'{size / 2**20:.2f} MiB' for size in sizes)}")
    largest = max(lengths)
    print(
        f"largest run: {largest} events = {largest / TEMPORAL_GUIDANCE:.0%} of Temporal's {TEMPORAL_GUIDANCE:,} "
        f"guidance (mouflow continues as new from {HISTORY_LIMIT:,}); {max(sizes) / 2**20:.2f} MiB of "
        f"Temporal's {SIZE_LIMIT_MIB} MiB limit"
    )


async def main() -> None:
    args = arguments()
    url, schema = fresh_schema(args.database_url, "bench_history")
    try:
        with tempfile.TemporaryDirectory(prefix="mouflow-history-") as root:
            engine = make_engine(url)
            create_schema(engine)
            sessions, storage = session_factory(engine, audit_key=BENCH_AUDIT_KEY), DiskStorage(Path(root))
            async with await time_skipping() as env:
                with ThreadPoolExecutor(max_workers=16) as pool, ThreadPoolExecutor(max_workers=2) as render_pool:
                    worker = Worker(
                        env.client, task_queue="history", workflows=WORKFLOWS,
                        activities=activities(sessions, storage), activity_executor=pool,
                    )  # fmt: skip
                    renders = documents_worker(env.client, "history", render_activities(sessions, storage), render_pool)
                    async with worker, renders:
                        workflow_id, first_run = await decade(env, "history", args.months)
                runs = await chain(env.client, workflow_id, first_run)
            sizes = [sum(event.ByteSize() for event in run.events) for run in runs]
            print_figures(args.months, events_per_year(runs), [len(run.events) for run in runs], sizes)
    finally:
        drop_schema(args.database_url, schema)


if __name__ == "__main__":
    asyncio.run(main())
