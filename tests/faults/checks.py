"""What must hold after any fault: each step made exactly one transition, stored once, with nothing missing.

The workflow's `status` says how many transitions there were (`seq`); each step's request id, which
the workflow stamps on its events, says which step made which. The store must agree on both.
"""

import asyncio
from collections import Counter
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from mouflow.documents.audit_entries import EXECUTED_COPY
from mouflow.documents.storage import DiskStorage
from mouflow.domain.state import MouState
from mouflow.store.audit_tables import AuditRow
from mouflow.store.audit_verify import verify_chain
from mouflow.store.tables import DocumentRow, MilestoneRow, MouRow, VersionRow
from tests.faults.case import MOU_ID

# the seed case's paper: a draft and a Simplified copy of each version, the programme, the executed MoU
ALL_DOCUMENTS = Counter({"draft": 2, "partner_copy": 2, "ceremony_programme": 1, "executed": 1})
DOCUMENTS_TIMEOUT = 90.0  # seconds for the owed renders to land after the last step


def check_transitions(sessions: sessionmaker[Session], state: MouState, request_ids: list[str]) -> None:
    """Seq 1..n made by steps 1..n in order, each once, and each event in the log once."""
    with sessions() as session:
        audit = session.execute(
            select(AuditRow.seq, AuditRow.position, AuditRow.what, AuditRow.request_id).where(
                AuditRow.mou_id == MOU_ID,
                AuditRow.seq.is_not(None),  # the events' entries, not the documents'
            )
        ).all()
    assert state.seq == len(request_ids), f"the workflow made {state.seq} transitions for {len(request_ids)} steps"
    by_seq = {seq: {request_id for s, _, _, request_id in audit if s == seq} for seq in range(1, state.seq + 1)}
    assert by_seq == {seq: {request_ids[seq - 1]} for seq in by_seq}, f"transitions by step: {by_seq}"
    assert not _duplicates([(seq, position) for seq, position, _, _ in audit]), "an audit entry was written twice"


def check_projection(sessions: sessionmaker[Session], state: MouState) -> None:
    """The MoU's row, its versions and its milestones as the workflow holds them: no row missing."""
    with sessions() as session:
        mou = session.get(MouRow, MOU_ID)
        assert mou is not None, "the MoU's projection row is missing"
        assert (mou.last_seq, mou.stage) == (state.seq, state.stage.value)
        versions = session.scalars(select(VersionRow.number).where(VersionRow.mou_id == MOU_ID)).all()
        assert sorted(versions) == [version.number for version in state.versions]
        milestones = session.execute(
            select(MilestoneRow.milestone_id, MilestoneRow.status).where(MilestoneRow.mou_id == MOU_ID)
        ).all()
        assert sorted(milestones) == sorted((m.id, m.status.value) for m in state.milestones)
        assert verify_chain(session=session).ok


async def check_documents(sessions: sessionmaker[Session], storage: DiskStorage) -> None:
    """Every owed document exactly once (waiting for the renders still running), each with its file."""
    deadline = asyncio.get_running_loop().time() + DOCUMENTS_TIMEOUT
    while Counter(row.kind for row in _documents(sessions)) != ALL_DOCUMENTS:
        assert asyncio.get_running_loop().time() < deadline, f"documents: {_documents(sessions)}"
        await asyncio.sleep(0.5)
    rows = _documents(sessions)
    assert not _duplicates([(row.kind, row.version, row.language) for row in rows]), f"a duplicate: {rows}"
    assert all(storage.exists(row.sha256) for row in rows), "a recorded document has no file"
    with sessions() as session:
        recorded = session.scalars(
            select(AuditRow.detail).where(AuditRow.mou_id == MOU_ID, AuditRow.what == EXECUTED_COPY)
        ).all()
    executed = next(row for row in rows if row.kind == "executed")
    assert len(recorded) == 1 and executed.id in recorded[0], f"the executed copy's audit entries: {recorded}"


def _documents(sessions: sessionmaker[Session]) -> list[DocumentRow]:
    with sessions() as session:
        return list(session.scalars(select(DocumentRow).where(DocumentRow.mou_id == MOU_ID)))


def _duplicates(keys: list[object]) -> list[object]:
    return [key for key, count in Counter(keys).items() if count > 1]


def storage_of(root: Path) -> DiskStorage:
    return DiskStorage(root / "documents")
