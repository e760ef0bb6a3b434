"""Rendered documents: the list per MoU, one document with its stored PDF, and an executed copy's agreed text.

A document is hidden exactly as its MoU is, and answers "not found" with the same words as a missing one.
"""

import logging
from dataclasses import dataclass

from sqlalchemy.orm import Session

from api.access import sees_everything, visible_mou
from mouflow.documents.canonical import AGREED_TEXT_FILE
from mouflow.documents.embedded import NotAnExecutedCopy, read_agreed_text
from mouflow.documents.models import DocumentKind, DocumentRef
from mouflow.documents.records import get_document_by_id, latest_executed, list_documents, to_ref
from mouflow.documents.storage import DocumentStorage
from mouflow.errors import NotFoundError, UnavailableError
from mouflow.store.access_tables import UserRow
from mouflow.store.tables import DocumentRow

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class AgreedText:
    document_id: str  # the executed copy it was read out of
    data: bytes


def list_mou_documents(*, session: Session, user: UserRow, mou_id: str) -> list[DocumentRef]:
    visible_mou(session=session, user=user, mou_id=mou_id)
    rows = list_documents(session=session, mou_id=mou_id)
    return [to_ref(row) for row in rows if row.kind != DocumentKind.PROGRESS_REPORT]


def find_document(*, session: Session, user: UserRow, document_id: str) -> DocumentRow:
    row = get_document_by_id(session=session, document_id=document_id)
    if row is None or not _may_read(session, user, row):
        # the same words for a hidden document as for a missing one: not even its MoU's id leaks
        raise NotFoundError(f"there is no document {document_id!r}")
    return row


def document_filename(row: DocumentRow) -> str:
    return f"{row.mou_id}-{row.kind}{f'-v{row.version}' if row.version else ''}-{row.language}.pdf"


def read_document(*, storage: DocumentStorage, row: DocumentRow) -> bytes:
    try:
        return storage.read(row.sha256)
    except FileNotFoundError:
        log.error("document %s is recorded but its file %s is missing from storage", row.id, row.sha256)
        raise UnavailableError(
            "the document is recorded but its file is not in storage; an operator must restore it"
        ) from None


def read_mou_agreed_text(*, session: Session, user: UserRow, storage: DocumentStorage, mou_id: str) -> AgreedText:
    """The executed version's agreed text, byte for byte as embedded in the newest executed PDF: read back out
    of the stored PDF rather than rebuilt from the MoU, so these are the very bytes its certificate page
    fingerprints."""
    visible_mou(session=session, user=user, mou_id=mou_id)  # the same "not found" as the MoU's documents
    row = latest_executed(session=session, mou_id=mou_id)
    if row is None:
        raise NotFoundError(f"MoU {mou_id!r} has no executed copy yet, so no agreed text")
    return AgreedText(document_id=row.id, data=_embedded(storage, row))


def _embedded(storage: DocumentStorage, row: DocumentRow) -> bytes:
    try:
        return read_agreed_text(storage.read(row.sha256)).data
    except FileNotFoundError:
        log.error("document %s is recorded but its file %s is missing from storage", row.id, row.sha256)
        raise UnavailableError("the executed copy is recorded but its file is not in storage") from None
    except NotAnExecutedCopy as error:  # rendered before executed copies carried their agreed text
        raise NotFoundError(f"the executed copy {row.id} carries no {AGREED_TEXT_FILE}: {error}") from None


def _may_read(session: Session, user: UserRow, row: DocumentRow) -> bool:
    # a progress report spans many MoUs: it is filed under one of them but is for managers only
    if row.kind == DocumentKind.PROGRESS_REPORT and not sees_everything(session, user):
        return False
    try:
        visible_mou(session=session, user=user, mou_id=row.mou_id)  # a hidden MoU's documents are hidden too
    except NotFoundError:
        return False
    return True
