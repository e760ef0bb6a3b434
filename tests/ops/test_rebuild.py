"""`python -m ops.rebuild` writes the projection again from Temporal, row for row as the transitions wrote it.

The only column it cannot give back is `mous.updated_at`, the time the row was written; everything else,
the milestones' `last_seq` included, comes back equal.
"""

import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session, sessionmaker

from mouflow.domain.enums import Role, Stage
from mouflow.store.tables import Base, MilestoneRow, MouPartyRow, MouRow, VersionRow
from tests.ops.commands import run_command
from tests.ops.stages import MOU_IDS, stack_with_mous

PROJECTION: tuple[type[Base], ...] = (MouRow, MouPartyRow, VersionRow, MilestoneRow)
WRITTEN_AT = {"mous": {"updated_at"}}  # the time of the write: a rebuilt row has the rebuild's


async def test_the_projection_is_rebuilt_from_the_workflows(tmp_path: Path) -> None:
    async with stack_with_mous(tmp_path / "stack") as faulty:
        before, answers = projection(faulty.sessions), await mou_answers(faulty)
        assert {row["stage"] for row in before["mous"]} == {Stage.IN_FORCE, Stage.DRAFTING, Stage.WITHDRAWN}
        assert before["mou_milestones"] and len(before["mou_versions"]) > len(MOU_IDS)
        empty_projection(tmp_path / "stack" / "mouflow.db")
        assert not any(projection(faulty.sessions).values())

        code, output = await run_command("ops.rebuild", env=faulty.stack.environment())

        assert code == 0 and f"rebuilt {len(MOU_IDS)} MoU(s)" in output, output
        assert projection(faulty.sessions) == before
        assert await mou_answers(faulty) == answers


def projection(sessions: sessionmaker[Session]) -> dict[str, list[dict[str, Any]]]:
    """Every row of the four tables, in key order, without the columns a write stamps with its time."""
    with sessions() as session:
        return {table.__tablename__: _rows(session, table) for table in PROJECTION}


def _rows(session: Session, table: type[Base]) -> list[dict[str, Any]]:
    mapper = inspect(table)
    skipped = WRITTEN_AT.get(table.__tablename__, set())
    keys = [column.key for column in mapper.columns if column.key not in skipped]
    rows = session.scalars(select(table).order_by(*mapper.primary_key))
    return [{key: getattr(row, key) for key in keys} for row in rows]


def empty_projection(store: Path) -> None:
    """As if the tables were lost: the outbox's rows still name the MoUs, so its foreign key is let be."""
    with closing(sqlite3.connect(store, isolation_level=None)) as connection:
        connection.execute("PRAGMA foreign_keys=OFF")
        for table in reversed(PROJECTION):
            connection.execute(f"DELETE FROM {table.__tablename__}")


async def mou_answers(faulty: Any) -> dict[str, object]:
    headers = faulty.case.users.headers("hkte", Role.MANAGER)
    return {mou_id: (await faulty.case.api.get(f"/mous/{mou_id}", headers=headers)).json() for mou_id in MOU_IDS}
