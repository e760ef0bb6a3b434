"""The `documents` table: one row per rendered PDF, found again by its request key."""

import uuid
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from mouflow.documents.canonical import sha256_hex
from mouflow.documents.models import DocumentKind, DocumentRef, Language
from mouflow.documents.plan import Plan
from mouflow.store.tables import DocumentRow


def get_document(*, session: Session, request_key: str) -> DocumentRow | None:
    return session.scalars(select(DocumentRow).where(DocumentRow.request_key == request_key)).one_or_none()


def add_document(*, session: Session, mou_id: str, kind: DocumentKind, plan: Plan, pdf: bytes) -> DocumentRow:
    """Flushes at once, so a concurrent render of the same request fails here, before any file is written."""
    row = DocumentRow(
        id=uuid.uuid4().hex,
        mou_id=mou_id,
        kind=str(kind),
        version=plan.version,
        language=str(plan.language),
        sha256=sha256_hex(pdf),
        size=len(pdf),
        created_at=datetime.now(UTC),
        request_key=plan.request_key,
    )
    session.add(row)
    session.flush()
    return row


def to_ref(row: DocumentRow) -> DocumentRef:
    return DocumentRef(
        document_id=row.id,
        kind=DocumentKind(row.kind),
        version=row.version,
        language=Language(row.language),
        sha256=row.sha256,
        size=row.size,
        created_at=row.created_at,
    )


def list_documents(*, session: Session, mou_id: str) -> list[DocumentRow]:
    query = select(DocumentRow).where(DocumentRow.mou_id == mou_id).order_by(DocumentRow.created_at, DocumentRow.id)
    return list(session.scalars(query))


def get_document_by_id(*, session: Session, document_id: str) -> DocumentRow | None:
    return session.get(DocumentRow, document_id)


def find_document_by_sha256(*, session: Session, sha256: str) -> DocumentRow | None:
    """The record of a PDF file, found from its bytes' hash alone."""
    return session.scalars(select(DocumentRow).where(DocumentRow.sha256 == sha256).limit(1)).one_or_none()


def latest_executed(*, session: Session, mou_id: str) -> DocumentRow | None:
    """The newest executed copy: a re-executed MoU has one per execution, and the last is the one in force."""
    query = select(DocumentRow).where(DocumentRow.mou_id == mou_id, DocumentRow.kind == str(DocumentKind.EXECUTED))
    return session.scalars(query.order_by(DocumentRow.created_at.desc(), DocumentRow.id.desc()).limit(1)).one_or_none()
