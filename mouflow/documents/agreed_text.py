"""`agreed-text.json` as the executed PDF carries it: the bytes the fingerprint hashes, and that hash.

The fingerprint goes in the file's description too, so a checker reads it from the PDF's structure
instead of scraping the certificate page's text.
"""

import re

from mouflow.documents.attachments import EmbeddedFile
from mouflow.documents.canonical import AGREED_TEXT_FILE, agreed_text_fingerprint, agreed_text_json
from mouflow.domain.state import MouState

MEDIA_TYPE = "application/json"
RELATIONSHIP = "Source"  # the data the agreed text on the pages is rendered from (ISO 32000-2, 14.13.2)
_RECORDED = re.compile(r"SHA-256 ([0-9a-f]{64})\.$")


def agreed_text_file(mou: MouState) -> EmbeddedFile:
    fingerprint = agreed_text_fingerprint(mou)
    description = f"Agreed text of MoU {mou.mou_id}, version {mou.executed_version}. SHA-256 {fingerprint}."
    return EmbeddedFile(AGREED_TEXT_FILE, agreed_text_json(mou), RELATIONSHIP, description)


def recorded_fingerprint(description: str | None) -> str | None:
    """The fingerprint an embedded file's description records; None when it records none."""
    found = _RECORDED.search(description or "")
    return found.group(1) if found else None
