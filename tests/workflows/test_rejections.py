"""Every refused action is an Update rejected by its validator: a clear reason, nothing changed."""

import asyncio
from collections.abc import Awaitable, Callable

import pytest
from sqlalchemy.orm import Session, sessionmaker
from temporalio.client import WorkflowUpdateFailedError
from temporalio.exceptions import ApplicationError
from temporalio.testing import WorkflowEnvironment

from mouflow.demo import HKTE, NANSHA, QIANHAI, manager, officer
from mouflow.documents.records import list_documents
from mouflow.domain.actions import Close, ReportProgress, Revise, Sign, Submit
from mouflow.domain.enums import MilestoneStatus
from tests import symposium as case
from tests.conftest import running_worker
from tests.workflows.driver import Mou, decided, kinds_recorded, renders_went_on, start, status
from workflows.mou import MouWorkflow


async def assert_refused(
    mou: Mou, sessions: sessionmaker[Session], send: Callable[[], Awaitable[object]], code: str, says: str
) -> None:
    before, recorded_before = await status(mou), kinds_recorded(sessions, mou.id.removeprefix("mou-"))
    with pytest.raises(WorkflowUpdateFailedError) as refused:
        await send()
    cause = refused.value.cause
    assert isinstance(cause, ApplicationError)
    assert cause.type == code and says in cause.message
    after = await status(mou)
    assert decided(after) == decided(before) and renders_went_on(before, after)
    assert kinds_recorded(sessions, mou.id.removeprefix("mou-")) == recorded_before


async def until_recorded(sessions: sessionmaker[Session], mou_id: str, kind: str) -> None:
    for _ in range(200):
        if kind in kinds_recorded(sessions, mou_id):
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"{kind} was never recorded for {mou_id}")


async def until_first_paper_ordered(mou: Mou, sessions: sessionmaker[Session], mou_id: str) -> None:
    """The start is in the store a moment before the workflow, told it is, orders the first draft's PDFs:
    until then a refusal's `after` could owe paper its `before` did not."""
    for _ in range(400):
        with sessions() as session:
            made = list_documents(session=session, mou_id=mou_id)
        if made or (await status(mou)).paperwork.owed:
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"{mou_id}: the first draft was never ordered")


async def test_refused_actions_change_nothing(
    time_env: WorkflowEnvironment, task_queue: str, sessions: sessionmaker[Session]
) -> None:
    async with running_worker(time_env.client, task_queue, sessions):
        mou = await start(time_env.client, task_queue, case.QIANHAI_MOU)
        content = case.QIANHAI_MOU.content
        await until_recorded(sessions, "hkte-qianhai-2025", "started")
        await until_first_paper_ordered(mou, sessions, "hkte-qianhai-2025")
        update = mou.execute_update

        # wrong party, wrong role
        await assert_refused(
            mou,
            sessions,
            lambda: update(MouWorkflow.submit, Submit(actor=officer(QIANHAI), version=1)),
            "forbidden",
            "owning party",
        )
        await assert_refused(
            mou,
            sessions,
            lambda: update(MouWorkflow.submit, Submit(actor=manager(), version=1)),
            "forbidden",
            "only an officer",
        )
        await assert_refused(mou, sessions, lambda: case.review_by(mou, NANSHA, 1), "forbidden", "not a party")
        # wrong stage
        await assert_refused(
            mou,
            sessions,
            lambda: case.review_by(mou, QIANHAI, 1),
            "wrong_stage",
            "cannot review while the MoU is drafting",
        )
        # stale version
        await update(MouWorkflow.revise, Revise(actor=officer(HKTE), base_version=1, content=content))
        await assert_refused(
            mou,
            sessions,
            lambda: update(MouWorkflow.revise, Revise(actor=officer(HKTE), base_version=1, content=content)),
            "stale_version",
            "current draft is version 2",
        )
        await assert_refused(
            mou,
            sessions,
            lambda: update(MouWorkflow.submit, Submit(actor=officer(HKTE), version=1)),
            "stale_version",
            "version 1 is stale",
        )
        await update(MouWorkflow.submit, Submit(actor=officer(HKTE), version=2))
        await assert_refused(mou, sessions, lambda: case.review_by(mou, QIANHAI, 1), "stale_version", "version 2 is")
        await case.review_by(mou, QIANHAI, 2)
        await assert_refused(mou, sessions, lambda: case.review_by(mou, QIANHAI, 2), "already_done", "already reviewed")
        await case.review_by(mou, HKTE, 2)
        # signing before the ceremony: none scheduled, then before its start
        sign = Sign(actor=officer(HKTE), version=2, signatory=case.SIGNATORIES["hkte"])
        await assert_refused(
            mou, sessions, lambda: update(MouWorkflow.sign, sign), "wrong_stage", "no signing ceremony is scheduled"
        )
        at = await time_env.get_current_time() + case.days(2)
        await update(MouWorkflow.schedule_ceremony, case.ceremony(at))
        await assert_refused(
            mou, sessions, lambda: update(MouWorkflow.sign, sign), "wrong_stage", "from the ceremony's start"
        )
        # double signature, signing a version nobody approved
        await case.wait_for_ceremony(time_env, mou)
        await update(MouWorkflow.sign, sign)
        await assert_refused(mou, sessions, lambda: update(MouWorkflow.sign, sign), "already_done", "already signed")
        stale_sign = Sign(actor=officer(QIANHAI), version=1, signatory=case.SIGNATORIES["qianhai"])
        await assert_refused(
            mou, sessions, lambda: update(MouWorkflow.sign, stale_sign), "stale_version", "was not approved"
        )
        await case.sign_all_remaining(mou, QIANHAI)
        # once every party signed, an MoU is terminated, not withdrawn (a partly signed one may be withdrawn)
        await assert_refused(
            mou,
            sessions,
            lambda: update(MouWorkflow.withdraw, Close(actor=officer(HKTE), reason="x")),
            "wrong_stage",
            "cannot withdraw while the MoU is in_force",
        )
        # unknown milestone, milestone of the other side
        unknown = ReportProgress(actor=officer(HKTE), milestone_id="job-expo", status=MilestoneStatus.DONE)
        await assert_refused(
            mou, sessions, lambda: update(MouWorkflow.report_progress, unknown), "not_found", "no milestone 'job-expo'"
        )
        theirs = unknown.model_copy(update={"milestone_id": "talent-services-report"})
        await assert_refused(
            mou, sessions, lambda: update(MouWorkflow.report_progress, theirs), "forbidden", "reported by its owner"
        )
        assert (await status(mou)).stage == "in_force"
