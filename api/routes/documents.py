"""Rendered documents over HTTP (api/services/documents.py): the list per MoU, each PDF with its SHA-256 as
ETag, and asking again for one that could not be made."""

from typing import Annotated

from fastapi import APIRouter, Header, Path, Response, status

from api.deps import CurrentUser, SessionDep, StorageDep
from api.downloads import document_response
from api.services.documents import list_mou_documents
from api.workflows import WriterDep
from mouflow.documents.models import DocumentRef
from mouflow.domain.paperwork import DocumentRequest, RequestDocument
from mouflow.domain.summaries import MouSummary
from workflows.mou import MouWorkflow

router = APIRouter(tags=["documents"])


@router.get("/mous/{mou_id}/documents")
def documents_of(mou_id: str, user: CurrentUser, session: SessionDep) -> list[DocumentRef]:
    return list_mou_documents(session=session, user=user, mou_id=mou_id)


@router.post("/mous/{mou_id}/documents/requests", status_code=status.HTTP_202_ACCEPTED)
async def request_document(mou_id: str, body: DocumentRequest, writer: WriterDep) -> MouSummary:
    """Make again a document listed in the MoU's `missing_documents` (its render failed for good): an
    officer of the owning party or an admin. 202: the request is recorded; the PDF follows shortly, and
    the document leaves the list once it exists. 409 when it is not missing, or already asked for."""
    return await writer.act(mou_id, MouWorkflow.request_document, RequestDocument, body)


@router.get("/documents/{document_id}", response_class=Response, responses={200: {"content": {"application/pdf": {}}}})
def download(
    document_id: Annotated[str, Path(pattern=r"^[0-9a-f]{32}$")],
    user: CurrentUser,
    session: SessionDep,
    storage: StorageDep,
    if_none_match: Annotated[str | None, Header()] = None,
) -> Response:
    """The PDF. Its ETag is the SHA-256 of its bytes, the same as in the document list."""
    return document_response(
        session=session, user=user, storage=storage, document_id=document_id, if_none_match=if_none_match
    )
