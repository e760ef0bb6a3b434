"""Canonical JSON and hashes of it: the same data always gives the same bytes."""

import hashlib
import json
from typing import Any

from mouflow.domain.state import MouState

AGREED_TEXT_FILE = "agreed-text.json"  # the name the executed PDF embeds these bytes under

FINGERPRINT_SCOPE = (
    f"SHA-256 of the file {AGREED_TEXT_FILE} attached to this PDF: the executed version's text (title, scope, "
    "term, effective date, clauses, milestone plan) and the parties, as canonical JSON (UTF-8, keys sorted, "
    "no spaces). It identifies the agreed text, not this PDF file."
)


def canonical_json(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def agreed_text_json(mou: MouState) -> bytes:
    """The exact bytes the fingerprint hashes; the executed PDF carries them, so anyone can rehash them."""
    agreed = {
        "content": mou.executed_content.model_dump(mode="json"),
        "parties": [party.model_dump(mode="json") for party in mou.parties],
    }
    return canonical_json(agreed)


def agreed_text_fingerprint(mou: MouState) -> str:
    """What the certificate page prints: the SHA-256 of `agreed_text_json`."""
    return sha256_hex(agreed_text_json(mou))
