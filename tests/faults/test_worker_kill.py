"""The worker is SIGKILLed again and again across the seed case, in the middle of renders and of store writes.

Every step still answers, the workflow makes each transition once, and the store holds each
transition, audit entry and document once, with nothing missing.
"""

from pathlib import Path

from tests.faults.checks import check_documents, check_projection, check_transitions, storage_of
from tests.faults.conftest import FaultDb, rig
from tests.faults.kills import kill_mid_render, kill_mid_write
from tests.faults.locks import HeldLock
from tests.faults.pending import wait_until_idle

KILLED_WRITES = ("qianhai asks for changes", "hkte approves v2", "fair confirmed")
# early, so the renders retried after the heartbeat timeout land while the later steps run
KILLED_RENDERS = ("start", "draft v2")


async def test_worker_killed_mid_render_and_mid_write(tmp_path: Path, fault_db: FaultDb) -> None:
    async with rig(tmp_path / "stack", fault_db) as faulty:
        lock = HeldLock(fault_db.url)
        for step in faulty.case.steps:
            if step.name in KILLED_WRITES:
                await kill_mid_write(faulty, lock, step)
            else:
                await faulty.case.run(step)
            if step.name in KILLED_RENDERS:
                await kill_mid_render(faulty)
        await wait_until_idle(faulty.mou)
        state = await faulty.status()
        check_transitions(faulty.sessions, state, faulty.case.request_ids)
        check_projection(faulty.sessions, state)
        await check_documents(faulty.sessions, storage_of(faulty.stack.root))
