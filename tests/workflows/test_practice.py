"""Real practice on the time-skipping server: a partly signed MoU voided and reopened for a late change,
a signature in counterpart, and a termination by notice that takes effect when the notice ends."""

from datetime import timedelta

from sqlalchemy.orm import Session, sessionmaker
from temporalio.client import WorkflowUpdateFailedError
from temporalio.exceptions import ApplicationError
from temporalio.testing import WorkflowEnvironment

from mouflow.demo import HKTE, NANSHA, SIGNATORIES, officer
from mouflow.domain.actions import Reopen, Revise, Sign, Submit, Terminate, VoidSignatures
from mouflow.domain.calendar import add_months, local_date
from mouflow.domain.enums import EventKind, SigningMode, Stage, TerminationWay
from mouflow.domain.rules import CURRENT_RULES
from tests import symposium as case
from tests.conftest import running_worker
from tests.workflows.driver import Mou, eventually, kinds_recorded, start, status
from workflows.mou import MouWorkflow


async def approve(mou: Mou, version: int) -> None:
    await mou.execute_update(MouWorkflow.submit, Submit(actor=officer(HKTE), version=version, review_days=14))
    for party in (HKTE, NANSHA):
        await case.review_by(mou, party, version)


def sign(party, version: int, mode: SigningMode = SigningMode.AT_CEREMONY) -> Sign:
    return Sign(actor=officer(party), version=version, signatory=SIGNATORIES[party.id], mode=mode)


async def refused(mou: Mou, update, action) -> ApplicationError:
    try:
        await mou.execute_update(update, action)
    except WorkflowUpdateFailedError as failed:
        assert isinstance(failed.cause, ApplicationError)
        return failed.cause
    raise AssertionError(f"{update.__name__} was not refused")


async def test_void_reopen_counterpart_and_notice(
    time_env: WorkflowEnvironment, task_queue: str, sessions: sessionmaker[Session]
) -> None:
    async with running_worker(time_env.client, task_queue, sessions):
        mou = await start(time_env.client, task_queue, case.NANSHA_MOU)
        await approve(mou, 1)
        ceremony_at = await time_env.get_current_time() + timedelta(days=3)
        await mou.execute_update(MouWorkflow.schedule_ceremony, case.ceremony(ceremony_at))

        early = await refused(mou, MouWorkflow.sign, sign(HKTE, 1))
        assert early.type == "wrong_stage" and "ceremony's start" in early.message
        await mou.execute_update(MouWorkflow.sign, sign(NANSHA, 1, SigningMode.IN_COUNTERPART))

        # a late change: the owner voids the partial signature, reopens, and the new version goes round again
        await mou.execute_update(MouWorkflow.void_signatures, VoidSignatures(actor=officer(HKTE), reason="Clause 2"))
        await mou.execute_update(MouWorkflow.reopen, Reopen(actor=officer(HKTE), reason="Clause 2 changes"))
        content = case.NANSHA_MOU.content
        await mou.execute_update(MouWorkflow.revise, Revise(actor=officer(HKTE), base_version=1, content=content))
        await approve(mou, 2)

        await time_env.sleep(ceremony_at - await time_env.get_current_time() + timedelta(minutes=5))
        stale = await refused(mou, MouWorkflow.sign, sign(HKTE, 2))  # that ceremony was for version 1
        assert stale.type == "wrong_stage" and "scheduled for version 1" in stale.message
        ceremony_at = await time_env.get_current_time() + timedelta(days=1)
        await mou.execute_update(MouWorkflow.schedule_ceremony, case.ceremony(ceremony_at))
        await time_env.sleep(timedelta(days=1, minutes=5))
        await mou.execute_update(MouWorkflow.sign, sign(NANSHA, 2, SigningMode.IN_COUNTERPART))
        await mou.execute_update(MouWorkflow.sign, sign(HKTE, 2))
        state = await status(mou)
        assert state.stage is Stage.IN_FORCE and state.rules == CURRENT_RULES
        assert [(s.party_id, s.mode) for s in state.signatures] == [
            ("nansha", SigningMode.IN_COUNTERPART),
            ("hkte", SigningMode.AT_CEREMONY),
        ]
        assert state.voided_signatures[0].signatures[0].version == 1

        # Nansha gives notice: the MoU stays in force for the notice period, then ends by itself
        given = await time_env.get_current_time()
        await mou.execute_update(MouWorkflow.terminate, Terminate(actor=officer(NANSHA), reason="Zone restructured"))
        state = await status(mou)
        assert state.stage is Stage.IN_FORCE and state.termination_notice is not None
        ends_on = add_months(local_date(given), content.notice_months)
        assert state.termination_notice.ends_on == ends_on
        await time_env.sleep(timedelta(days=80))
        assert (await status(mou)).stage is Stage.IN_FORCE
        await time_env.sleep(timedelta(days=15))
        state = await eventually(mou, lambda s: s.stage is Stage.TERMINATED, "the notice ran out")
        assert state.closure is not None and state.closure.way is TerminationWay.NOTICE
        await mou.result()

    kinds = kinds_recorded(sessions, case.NANSHA_MOU.mou_id)
    for kind in (EventKind.SIGNATURES_VOIDED, EventKind.REOPENED, EventKind.TERMINATION_NOTICE, EventKind.TERMINATED):
        assert kinds.count(kind.value) == 1, kind


async def test_every_party_consenting_ends_it_at_once(
    time_env: WorkflowEnvironment, task_queue: str, sessions: sessionmaker[Session]
) -> None:
    async with running_worker(time_env.client, task_queue, sessions):
        mou = await start(time_env.client, task_queue, case.NANSHA_MOU)
        await approve(mou, 1)
        for party in (NANSHA, HKTE):
            await mou.execute_update(MouWorkflow.sign, sign(party, 1, SigningMode.IN_COUNTERPART))
        agreed = TerminationWay.AGREEMENT
        await mou.execute_update(MouWorkflow.terminate, Terminate(actor=officer(NANSHA), reason="Merged", by=agreed))
        assert (await status(mou)).stage is Stage.IN_FORCE
        again = await refused(mou, MouWorkflow.terminate, Terminate(actor=officer(NANSHA), reason="Merged", by=agreed))
        assert again.type == "already_done"
        await mou.execute_update(MouWorkflow.terminate, Terminate(actor=officer(HKTE), reason="Merged", by=agreed))
        state = await status(mou)
        assert state.stage is Stage.TERMINATED and state.closure is not None
        assert state.closure.way is TerminationWay.AGREEMENT
        await mou.result()
