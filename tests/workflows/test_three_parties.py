"""The three-party case on the time-skipping server: HKTE, Qianhai and Nansha in one instrument."""

import asyncio
import subprocess
from datetime import timedelta
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker
from temporalio.testing import WorkflowEnvironment

from mouflow.demo import HKTE, NANSHA, QIANHAI, SIGNATORIES, gba_mou, officer
from mouflow.documents.records import list_documents
from mouflow.documents.storage import DiskStorage
from mouflow.domain.actions import Sign, Submit
from mouflow.domain.calendar import local_date
from mouflow.domain.enums import EventKind, Stage
from mouflow.store.tables import DocumentRow, MouRow
from tests import symposium as case
from tests.conftest import running_worker
from tests.workflows.driver import Mou, kinds_recorded, start, status
from workflows.mou import MouWorkflow

GBA = gba_mou()
PARTIES = (HKTE, QIANHAI, NANSHA)


async def executed_document(sessions: sessionmaker[Session]) -> DocumentRow:
    """The executed MoU is rendered just after the last signature, off the signer's path."""
    for _ in range(400):
        with sessions() as session:
            rows = [row for row in list_documents(session=session, mou_id=GBA.mou_id) if row.kind == "executed"]
        if rows:
            return rows[0]
        await asyncio.sleep(0.05)
    raise AssertionError("the executed MoU was never rendered")


async def review_and_sign(env: WorkflowEnvironment, mou: Mou) -> None:
    await mou.execute_update(MouWorkflow.submit, Submit(actor=officer(HKTE), version=1, review_days=14))
    for party in PARTIES:
        await case.review_by(mou, party, 1)
    assert (await status(mou)).stage is Stage.READY_TO_SIGN
    starts = await env.get_current_time() + timedelta(days=3)
    await mou.execute_update(MouWorkflow.schedule_ceremony, case.ceremony(starts))
    await env.sleep(starts + timedelta(minutes=5) - await env.get_current_time())  # signatures count from the start
    for party in PARTIES:
        await mou.execute_update(
            MouWorkflow.sign, Sign(actor=officer(party), version=1, signatory=SIGNATORIES[party.id])
        )


async def test_three_parties_review_sign_and_bring_the_mou_into_force(
    time_env: WorkflowEnvironment, task_queue: str, sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    storage = DiskStorage(tmp_path / "documents")
    async with running_worker(time_env.client, task_queue, sessions, storage):
        mou = await start(time_env.client, task_queue, GBA)
        await review_and_sign(time_env, mou)
        state = await status(mou)
        assert state.party_ids == ["hkte", "qianhai", "nansha"]
        assert set(state.review_rounds[-1].reviews) == {"hkte", "qianhai", "nansha"}
        assert [s.party_id for s in state.signatures] == ["hkte", "qianhai", "nansha"]
        assert (state.stage, state.executed_version) == (Stage.IN_FORCE, 1)
        assert state.terms[0].effective_date == local_date(await time_env.get_current_time())
        assert {m.owner_party_id for m in state.milestones} == {"hkte", "qianhai", "nansha"}
        meeting = state.milestone("tripartite-meeting")  # due by offset_days alone
        assert meeting is not None and meeting.due_date == state.terms[0].effective_date + timedelta(days=20)
        row = await executed_document(sessions)

    assert kinds_recorded(sessions, GBA.mou_id).count(EventKind.SIGNED) == 3
    with sessions() as session:
        projected = session.get(MouRow, GBA.mou_id)
        assert projected is not None and projected.stage == "in_force"
        assert projected.party_ids == ["hkte", "qianhai", "nansha"]
    pdf = storage.read(row.sha256)
    text = "".join(subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True).stdout.decode().split())
    assert "三方已以英文及中文簽署" in text and "雙方" not in text
    for party in PARTIES:
        assert f"代表{party.name.zh}" in text
