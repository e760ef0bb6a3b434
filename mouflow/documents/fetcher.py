"""The only way WeasyPrint may load anything: files under `templates/`, nothing else.

A document's text comes from users; if markup ever slipped through, this keeps it from reading
local files or reaching the network.
"""

import mimetypes
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

from weasyprint.urls import URLFetcher, URLFetcherResponse  # type: ignore[import-untyped]

from mouflow.documents.environment import TEMPLATES_DIR


class RefusedURL(ValueError):
    pass


class TemplatesOnlyFetcher(URLFetcher):  # type: ignore[misc]
    def __init__(self, root: Path = TEMPLATES_DIR) -> None:
        # a refused URL stops the render instead of leaving a silent hole in the document
        super().__init__(fail_on_errors=True)
        self.root = root.resolve(strict=True)

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        path = self.allowed_path(url)
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body=path.read_bytes(), headers={"Content-Type": content_type})

    def allowed_path(self, url: str) -> Path:
        parts = urlsplit(url)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            raise RefusedURL(f"only files under templates/ may be loaded, not {url[:200]!r}")
        # resolve() follows symlinks and `..`, so the check is on where the bytes really are
        path = Path(url2pathname(parts.path)).resolve()  # url2pathname decodes %-escapes once
        if not path.is_relative_to(self.root) or not path.is_file():
            raise RefusedURL(f"{url[:200]!r} is not a file under templates/")
        return path
