"""The Temporal dev server stops in the middle of a render and starts again on the same file database.

While it is down, a write answers 503 and changes nothing, and reads of the store still answer.
After, the workflow is exactly where it was: the remaining steps make the remaining transitions, and
nothing done before is done again.
"""

from pathlib import Path

from mouflow.domain.enums import Role
from tests.faults.case import PATH
from tests.faults.checks import check_documents, check_projection, check_transitions, storage_of
from tests.faults.conftest import FaultDb, rig
from tests.faults.pending import RENDER, wait_for_started, wait_until_idle
from tests.workflows.driver import decided, renders_went_on

STOPPED_DURING = "draft v2"  # its two renders are owed as the server goes down


async def test_server_restarts_mid_run(tmp_path: Path, fault_db: FaultDb) -> None:
    async with rig(tmp_path / "stack", fault_db) as faulty:
        case = faulty.case
        await case.run_until(STOPPED_DURING)
        before, steps_before = await faulty.status(), case.done
        await wait_for_started(faulty.mou, RENDER)
        await faulty.stack.stop("temporal")

        refused = await case.send(case.steps[case.done])
        assert refused.status_code == 503 and "try again" in refused.json()["detail"], refused.text
        read = await case.api.get(PATH, headers=case.users.headers("qianhai", Role.VIEWER))
        assert read.status_code == 200 and read.json()["current_version"] == 2, read.text

        await faulty.stack.start_server()
        after = await faulty.status()
        assert decided(after) == decided(before), "the workflow is not where it was before the restart"
        assert renders_went_on(before, after), "a document owed before the restart was lost or owed twice"
        await case.run_until(case.steps[-1].name)
        await wait_until_idle(faulty.mou)
        state = await faulty.status()
        assert state.seq == before.seq + len(case.steps) - steps_before
        check_transitions(faulty.sessions, state, case.request_ids)
        check_projection(faulty.sessions, state)
        await check_documents(faulty.sessions, storage_of(faulty.stack.root))
