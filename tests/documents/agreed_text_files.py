"""Reading and tampering with an executed PDF's agreed-text.json the way an outsider would, for the tests."""

import io
import re
import subprocess
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.generic import DictionaryObject, TextStringObject


def printed_fingerprint(pdf: bytes, folder: Path) -> str:
    """The fingerprint on the certificate page, as poppler's pdftotext reads it."""
    path = folder / "printed.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    found = re.search(r"SHA-256指紋：([0-9a-f]{64})", re.sub(r"\s+", "", text))
    assert found, "no fingerprint on the certificate page"
    return found.group(1)


def detached(pdf: bytes, folder: Path) -> bytes:
    """agreed-text.json as poppler's pdfdetach saves it: a second reader besides pypdf."""
    path, saved = folder / "detach.pdf", folder / "agreed-text.json"
    path.write_bytes(pdf)
    subprocess.run(["pdfdetach", "-savefile", "agreed-text.json", "-o", str(saved), str(path)], check=True)
    return saved.read_bytes()


def filespecs(pdf: bytes) -> tuple[DictionaryObject, list[DictionaryObject]]:
    """The catalog, and the file specifications its /AF lists."""
    catalog = PdfReader(io.BytesIO(pdf)).trailer["/Root"]
    return catalog, [entry.get_object() for entry in catalog.get("/AF", [])]


def with_agreed_text(pdf: bytes, data: bytes, description: str | None = None) -> bytes:
    """The same PDF with other bytes in agreed-text.json (and, if given, another description)."""
    writer = PdfWriter(clone_from=io.BytesIO(pdf))
    for file in writer.attachment_list:
        file.content = data
        if description is not None:
            file.description = TextStringObject(description)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def one_byte_changed(data: bytes, old: bytes, new: bytes) -> bytes:
    assert len(old) == len(new) and data.count(old) == 1
    assert sum(a != b for a, b in zip(old, new, strict=True)) == 1
    return data.replace(old, new)
