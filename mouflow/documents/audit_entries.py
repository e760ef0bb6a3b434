"""The audit log's word on each executed copy: which PDF file it is, and which agreed text it fingerprints.

The renderer writes it in the transaction that records the document, so the workflow is unchanged and
its committed histories replay as they are. `actor` None: the system made the copy, nobody asked for it.
"""

from sqlalchemy import select
from sqlalchemy.orm import Session

from mouflow.documents.canonical import AGREED_TEXT_FILE
from mouflow.store.audit import append_action
from mouflow.store.audit_tables import AuditRow
from mouflow.store.tables import DocumentRow

EXECUTED_COPY = "executed_copy_recorded"


def executed_copy_detail(*, row: DocumentRow, fingerprint: str) -> str:
    return (
        f"executed copy {row.id} of version {row.version}: PDF SHA-256 {row.sha256}, "
        f"agreed text ({AGREED_TEXT_FILE}) SHA-256 {fingerprint}"
    )


def record_executed_copy(*, session: Session, row: DocumentRow, fingerprint: str) -> AuditRow:
    detail = executed_copy_detail(row=row, fingerprint=fingerprint)
    return append_action(
        session=session, actor=None, what=EXECUTED_COPY, detail=detail, request_id=None, mou_id=row.mou_id
    )


def find_executed_copy(*, session: Session, row: DocumentRow, fingerprint: str) -> AuditRow | None:
    """The entry naming exactly this file and this fingerprint; None when the log holds no such entry."""
    query = select(AuditRow).where(
        AuditRow.mou_id == row.mou_id,
        AuditRow.what == EXECUTED_COPY,
        AuditRow.detail == executed_copy_detail(row=row, fingerprint=fingerprint),
    )
    return session.scalars(query.order_by(AuditRow.id).limit(1)).one_or_none()
