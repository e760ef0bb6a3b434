"""Appending to the audit log and reading it page by page. Checking it is mouflow.store.audit_verify.

Nothing here updates or deletes an entry, and nothing should: corrections are new entries.
"""

from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from mouflow.domain.actions import Actor
from mouflow.domain.state import Event
from mouflow.store.audit_hashes import HASHED_FIELDS, entry_hash, head_mac, session_key, utc
from mouflow.store.audit_tables import GENESIS_HASH, SYSTEM_CHAIN, AuditHeadRow, AuditRow
from mouflow.store.db import insert_unless_present


def append_events(*, session: Session, workflow_id: str, mou_id: str, seq: int, events: Sequence[Event]) -> int:
    """Appends one transition's events to the MoU's chain; the caller makes sure (MoU, seq) is not there yet
    (mouflow.store.projection, which holds the MoU's row lock). Returns how many entries were appended."""
    rows = [_event_entry(workflow_id, mou_id, seq, position, event) for position, event in enumerate(events)]
    return _chain(session=session, chain=mou_id, rows=rows)


def append_action(
    *, session: Session, actor: Actor | None, what: str, detail: str, request_id: str | None, mou_id: str | None = None
) -> AuditRow:
    """An action taken outside any workflow, such as registering a party or a user; `actor` None: the system.
    It joins its MoU's chain, or the system's chain when it concerns no MoU."""
    row = AuditRow(at=datetime.now(UTC), mou_id=mou_id, what=what, detail=detail, request_id=request_id)
    _set_actor(row, actor)
    _chain(session=session, chain=mou_id or SYSTEM_CHAIN, rows=[row])
    return row


def list_entries(*, session: Session, mou_id: str | None = None, after_id: int = 0, limit: int = 100) -> list[AuditRow]:
    """Oldest first; pass the last id of one page as `after_id` to get the next."""
    query = select(AuditRow).where(AuditRow.id > after_id).order_by(AuditRow.id).limit(limit)
    if mou_id is not None:
        query = query.where(AuditRow.mou_id == mou_id)
    return list(session.scalars(query))


def list_events(*, session: Session, mou_id: str) -> list[AuditRow]:
    """Everything that happened to the MoU in its workflow, in the order it happened: the timeline."""
    query = (
        select(AuditRow)
        .where(AuditRow.mou_id == mou_id, AuditRow.seq.is_not(None))
        .order_by(AuditRow.seq, AuditRow.position)
    )
    return list(session.scalars(query))


def transition_was_recorded(*, session: Session, mou_id: str, seq: int) -> bool:
    found = session.scalar(select(AuditRow.id).where(AuditRow.mou_id == mou_id, AuditRow.seq == seq).limit(1))
    return found is not None


def request_was_recorded(*, session: Session, mou_id: str, user_id: str, request_id: str) -> bool:
    query = select(AuditRow.id).where(
        AuditRow.mou_id == mou_id, AuditRow.request_id == request_id, AuditRow.actor_user_id == user_id
    )
    return session.scalar(query.limit(1)) is not None


def _chain(*, session: Session, chain: str, rows: list[AuditRow]) -> int:
    if not rows:
        return 0  # nothing to chain: the head stays as it is, and a chain begins only with an entry
    key = session_key(session)
    head = _lock_head(session, chain=chain, key=key)
    for row in rows:
        row.chain, row.chain_seq, row.prev_hash = chain, head.last_seq + 1, head.last_hash
        row.hash = entry_hash(key, {name: getattr(row, name) for name in HASHED_FIELDS})
        head.last_seq, head.last_hash = row.chain_seq, row.hash
    head.mac = head_mac(key, chain=chain, seq=head.last_seq, hash=head.last_hash, began_at=head.began_at)
    session.add_all(rows)
    session.flush()
    return len(rows)


def _lock_head(session: Session, *, chain: str, key: bytes) -> AuditHeadRow:
    """The chain's head, locked until the transaction ends: one chain's writers take turns, other chains'
    writers never wait for them."""
    is_sqlite = session.get_bind().dialect.name == "sqlite"
    if is_sqlite:
        # SQLite ignores FOR UPDATE; writing takes the database lock now, before we read the head
        _add_head_if_missing(session, chain=chain, key=key)
    head = _locked_head(session, chain)
    if head is None and not is_sqlite:
        _add_head_if_missing(session, chain=chain, key=key)  # a new chain: two first writers add one head
        head = _locked_head(session, chain)
    assert head is not None, f"the head of chain {chain!r} was just added"
    return head


def _locked_head(session: Session, chain: str) -> AuditHeadRow | None:
    return session.get(AuditHeadRow, chain, with_for_update=True, populate_existing=True)


def _add_head_if_missing(session: Session, *, chain: str, key: bytes) -> None:
    began_at = datetime.now(UTC)
    values = {"chain": chain, "last_seq": 0, "last_hash": GENESIS_HASH, "began_at": began_at}
    values["mac"] = head_mac(key, chain=chain, seq=0, hash=GENESIS_HASH, began_at=began_at)
    insert_unless_present(session, AuditHeadRow, values)


def _event_entry(workflow_id: str, mou_id: str, seq: int, position: int, event: Event) -> AuditRow:
    row = AuditRow(
        at=utc(event.at),  # SQLite drops the offset, so store UTC everywhere
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
        words=event.words.model_dump(mode="json") if event.words else None,
    )
    _set_actor(row, event.actor)
    return row


def _set_actor(row: AuditRow, actor: Actor | None) -> None:
    if actor is not None:  # None: the workflow's own clock acted (a reminder, an expiry)
        row.actor_user_id, row.actor_name = actor.user_id, actor.name
        row.actor_party_id, row.actor_role = actor.party_id, actor.role.value
