"""PDFs stored by the SHA-256 of their bytes: `ab/abcdef….pdf` under the data folder.

`DocumentStorage` is what the activity needs, so an object store can take the disk's place later.
"""

import hashlib
import os
import re
import tempfile
from pathlib import Path
from typing import BinaryIO, Protocol

from mouflow.config import Settings

_SHA256 = re.compile(r"^[0-9a-f]{64}$")


class DocumentStorage(Protocol):
    def put(self, data: bytes) -> str: ...

    def open(self, sha256: str) -> BinaryIO: ...

    def read(self, sha256: str) -> bytes: ...

    def exists(self, sha256: str) -> bool: ...


class DiskStorage:
    def __init__(self, root: Path) -> None:
        self.root = root

    @classmethod
    def from_settings(cls, settings: Settings) -> "DiskStorage":
        return cls(settings.data_dir / "documents")

    def put(self, data: bytes) -> str:
        sha256 = hashlib.sha256(data).hexdigest()
        if not self.exists(sha256):
            self._write_atomically(self.path(sha256), data)
        return sha256

    def open(self, sha256: str) -> BinaryIO:
        return self.path(sha256).open("rb")

    def read(self, sha256: str) -> bytes:
        return self.path(sha256).read_bytes()

    def exists(self, sha256: str) -> bool:
        return self.path(sha256).is_file()

    def path(self, sha256: str) -> Path:
        if not _SHA256.match(sha256):  # the key becomes a path: nothing but hex may reach it
            raise ValueError(f"not a SHA-256 hex digest: {sha256[:80]!r}")
        return self.root / sha256[:2] / f"{sha256}.pdf"

    @staticmethod
    def _write_atomically(path: Path, data: bytes) -> None:
        # readers see the whole file or none: a crash mid-write leaves only a stray temp file
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".tmp-", delete=False) as temp:
            temp.write(data)
            temp.flush()
            os.fsync(temp.fileno())
        os.replace(temp.name, path)
