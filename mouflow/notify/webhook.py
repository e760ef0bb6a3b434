"""What a webhook request carries, and what a receiver's answer means for retrying: no I/O here."""

import json

from mouflow.notify.events import NotificationPayload
from mouflow.notify.webhook_signatures import signature_header

RETRYABLE_CLIENT_ERRORS = frozenset({408, 429})  # the receiver asks us to come back later


def webhook_body(delivery_id: str, payload: NotificationPayload) -> bytes:
    """The same bytes on every attempt of a delivery: canonical JSON of the stored payload."""
    document = {"delivery_id": delivery_id, **payload.model_dump(mode="json")}
    return json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def webhook_headers(
    *, delivery_id: str, payload: NotificationPayload, body: bytes, secret: str, now: int
) -> dict[str, str]:
    return {
        "Content-Type": "application/json",
        "User-Agent": "mouflow-webhooks/1",
        "Mouflow-Event": payload.type.value,
        "Mouflow-Delivery": delivery_id,  # the same on every attempt: receivers dedupe on it
        "Mouflow-Signature": signature_header(secret, body, now),
    }


def is_success(status_code: int) -> bool:
    return 200 <= status_code < 300


def is_retryable(status_code: int) -> bool:
    """5xx and 408/429 may pass; any other refusal (a 410 Gone, a 400) will be the same next time.
    Redirects are not followed, so the receiver cannot send our signed request elsewhere: also final."""
    return status_code >= 500 or status_code in RETRYABLE_CLIENT_ERRORS
