"""The same HTML makes the same PDF: the in-process workers and the API reuse a PDF this process has made.

Most integration tests start the symposium MoU and submit it, and each time the worker renders the very
same draft; WeasyPrint is the suite's largest CPU cost. `DocumentRenderer` still plans, stores, records
and audits every document as it does in production; only `write_pdf` answers from the cache when the HTML,
the archival flag and every embedded file are byte for byte those of a PDF made before, with the default
fetcher. Such a PDF differs from a fresh one only in its own creation dates. tests/documents call
`write_pdf` themselves and never meet the cache; the fault tests' workers are processes of their own.

The pytest processes of one run (pytest-xdist) share what they made through a folder: each PDF is one file
named by its key, written whole and then renamed into place, so a process reads a finished file or none.
"""

import hashlib
import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from mouflow.documents.attachments import EmbeddedFile

ENTRIES = 200  # PDFs of a few hundred kB each


class PdfCache:
    def __init__(self, write_pdf: Callable[..., bytes], shared: Path, entries: int = ENTRIES) -> None:
        self._write_pdf = write_pdf
        self._shared = shared
        self._entries = entries
        self._pdfs: OrderedDict[str, bytes] = OrderedDict()
        self._lock = threading.Lock()  # renders run on the worker's threads
        self.made = self.reused = 0

    def __call__(
        self, html: str, *, archival: bool = False, fetcher: Any = None, files: Sequence[EmbeddedFile] = ()
    ) -> bytes:
        if fetcher is not None:  # a test watching what is fetched must see it fetched
            return self._write_pdf(html, archival=archival, fetcher=fetcher, files=files)
        key = _key(html, archival, files)
        with self._lock:
            pdf = self._pdfs.get(key)
            if pdf is not None:
                self._pdfs.move_to_end(key)
                self.reused += 1
                return pdf
        pdf = self._made_elsewhere(key) or self._write_pdf(html, archival=archival, files=files)
        self._share(key, pdf)
        with self._lock:
            self._pdfs[key] = pdf
            self.made += 1
            while len(self._pdfs) > self._entries:
                self._pdfs.popitem(last=False)
        return pdf

    def _made_elsewhere(self, key: str) -> bytes | None:
        path = self._shared / f"{key}.pdf"
        return path.read_bytes() if path.exists() else None

    def _share(self, key: str, pdf: bytes) -> None:
        path = self._shared / f"{key}.pdf"
        if path.exists():
            return
        partial = path.with_suffix(f".{os.getpid()}.{threading.get_ident()}.part")
        partial.write_bytes(pdf)
        partial.replace(path)


def _key(html: str, archival: bool, files: Sequence[EmbeddedFile]) -> str:
    digest = hashlib.sha256(html.encode())
    digest.update(b"archival" if archival else b"plain")
    for file in files:
        for part in (file.name, file.description or "", str(file.relationship)):
            digest.update(b"\0" + part.encode())
        digest.update(b"\0" + hashlib.sha256(file.data).digest())
    return digest.hexdigest()
