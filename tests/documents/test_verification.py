"""Checking an executed PDF against its fingerprint, the store's record and the audit log, on the real database."""

import hashlib
from datetime import UTC, datetime

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from activities.documents import DocumentActivities
from mouflow.documents.audit_entries import EXECUTED_COPY
from mouflow.documents.canonical import agreed_text_json
from mouflow.documents.embedded import NotAnExecutedCopy
from mouflow.documents.models import DocumentKind
from mouflow.documents.storage import DiskStorage
from mouflow.documents.verification import Verification, verify_executed_copy
from mouflow.store.audit_tables import AuditRow
from mouflow.store.audit_verify import verify_chain
from mouflow.store.tables import DocumentRow
from tests.documents.agreed_text_files import one_byte_changed, with_agreed_text
from tests.documents.builders import EXECUTED, request
from tests.documents.rendered import pdf


def issued(documents: DocumentActivities, storage: DiskStorage) -> bytes:
    """The executed copy as the worker renders and records it."""
    return storage.read(documents.render(request(DocumentKind.EXECUTED, EXECUTED)).sha256)


def verified(sessions: sessionmaker[Session], data: bytes) -> Verification:
    with sessions() as session:
        return verify_executed_copy(session=session, pdf=data)


def outcome(result: Verification) -> dict[str, bool]:
    return {check.name: check.ok for check in result.checks}


def test_a_genuine_copy_passes_every_check(
    documents: DocumentActivities, storage: DiskStorage, sessions: sessionmaker[Session]
) -> None:
    data = issued(documents, storage)
    result = verified(sessions, data)
    assert outcome(result) == {"fingerprint": True, "store": True, "audit": True} and result.ok
    assert result.fingerprint == hashlib.sha256(agreed_text_json(EXECUTED)).hexdigest()
    assert result.mou_id == EXECUTED.mou_id


def test_each_executed_copy_is_in_the_audit_log_once(
    documents: DocumentActivities, storage: DiskStorage, sessions: sessionmaker[Session]
) -> None:
    issued(documents, storage)
    issued(documents, storage)  # the same request again: the stored copy, no second entry
    documents.render(request(DocumentKind.DRAFT, EXECUTED))  # other documents leave no entry
    with sessions() as session:
        entries = session.scalars(select(AuditRow)).all()
        row = session.scalars(select(DocumentRow).where(DocumentRow.kind == "executed")).one()
        assert verify_chain(session=session).ok
    assert [(e.what, e.mou_id, e.actor_user_id) for e in entries] == [(EXECUTED_COPY, EXECUTED.mou_id, None)]
    assert row.id in entries[0].detail and row.sha256 in entries[0].detail


def test_one_byte_changed_in_the_attachment_fails(
    documents: DocumentActivities, storage: DiskStorage, sessions: sessionmaker[Session]
) -> None:
    data = issued(documents, storage)
    forged = one_byte_changed(agreed_text_json(EXECUTED), b'"term_months":36', b'"term_months":37')
    result = verified(sessions, with_agreed_text(data, forged))
    assert outcome(result) == {"fingerprint": False, "store": False, "audit": False}
    assert "but the PDF records" in result.checks[0].message


def test_a_forger_who_also_rewrites_the_recorded_fingerprint_is_caught_by_the_store(
    documents: DocumentActivities, storage: DiskStorage, sessions: sessionmaker[Session]
) -> None:
    data = issued(documents, storage)
    forged = one_byte_changed(agreed_text_json(EXECUTED), b'"term_months":36', b'"term_months":37')
    description = f"Agreed text of MoU {EXECUTED.mou_id}, version 1. SHA-256 {hashlib.sha256(forged).hexdigest()}."
    result = verified(sessions, with_agreed_text(data, forged, description))
    assert outcome(result) == {"fingerprint": True, "store": False, "audit": False}
    assert "mouflow did not issue this file" in result.checks[1].message


def test_one_byte_changed_anywhere_in_the_file_fails(
    documents: DocumentActivities, storage: DiskStorage, sessions: sessionmaker[Session]
) -> None:
    data = issued(documents, storage)
    changed = data[:10] + bytes([data[10] ^ 1]) + data[11:]  # in the binary comment: still a readable PDF
    assert outcome(verified(sessions, changed)) == {"fingerprint": True, "store": False, "audit": False}


def test_a_copy_rendered_outside_the_store_fails(
    documents: DocumentActivities, storage: DiskStorage, sessions: sessionmaker[Session]
) -> None:
    issued(documents, storage)
    assert outcome(verified(sessions, pdf("executed"))) == {"fingerprint": True, "store": False, "audit": False}


def test_a_store_record_the_audit_log_never_saw_fails(
    documents: DocumentActivities, storage: DiskStorage, sessions: sessionmaker[Session]
) -> None:
    issued(documents, storage)
    other = pdf("executed")  # the same agreed text, another file: its record slipped into the table by hand
    with sessions.begin() as session:
        original = session.scalars(select(DocumentRow)).one()
        session.add(
            DocumentRow(
                id="f" * 32, mou_id=original.mou_id, kind="executed", version=1, language=original.language,
                sha256=hashlib.sha256(other).hexdigest(), size=len(other), created_at=datetime.now(UTC),
                request_key="e" * 64,
            )
        )  # fmt: skip
    result = verified(sessions, other)
    assert outcome(result) == {"fingerprint": True, "store": True, "audit": False}
    assert "holds no entry" in result.checks[2].message


def test_an_altered_audit_entry_fails(
    documents: DocumentActivities, storage: DiskStorage, sessions: sessionmaker[Session]
) -> None:
    data = issued(documents, storage)
    with sessions.begin() as session:
        session.execute(update(AuditRow).values(at=datetime(2020, 1, 1)))  # the detail intact, the entry not
    result = verified(sessions, data)
    assert outcome(result) == {"fingerprint": True, "store": True, "audit": False}
    assert "was altered" in result.checks[2].message


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (lambda: pdf("draft"), "not an executed mouflow PDF: it has no attached agreed-text.json"),
        (lambda: b"%PDF-1.7\nnot really", "not a readable PDF"),
        (lambda: b"Dear partner, ...", "not a readable PDF"),
    ],
)
def test_a_file_that_is_not_an_executed_copy_is_refused(
    sessions: sessionmaker[Session], data: object, reason: str
) -> None:
    with pytest.raises(NotAnExecutedCopy, match=reason):
        verified(sessions, data())  # type: ignore[operator]
