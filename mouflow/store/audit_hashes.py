"""Every keyed hash the audit log holds, computed in one place: an entry's, a head's, an anchored chain's and
the anchor's. Each is HMAC-SHA256 of canonical JSON under the session's audit key, with a label of its own,
so that no hash of one kind can pass for one of another."""

import hashlib
import hmac
import json
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.orm import Session

AUDIT_KEY = "audit_key"  # where a session keeps the key: its `info`, set by mouflow.store.db.session_factory

# the fields an entry's hash covers, named once: a column added later is left out until chosen on purpose,
# so the hashes of older entries stay valid
HASHED_FIELDS = (
    "chain", "chain_seq", "at", "mou_id", "workflow_id", "seq", "position", "what",
    "actor_user_id", "actor_name", "actor_party_id", "actor_role",
    "version", "milestone_id", "party_id", "request_id", "detail", "words", "prev_hash",
)  # fmt: skip


class NoAuditKey(RuntimeError):
    """A session made without the audit key: it can neither write nor check the log."""


def session_key(session: Session) -> bytes:
    key = session.info.get(AUDIT_KEY)
    if not isinstance(key, bytes) or not key:
        raise NoAuditKey("this session has no audit key: make its factory with session_factory(engine, audit_key=…)")
    return key


def entry_hash(key: bytes, fields: Mapping[Any, Any]) -> str:
    """`prev_hash` among the fields links the entry to the one before it in its chain."""
    return _mac(key, "entry", {name: _canonical(fields[name]) for name in HASHED_FIELDS})


def head_mac(key: bytes, *, chain: str, seq: int, hash: str, began_at: datetime) -> str:
    return _mac(key, "head", {"chain": chain, "seq": seq, "hash": hash, "began_at": _canonical(began_at)})


def anchored_mac(key: bytes, *, chain: str, number: int, previous_chain: str | None, seq: int, hash: str) -> str:
    fields = {"chain": chain, "number": number, "previous_chain": previous_chain, "seq": seq, "hash": hash}
    return _mac(key, "anchored", fields)


def anchor_mac(key: bytes, *, number: int, at: datetime, chains: int, last_chain: str | None) -> str:
    fields = {"number": number, "at": _canonical(at), "chains": chains, "last_chain": last_chain}
    return _mac(key, "anchor", fields)


def utc(moment: datetime) -> datetime:
    # SQLite hands back naive datetimes; everything we store is UTC, so naive means UTC
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _mac(key: bytes, label: str, fields: Mapping[str, object]) -> str:
    text = json.dumps({"kind": label, **fields}, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hmac.new(key, text.encode(), hashlib.sha256).hexdigest()


def _canonical(value: object) -> object:
    return utc(value).isoformat() if isinstance(value, datetime) else value
