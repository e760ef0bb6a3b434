"""The agreed text of an executed MoU over HTTP: the bytes its PDF embeds as agreed-text.json, with their
SHA-256 as ETag (api/services/documents.py `read_mou_agreed_text`)."""

from typing import Annotated

from fastapi import APIRouter, Header, Response

from api.deps import CurrentUser, SessionDep, StorageDep
from api.downloads import IMMUTABLE
from api.services.documents import read_mou_agreed_text
from mouflow.documents.canonical import AGREED_TEXT_FILE, sha256_hex

router = APIRouter(tags=["documents"])


@router.get(
    f"/mous/{{mou_id}}/{AGREED_TEXT_FILE}",
    response_class=Response,
    responses={200: {"content": {"application/json": {}}}, 304: {"description": "the ETag still matches"}},
)
def agreed_text(
    mou_id: str,
    user: CurrentUser,
    session: SessionDep,
    storage: StorageDep,
    if_none_match: Annotated[str | None, Header()] = None,
) -> Response:
    """The executed version's agreed text, byte for byte as embedded in the newest executed PDF."""
    found = read_mou_agreed_text(session=session, user=user, storage=storage, mou_id=mou_id)
    etag = f'"{sha256_hex(found.data)}"'
    headers = {"ETag": etag, "Cache-Control": IMMUTABLE, "X-Document-Id": found.document_id}
    if if_none_match == etag:
        return Response(status_code=304, headers=headers)
    headers["Content-Disposition"] = f'attachment; filename="{AGREED_TEXT_FILE}"'
    return Response(found.data, media_type="application/json", headers=headers)
