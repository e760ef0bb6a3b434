"""Rendered documents: the list per MoU, each PDF with its SHA-256 as ETag, and asking again for one
that could not be made."""

import logging
from typing import Annotated

from fastapi import APIRouter, Header, Path, Request, Response, status
from sqlalchemy.orm import Session

from api.access import sees_everything, visible_mou
from api.deps import CurrentUser, SessionDep
from api.errors import NotFoundError, UnavailableError
from api.workflows import WriterDep
from mouflow.documents.models import DocumentKind, DocumentRef
from mouflow.documents.records import get_document_by_id, list_documents, to_ref
from mouflow.documents.storage import DocumentStorage
from mouflow.domain.paperwork import DocumentRequest, RequestDocument
from mouflow.domain.summaries import MouSummary
from mouflow.store.access_tables import UserRow
from mouflow.store.tables import DocumentRow
from workflows.mou import MouWorkflow

router = APIRouter(tags=["documents"])
log = logging.getLogger(__name__)


@router.get("/mous/{mou_id}/documents")
def documents_of(mou_id: str, user: CurrentUser, session: SessionDep) -> list[DocumentRef]:
    visible_mou(session=session, user=user, mou_id=mou_id)
    rows = list_documents(session=session, mou_id=mou_id)
    return [to_ref(row) for row in rows if row.kind != DocumentKind.PROGRESS_REPORT]


@router.post("/mous/{mou_id}/documents/requests", status_code=status.HTTP_202_ACCEPTED)
async def request_document(mou_id: str, body: DocumentRequest, writer: WriterDep) -> MouSummary:
    """Make again a document listed in the MoU's `missing_documents` (its render failed for good): an
    officer of the owning party or an admin. 202: the request is recorded; the PDF follows shortly, and
    the document leaves the list once it exists. 409 when it is not missing, or already asked for."""
    return await writer.act(mou_id, MouWorkflow.request_document, RequestDocument, body)


@router.get("/documents/{document_id}", response_class=Response, responses={200: {"content": {"application/pdf": {}}}})
def download(
    request: Request,
    document_id: Annotated[str, Path(pattern=r"^[0-9a-f]{32}$")],
    user: CurrentUser,
    session: SessionDep,
    if_none_match: Annotated[str | None, Header()] = None,
) -> Response:
    """The PDF. Its ETag is the SHA-256 of its bytes, the same as in the document list."""
    return serve_document(request, session, user, document_id, if_none_match)


def serve_document(
    request: Request, session: Session, user: UserRow, document_id: str, if_none_match: str | None
) -> Response:
    """The download for the API and the web pages alike: the same access rules, the same headers."""
    row = get_document_by_id(session=session, document_id=document_id)
    if row is None or not _may_read(session, user, row):
        # the same words for a hidden document as for a missing one: not even its MoU's id leaks
        raise NotFoundError(f"there is no document {document_id!r}")
    etag = f'"{row.sha256}"'
    headers = {"ETag": etag, "Cache-Control": "private, max-age=31536000, immutable"}
    if if_none_match == etag:
        return Response(status_code=304, headers=headers)
    storage: DocumentStorage = request.app.state.storage
    name = f"{row.mou_id}-{row.kind}{f'-v{row.version}' if row.version else ''}-{row.language}.pdf"
    headers["Content-Disposition"] = f'attachment; filename="{name}"'
    try:
        pdf = storage.read(row.sha256)
    except FileNotFoundError:
        log.error("document %s is recorded but its file %s is missing from storage", row.id, row.sha256)
        raise UnavailableError(
            "the document is recorded but its file is not in storage; an operator must restore it"
        ) from None
    return Response(pdf, media_type="application/pdf", headers=headers)


def _may_read(session: Session, user: UserRow, row: DocumentRow) -> bool:
    # a progress report spans many MoUs: it is filed under one of them but is for managers only
    if row.kind == DocumentKind.PROGRESS_REPORT and not sees_everything(session, user):
        return False
    try:
        visible_mou(session=session, user=user, mou_id=row.mou_id)  # a hidden MoU's documents are hidden too
    except NotFoundError:
        return False
    return True
