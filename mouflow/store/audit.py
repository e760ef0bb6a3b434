"""Appending to the audit log, reading it page by page, and checking that nobody altered it.

Nothing here updates or deletes an entry, and nothing should: corrections are new entries.
"""

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel
from sqlalchemy import Result, Row, select, update
from sqlalchemy.orm import Session

from mouflow.domain.actions import Actor
from mouflow.domain.state import Event
from mouflow.store.audit_tables import GENESIS_HASH, AuditHead, AuditRow

# the fields an entry's hash covers, named once: a column added later is left out until chosen on purpose,
# so the hashes of older entries stay valid
HASHED_FIELDS = (
    "at", "mou_id", "workflow_id", "seq", "position", "what",
    "actor_user_id", "actor_name", "actor_party_id", "actor_role",
    "version", "milestone_id", "party_id", "request_id", "detail", "prev_hash",
)  # fmt: skip
VERIFY_BATCH = 1_000


class ChainVerification(BaseModel):
    ok: bool
    checked: int  # entries found intact before the first bad one (all of them when ok)
    first_bad_id: int | None = None
    reason: str


def append_events(*, session: Session, workflow_id: str, mou_id: str, seq: int, events: Sequence[Event]) -> int:
    """Returns how many entries were appended: none when this (MoU, seq) is in the log already."""
    head = _lock_head(session)
    if _already_appended(session=session, mou_id=mou_id, seq=seq):
        return 0
    rows = [_event_entry(workflow_id, mou_id, seq, position, event) for position, event in enumerate(events)]
    return _chain(session=session, head=head, rows=rows)


def append_action(
    *, session: Session, actor: Actor | None, what: str, detail: str, request_id: str | None, mou_id: str | None = None
) -> AuditRow:
    """An action taken outside any workflow, such as registering a party or a user; `actor` None: the system."""
    head = _lock_head(session)
    row = AuditRow(at=datetime.now(UTC), mou_id=mou_id, what=what, detail=detail, request_id=request_id)
    _set_actor(row, actor)
    _chain(session=session, head=head, rows=[row])
    return row


def list_entries(*, session: Session, mou_id: str | None = None, after_id: int = 0, limit: int = 100) -> list[AuditRow]:
    """Oldest first; pass the last id of one page as `after_id` to get the next."""
    query = select(AuditRow).where(AuditRow.id > after_id).order_by(AuditRow.id).limit(limit)
    if mou_id is not None:
        query = query.where(AuditRow.mou_id == mou_id)
    return list(session.scalars(query))


def request_was_recorded(*, session: Session, mou_id: str, user_id: str, request_id: str) -> bool:
    query = select(AuditRow.id).where(
        AuditRow.mou_id == mou_id, AuditRow.request_id == request_id, AuditRow.actor_user_id == user_id
    )
    return session.scalar(query.limit(1)) is not None


def verify_chain(*, session: Session) -> ChainVerification:
    """Recomputes every hash, oldest first, and names the first entry that was altered or follows a gap."""
    head = session.get(AuditHead, 1)  # read before the entries: rows appended meanwhile lie beyond it
    with _entries_in_order(session) as entries:  # closes the server-side cursor when we stop early
        return _walk(entries, head=head)


def _walk(entries: Iterable[Row[Any]], *, head: AuditHead | None) -> ChainVerification:
    head_id, head_hash = (head.last_id, head.last_hash) if head else (0, GENESIS_HASH)
    previous, checked, last_id = GENESIS_HASH, 0, 0
    for entry in entries:
        if fault := _fault(entry, previous=previous, head_id=head_id, head_hash=head_hash):
            return ChainVerification(ok=False, checked=checked, first_bad_id=entry.id, reason=fault)
        previous, checked, last_id = entry.hash, checked + 1, entry.id
    if fault := _missing_tail(head=head, last_id=last_id):
        return ChainVerification(ok=False, checked=checked, first_bad_id=last_id + 1, reason=fault)
    return ChainVerification(ok=True, checked=checked, reason=f"all {checked} entries are intact")


def check_entry(*, session: Session, entry: AuditRow) -> str:
    """Why one entry cannot be trusted, or "": its hash, and its links to the entries on either side.

    Cheaper than `verify_chain` and enough to show that this entry is the one the chain holds."""
    if entry_hash({name: getattr(entry, name) for name in HASHED_FIELDS}) != entry.hash:
        return "its content does not match its hash: the entry was altered"
    before = session.get(AuditRow, entry.id - 1)
    if entry.prev_hash != (before.hash if before else GENESIS_HASH):
        return "its prev_hash does not match the entry before it"
    after = session.get(AuditRow, entry.id + 1)
    head = session.get(AuditHead, 1)
    if after is not None and after.prev_hash != entry.hash:
        return "the entry after it does not link to it"
    if after is None and (head is None or (head.last_id, head.last_hash) != (entry.id, entry.hash)):
        return "it is the newest entry but not the one audit_head recorded"
    return ""


def entry_hash(fields: Mapping[Any, Any]) -> str:
    """SHA-256 of the entry's hashed fields as canonical JSON; `prev_hash` among them links the chain."""
    canonical = {name: _canonical(fields[name]) for name in HASHED_FIELDS}
    text = json.dumps(canonical, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def _canonical(value: object) -> object:
    return _utc(value).isoformat() if isinstance(value, datetime) else value


def _utc(moment: datetime) -> datetime:
    # SQLite hands back naive datetimes; everything we store is UTC, so naive means UTC
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _lock_head(session: Session) -> AuditHead:
    if session.get_bind().dialect.name == "sqlite":
        # SQLite ignores FOR UPDATE; a write takes the database lock now, before we read the head
        session.execute(update(AuditHead).where(AuditHead.id == 1).values(last_id=AuditHead.last_id))
    head = session.get(AuditHead, 1, with_for_update=True, populate_existing=True)
    if head is None:  # a schema created without the seeding DDL
        head = AuditHead(id=1, last_id=0, last_hash=GENESIS_HASH)
        session.add(head)
    return head


def _already_appended(*, session: Session, mou_id: str, seq: int) -> bool:
    found = session.scalar(select(AuditRow.id).where(AuditRow.mou_id == mou_id, AuditRow.seq == seq).limit(1))
    return found is not None


def _chain(*, session: Session, head: AuditHead, rows: list[AuditRow]) -> int:
    for row in rows:
        row.id, row.prev_hash = head.last_id + 1, head.last_hash
        row.hash = entry_hash({name: getattr(row, name) for name in HASHED_FIELDS})
        head.last_id, head.last_hash = row.id, row.hash
    session.add_all(rows)
    session.flush()
    return len(rows)


def _event_entry(workflow_id: str, mou_id: str, seq: int, position: int, event: Event) -> AuditRow:
    row = AuditRow(
        at=_utc(event.at),  # SQLite drops the offset, so store UTC everywhere
        mou_id=mou_id,
        workflow_id=workflow_id,
        seq=seq,
        position=position,
        what=event.kind.value,
        version=event.version,
        milestone_id=event.milestone_id,
        party_id=event.party_id,
        request_id=event.request_id,
        detail=event.detail,
    )
    _set_actor(row, event.actor)
    return row


def _set_actor(row: AuditRow, actor: Actor | None) -> None:
    if actor is not None:  # None: the workflow's own clock acted (a reminder, an expiry)
        row.actor_user_id, row.actor_name = actor.user_id, actor.name
        row.actor_party_id, row.actor_role = actor.party_id, actor.role.value


def _entries_in_order(session: Session) -> Result[Any]:
    # plain rows in batches, not ORM objects: the whole log passes through here
    query = select(AuditRow.__table__).order_by(AuditRow.id).execution_options(yield_per=VERIFY_BATCH)
    return session.execute(query)


def _fault(entry: Row[Any], *, previous: str, head_id: int, head_hash: str) -> str:
    if entry_hash(entry._mapping) != entry.hash:
        return "its content does not match its hash: the entry was altered"
    if entry.prev_hash != previous:
        return "its prev_hash does not match the entry before it: an entry before it was removed"
    if entry.id == head_id and entry.hash != head_hash:
        return "it is not the newest entry that audit_head recorded: the end of the log was replaced"
    return ""


def _missing_tail(*, head: AuditHead | None, last_id: int) -> str:
    if head is None:
        return "audit_head is missing" if last_id else ""
    if last_id < head.last_id:
        return f"the newest entries, up to id {head.last_id}, were removed"
    return ""
