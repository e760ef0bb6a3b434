"""HTML to PDF with WeasyPrint, every resource through the locked-down fetcher.

For pdf/a-3b WeasyPrint 70 makes each embedded file an associated file itself: it sets the file's
/AFRelationship and lists it in the catalog's /AF. It lists each one there twice, though (once from the
/EmbeddedFiles name tree, once from the /Filespec objects), so `_one_association_each` finishes the job.
"""

import io
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import pydyf  # type: ignore[import-untyped]
from weasyprint import HTML, Attachment  # type: ignore[import-untyped]
from weasyprint.urls import URLFetcher  # type: ignore[import-untyped]

from mouflow.documents.attachments import EmbeddedFile
from mouflow.documents.environment import TEMPLATES_DIR
from mouflow.documents.fetcher import TemplatesOnlyFetcher

BASE_URL = TEMPLATES_DIR.as_uri() + "/"  # relative links in templates resolve under templates/
ARCHIVAL = "pdf/a-3b"


def write_pdf(
    html: str, *, archival: bool = False, fetcher: URLFetcher | None = None, files: Sequence[EmbeddedFile] = ()
) -> bytes:
    """`files` are embedded; in an `archival` PDF (PDF/A-3b) each becomes an associated file of the document."""
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher or TemplatesOnlyFetcher())
    attachments = [_attachment(file, datetime.now(UTC)) for file in files]
    pdf: bytes = document.write_pdf(
        pdf_variant=ARCHIVAL if archival else None, attachments=attachments, finisher=_one_association_each
    )
    return pdf


def _attachment(file: EmbeddedFile, at: datetime) -> Attachment:
    """From bytes, never a URL: nothing is fetched, so the locked-down fetcher has nothing to allow."""
    return Attachment(
        file_obj=io.BytesIO(file.data),
        name=file.name,
        description=file.description,
        relationship=file.relationship,
        created=at,  # WeasyPrint writes these dates with a Z, so they must be UTC
        modified=at,
    )


def _one_association_each(_document: Any, pdf: pydyf.PDF) -> None:
    """Runs after WeasyPrint's PDF/A step, before the file is written: each file once in /AF, in order."""
    if "AF" in pdf.catalog:
        pdf.catalog["AF"] = pydyf.Array(dict.fromkeys(pdf.catalog["AF"]))
