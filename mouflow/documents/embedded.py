"""Reading `agreed-text.json` back out of an executed PDF, with pypdf: for the API and the verify command."""

import io
import zlib
from dataclasses import dataclass

from pypdf import PdfReader
from pypdf.errors import PyPdfError
from pypdf.generic import EmbeddedFile as PdfFile

from mouflow.documents.agreed_text import recorded_fingerprint
from mouflow.documents.canonical import AGREED_TEXT_FILE
from mouflow.errors import DocumentError

# what a damaged or foreign file makes pypdf raise, besides its own errors
_UNREADABLE = (PyPdfError, ValueError, KeyError, TypeError, AttributeError, zlib.error)


class NotAnExecutedCopy(DocumentError):
    """The file is not a PDF, or carries no agreed text the way an executed mouflow PDF does."""


@dataclass(frozen=True)
class AgreedText:
    data: bytes
    recorded_fingerprint: str | None  # from the file's description: what the PDF says the hash is
    relationship: str  # /AFRelationship
    media_type: str | None


def read_agreed_text(pdf: bytes) -> AgreedText:
    files = [file for file in _attachments(pdf) if file.name == AGREED_TEXT_FILE]
    if len(files) != 1:
        found = "no" if not files else f"{len(files)} files named"
        raise NotAnExecutedCopy(f"not an executed mouflow PDF: it has {found} attached {AGREED_TEXT_FILE}")
    try:
        file = files[0]
        return AgreedText(
            data=file.content,
            recorded_fingerprint=recorded_fingerprint(file.description),
            relationship=str(file.associated_file_relationship),
            media_type=_media_type(file.subtype),
        )
    except _UNREADABLE as error:
        raise NotAnExecutedCopy(f"its attached {AGREED_TEXT_FILE} cannot be read: {error}") from error


def _attachments(pdf: bytes) -> list[PdfFile]:
    try:
        return list(PdfReader(io.BytesIO(pdf)).attachment_list)
    except _UNREADABLE as error:
        raise NotAnExecutedCopy(f"not a readable PDF: {error}") from error


def _media_type(subtype: str | None) -> str | None:
    # a PDF name: "/application#2Fjson" from some writers, already decoded to "/application/json" by pypdf
    return subtype.removeprefix("/").replace("#2F", "/").replace("#2f", "/") if subtype else None
