"""How often the store's writers wait for a PostgreSQL lock, sampled from pg_stat_activity.

Our connections carry an application_name, so other users of the same database do not count. A
writer waiting on `audit_heads` waits for its MoU's chain head, which only writes to the same MoU hold;
one waiting on `audit_anchor` waits for the anchor, which a new MoU's first write takes.
"""

import asyncio
from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import Engine, text

APPLICATION = "mouflow-bench"
PERIOD = 0.02  # seconds between samples
SAMPLE = text(
    "SELECT wait_event_type = 'Lock' AS waiting, query FROM pg_stat_activity "
    "WHERE application_name = :application AND state = 'active' AND pid <> pg_backend_pid()"
)


def tagged(url: str) -> str:
    """The store URL with our application_name, so the sampler finds our connections."""
    return f"{url}{'&' if '?' in url else '?'}application_name={APPLICATION}"


@dataclass
class Tally:
    samples: int = 0
    busy: int = 0  # samples with a writer at work
    waiting: int = 0  # samples with a writer waiting for a lock
    on: Counter[str] = field(default_factory=Counter)  # the table the waiting statement locks

    def line(self) -> str:
        if not self.busy:
            return "no store writer seen"
        on = ", ".join(f"{table} {count}" for table, count in self.on.most_common(3)) or "nothing"
        return f"a writer waited for a lock in {self.waiting / self.busy:.0%} of {self.busy} busy samples (on {on})"


@dataclass
class LockWaits:
    engine: Engine
    current: str = ""
    tallies: dict[str, Tally] = field(default_factory=dict)

    async def sample_forever(self) -> None:
        while True:
            rows = await asyncio.to_thread(self._sample)
            tally = self.tallies.setdefault(self.current, Tally())
            tally.samples += 1
            tally.busy += bool(rows)
            waiting = [query for is_waiting, query in rows if is_waiting]
            tally.waiting += bool(waiting)
            tally.on.update(_table(query) for query in waiting)
            await asyncio.sleep(PERIOD)

    def _sample(self) -> list[tuple[bool, str]]:
        with self.engine.connect() as connection:
            return [(bool(w), str(q)) for w, q in connection.execute(SAMPLE, {"application": APPLICATION})]


def _table(query: str) -> str:
    for table in ("audit_head", "audit_log", "mous", "mou_milestones", "mou_events"):
        if table in query:
            return table
    return query[:40]
