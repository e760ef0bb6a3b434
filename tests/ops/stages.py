"""A running stack with MoUs at three stages, made through its API: the seed case's Qianhai MoU in force with
its fair confirmed, the Nansha MoU still drafting, and a third withdrawn, whose workflow has closed."""

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from temporalio.client import WorkflowHandle

from mouflow.demo import NANSHA, symposium_mou
from mouflow.domain.enums import Role
from mouflow.names import mou_workflow_id
from tests import symposium
from tests.faults.checks import check_documents, storage_of
from tests.faults.conftest import FaultDb, Rig, rig
from tests.faults.pending import wait_until_idle
from workflows.mou import MouWorkflow

DRAFTING, WITHDRAWN = symposium.N, "hkte-nansha-withdrawn"
MOU_IDS = (symposium.Q, DRAFTING, WITHDRAWN)
CLOSE_TIMEOUT = 90.0  # seconds for the withdrawn MoU's workflow to finish its renders and close


@asynccontextmanager
async def stack_with_mous(root: Path) -> AsyncIterator[Rig]:
    """The stack on a SQLite store in its own data folder, as `./scripts/up` keeps it, once all is settled."""
    async with rig(root, FaultDb(f"sqlite:///{root / 'mouflow.db'}", "sqlite")) as faulty:
        case = faulty.case
        await case.run_until(case.steps[-1].name)
        for mou in (symposium.NANSHA_MOU, symposium_mou(NANSHA, WITHDRAWN)):
            await case.run(symposium.start(mou))
        withdrawal = {"reason": "The bureau chose another partner"}
        headers = case.users.headers("hkte", Role.OFFICER)
        answer = await case.api.post(f"/mous/{WITHDRAWN}/withdrawal", json=withdrawal, headers=headers)
        assert answer.status_code == 200, answer.text
        await settled(faulty)
        yield faulty


async def settled(faulty: Rig) -> None:
    """Every render done, every transition stored, the withdrawn MoU's workflow closed."""
    client = await faulty.stack.client()
    await check_documents(faulty.sessions, storage_of(faulty.stack.root))
    handles: dict[str, WorkflowHandle[Any, Any]] = {
        mou_id: client.get_workflow_handle_for(MouWorkflow.run, mou_workflow_id(mou_id)) for mou_id in MOU_IDS
    }
    await asyncio.wait_for(handles[WITHDRAWN].result(), CLOSE_TIMEOUT)
    for handle in handles.values():
        await wait_until_idle(handle, timeout=CLOSE_TIMEOUT)
