"""Canonical JSON and hashes of it: the same data always gives the same bytes."""

import hashlib
import json
from typing import Any

from mouflow.domain.content import DraftContent
from mouflow.domain.state import MouState

AGREED_TEXT_FILE = "agreed-text.json"  # the name the executed PDF embeds these bytes under

FINGERPRINT_SCOPE = (
    f"SHA-256 of the file {AGREED_TEXT_FILE} attached to this PDF: the executed version's text (title, scope, "
    "term, effective date, clauses, milestone plan, and the Simplified Chinese text where it is authentic) and "
    "the parties, as canonical JSON (UTF-8, keys sorted, "
    "no spaces). It identifies the agreed text, not this PDF file."
)


def canonical_json(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def agreed_text_json(mou: MouState) -> bytes:
    """The exact bytes the fingerprint hashes; the executed PDF carries them, so anyone can rehash them."""
    agreed = {
        "content": agreed_content(mou.executed_content),
        "parties": [party.model_dump(mode="json") for party in mou.parties],
    }
    return canonical_json(agreed)


def agreed_content(content: DraftContent) -> dict[str, Any]:
    """A text with no Simplified Chinese hashes as it did before there could be one: the key is left out,
    not null, so every fingerprint printed before keeps verifying."""
    dumped = content.model_dump(mode="json")
    if dumped.get("simplified") is None:
        dumped.pop("simplified", None)
    return dumped


def agreed_text_fingerprint(mou: MouState) -> str:
    """What the certificate page prints: the SHA-256 of `agreed_text_json`."""
    return sha256_hex(agreed_text_json(mou))
