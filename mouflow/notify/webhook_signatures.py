"""The `Mouflow-Signature` header: HMAC-SHA256 over the timestamp and the body, as receivers check it.

    Mouflow-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>

The timestamp is signed with the body so a captured request cannot be replayed later than `tolerance`.
"""

import hashlib
import hmac
import time

DEFAULT_TOLERANCE = 300  # seconds; clocks of sender and receiver may differ a little


def signature_header(secret: str, body: bytes, timestamp: int) -> str:
    return f"t={timestamp},v1={_digest(secret, body, timestamp)}"


def verify_signature(
    secret: str, header: str, body: bytes, tolerance: int = DEFAULT_TOLERANCE, now: float | None = None
) -> bool:
    """True when `header` signs `body` with `secret` and was made within `tolerance` seconds of `now`."""
    fields = _fields(header)
    try:
        timestamp = int(fields.get("t", ""))
    except ValueError:
        return False
    if abs((time.time() if now is None else now) - timestamp) > tolerance:
        return False
    expected = _digest(secret, body, timestamp)
    return hmac.compare_digest(expected, fields.get("v1", ""))  # in constant time: no timing oracle


def _digest(secret: str, body: bytes, timestamp: int) -> str:
    return hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()


def _fields(header: str) -> dict[str, str]:
    pairs = (part.strip().partition("=") for part in header.split(","))
    return {key: value for key, _, value in pairs}
