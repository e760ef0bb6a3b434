"""The agreed text of an executed MoU: the bytes its PDF embeds as agreed-text.json, with their SHA-256 as ETag.

Read back out of the stored executed PDF rather than rebuilt from the MoU, so these are the very bytes
its certificate page fingerprints.
"""

import logging
from typing import Annotated

from fastapi import APIRouter, Header, Request, Response

from api.access import visible_mou
from api.deps import CurrentUser, SessionDep
from api.errors import NotFoundError, UnavailableError
from mouflow.documents.canonical import AGREED_TEXT_FILE, sha256_hex
from mouflow.documents.embedded import NotAnExecutedCopy, read_agreed_text
from mouflow.documents.records import latest_executed
from mouflow.documents.storage import DocumentStorage
from mouflow.store.tables import DocumentRow

router = APIRouter(tags=["documents"])
log = logging.getLogger(__name__)


@router.get(
    f"/mous/{{mou_id}}/{AGREED_TEXT_FILE}",
    response_class=Response,
    responses={200: {"content": {"application/json": {}}}, 304: {"description": "the ETag still matches"}},
)
def agreed_text(
    request: Request,
    mou_id: str,
    user: CurrentUser,
    session: SessionDep,
    if_none_match: Annotated[str | None, Header()] = None,
) -> Response:
    """The executed version's agreed text, byte for byte as embedded in the newest executed PDF."""
    visible_mou(session=session, user=user, mou_id=mou_id)  # the same 404 as the MoU's documents
    row = latest_executed(session=session, mou_id=mou_id)
    if row is None:
        raise NotFoundError(f"MoU {mou_id!r} has no executed copy yet, so no agreed text")
    data = _embedded(request.app.state.storage, row)
    etag = f'"{sha256_hex(data)}"'
    headers = {"ETag": etag, "Cache-Control": "private, max-age=31536000, immutable", "X-Document-Id": row.id}
    if if_none_match == etag:
        return Response(status_code=304, headers=headers)
    headers["Content-Disposition"] = f'attachment; filename="{AGREED_TEXT_FILE}"'
    return Response(data, media_type="application/json", headers=headers)


def _embedded(storage: DocumentStorage, row: DocumentRow) -> bytes:
    try:
        return read_agreed_text(storage.read(row.sha256)).data
    except FileNotFoundError:
        log.error("document %s is recorded but its file %s is missing from storage", row.id, row.sha256)
        raise UnavailableError("the executed copy is recorded but its file is not in storage") from None
    except NotAnExecutedCopy as error:  # rendered before executed copies carried their agreed text
        raise NotFoundError(f"the executed copy {row.id} carries no {AGREED_TEXT_FILE}: {error}") from None
