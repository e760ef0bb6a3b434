"""Canonical JSON and hashes of it: the same data always gives the same bytes."""

import hashlib
import json
from typing import Any

from mouflow.domain.state import MouState

FINGERPRINT_SCOPE = (
    "SHA-256 of the canonical JSON (UTF-8, keys sorted, no spaces) of the executed version's text "
    "(title, scope, term, effective date, clauses, milestone plan) and of the parties (ids and names in both "
    "languages). It identifies the agreed text, not this PDF file."
)


def canonical_json(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def agreed_text_fingerprint(mou: MouState) -> str:
    """What the certificate page prints; anyone holding the snapshot can recompute it."""
    agreed = {
        "content": mou.executed_content.model_dump(mode="json"),
        "parties": [party.model_dump(mode="json") for party in mou.parties],
    }
    return sha256_hex(canonical_json(agreed))
