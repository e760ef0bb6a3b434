"""A backup taken while an officer keeps revising a draft, and its renders run, agrees with itself: restored
and settled, every transition the workflow made is in the store once, with its rows and its audit entries,
and every document row has its file. Without the store's write lock held across both copies, a write
finished between them would be in Temporal's copy and missing from the store's (with half a second between
the copies and no lock, the restored store stood at seq 10 of the workflow's 14). It takes a minute: a
render running when the copy was made is retried once its 30 s heartbeat timeout has passed."""

import asyncio
import contextlib
from pathlib import Path

import pytest
from sqlalchemy import select

from mouflow.documents.storage import DiskStorage
from mouflow.domain.content import Bilingual
from mouflow.names import mou_workflow_id
from mouflow.store.audit_tables import AuditRow
from mouflow.store.db import make_engine
from mouflow.store.tables import DocumentRow, MouRow, VersionRow
from ops.stack import running_stack
from tests import symposium
from tests.faults.case import SeedCase
from tests.faults.conftest import FaultDb, rig
from tests.faults.pending import wait_until_idle
from tests.ops.commands import run_command
from tests.ops.test_backup import data_folder_environment
from workflows.mou import MouWorkflow

MOU = symposium.NANSHA_MOU
WRITING_BEFORE = 1.0  # seconds of revisions before the backup starts
BETWEEN_REVISIONS = 0.3  # seconds: a few versions a second, so that their renders are done soon after


async def keep_revising(case: SeedCase, stop: asyncio.Event) -> int:
    """New versions one after another, each with a title of its own, until told to stop; returns the last."""
    version = 1
    while not stop.is_set():
        title = Bilingual(en=f"{MOU.content.title.en} ({version})", zh=f"{MOU.content.title.zh}（{version}）")
        content = MOU.content.model_copy(update={"title": title})
        await case.run(symposium.draft(MOU.mou_id, version, content))
        version += 1
        await asyncio.sleep(BETWEEN_REVISIONS)
    return version


async def test_a_backup_made_mid_write_agrees_with_itself(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MOUFLOW_AUDIT_KEY", raising=False)
    original, copy, restored = tmp_path / "stack", tmp_path / "backup", tmp_path / "restored"
    async with rig(original, FaultDb(f"sqlite:///{original / 'mouflow.db'}", "sqlite")) as faulty:
        await faulty.case.run(symposium.start(MOU))
        stop = asyncio.Event()
        writer = asyncio.create_task(keep_revising(faulty.case, stop))
        await asyncio.sleep(WRITING_BEFORE)
        code, output = await run_command("ops.backup", str(copy), env=faulty.stack.environment())
        stop.set()
        last = await writer
        assert code == 0, output
    code, output = await run_command("ops.restore", str(copy), env=data_folder_environment(restored))
    assert code == 0, output
    async with running_stack(restored) as stack:
        handle = (await stack.client()).get_workflow_handle_for(MouWorkflow.run, mou_workflow_id(MOU.mou_id))
        await wait_until_idle(handle)
        state = await handle.query(MouWorkflow.status)
        with contextlib.closing(make_engine(stack.database_url).connect()) as store:
            row = store.execute(select(MouRow.last_seq).where(MouRow.id == MOU.mou_id)).scalar_one()
            seqs = store.execute(select(AuditRow.seq).where(AuditRow.mou_id == MOU.mou_id)).scalars().all()
            versions = store.execute(select(VersionRow.number).where(VersionRow.mou_id == MOU.mou_id)).scalars()
            documents = store.execute(select(DocumentRow.sha256)).scalars().all()
    assert 1 < state.current_version.number < last, "the copy was not made while the revisions went on"
    assert row == state.seq and sorted(versions) == [version.number for version in state.versions]
    assert sorted({seq for seq in seqs if seq is not None}) == list(range(1, state.seq + 1))
    assert documents and all(DiskStorage(restored / "documents").exists(sha256) for sha256 in documents)
