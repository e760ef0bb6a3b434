"""Files over HTTP, for the routes and the web pages alike: the ETag names the bytes, so a client that sends
it back in If-None-Match gets a 304 and no body."""

import hashlib

from fastapi import Response
from sqlalchemy.orm import Session

from api.services.calendars import CalendarFile
from api.services.documents import document_filename, find_document, read_document
from mouflow.documents.storage import DocumentStorage
from mouflow.store.access_tables import UserRow

ICS = "text/calendar; charset=utf-8"
IMMUTABLE = "private, max-age=31536000, immutable"  # a document's bytes never change: new ones get a new id


def calendar_response(text: bytes, if_none_match: str | None, headers: dict[str, str]) -> Response:
    """The same projection gives the same bytes, so their hash is an ETag a polling app can send back."""
    etag = f'"{hashlib.sha256(text).hexdigest()}"'
    headers = {**headers, "ETag": etag}
    if if_none_match == etag:
        return Response(status_code=304, headers=headers)
    return Response(text, media_type=ICS, headers=headers)


def ceremony_response(file: CalendarFile) -> Response:
    headers = {"Content-Disposition": f'attachment; filename="{file.filename}"', "Cache-Control": "private, no-cache"}
    return calendar_response(file.text, None, headers)


def document_response(
    *, session: Session, user: UserRow, storage: DocumentStorage, document_id: str, if_none_match: str | None
) -> Response:
    """The PDF, with the SHA-256 of its bytes as ETag, the same as in the document list; a 304 reads no file."""
    row = find_document(session=session, user=user, document_id=document_id)
    etag = f'"{row.sha256}"'
    headers = {"ETag": etag, "Cache-Control": IMMUTABLE}
    if if_none_match == etag:
        return Response(status_code=304, headers=headers)
    headers["Content-Disposition"] = f'attachment; filename="{document_filename(row)}"'
    return Response(read_document(storage=storage, row=row), media_type="application/pdf", headers=headers)
