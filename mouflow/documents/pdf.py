"""HTML to PDF with WeasyPrint, every resource through the locked-down fetcher."""

from weasyprint import HTML  # type: ignore[import-untyped]
from weasyprint.urls import URLFetcher  # type: ignore[import-untyped]

from mouflow.documents.environment import TEMPLATES_DIR
from mouflow.documents.fetcher import TemplatesOnlyFetcher

BASE_URL = TEMPLATES_DIR.as_uri() + "/"  # relative links in templates resolve under templates/
ARCHIVAL = "pdf/a-3b"


def write_pdf(html: str, *, archival: bool = False, fetcher: URLFetcher | None = None) -> bytes:
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher or TemplatesOnlyFetcher())
    pdf: bytes = document.write_pdf(pdf_variant=ARCHIVAL if archival else None)
    return pdf
