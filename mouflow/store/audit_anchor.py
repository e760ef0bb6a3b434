"""The anchor over every chain, taken by the worker every minute: a register of the chains, and a record of
their heads.

Chains keep writers to different MoUs apart, but a chain removed whole (its entries and its head) leaves no
gap in any other. The register does: each round registers the chains begun since the last, the anchor counts
them, and each chain's record names the one registered before it. No writer waits for the anchor: a chain is
registered after it began, so one begun and removed whole within the same minute leaves no trace. The heads
recorded each round are a second witness, beside each head's MAC, of how far each chain had come.
"""

import logging
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from mouflow.store.audit_hashes import anchor_mac, anchored_mac, head_mac, session_key
from mouflow.store.audit_tables import AnchoredChainRow, AuditAnchorRow, AuditHeadRow
from mouflow.store.db import insert_unless_present

log = logging.getLogger(__name__)


class WrongAuditKey(RuntimeError):
    """This process's audit key is not the one the log was written with."""


def check_key(*, session: Session) -> None:
    """Refuses to go on with a key other than the log's: entries written under two keys never verify again.
    The anchor's MAC says which key wrote the log; a store without an anchor has no entry yet."""
    anchor = session.get(AuditAnchorRow, 1)
    if anchor is None:
        return
    expected = anchor_mac(
        session_key(session), number=anchor.number, at=anchor.at, chains=anchor.chains, last_chain=anchor.last_chain
    )
    if anchor.mac != expected:
        raise WrongAuditKey(
            "this process's audit key is not the one the audit log was written with (or its anchor was altered): "
            "give every process the same MOUFLOW_AUDIT_KEY, or the data folder's audit.key"
        )


def take_anchor(*, session: Session) -> int:
    """Registers the chains begun since the last anchor and records every head that moved; returns how many
    chains it registered or moved. The anchor's time is taken before the heads are read: a chain it has not
    registered began after it, give or take the length of a store transaction."""
    key = session_key(session)
    anchor = _lock_anchor(session, key)
    started = datetime.now(UTC)
    registered = {row.chain: row for row in session.scalars(select(AnchoredChainRow))}
    heads = session.scalars(select(AuditHeadRow).order_by(AuditHeadRow.began_at, AuditHeadRow.chain))
    moved = 0
    for head in heads:
        if not _may_anchor(key, head, registered.get(head.chain)):
            continue
        row = registered.get(head.chain) or _register(session, anchor, head.chain)
        _set_head(row, key, seq=head.last_seq, hash=head.last_hash)
        moved += 1
    if moved:
        anchor.number, anchor.at = anchor.number + 1, started
        _seal(anchor, key)
    session.flush()
    return moved


def _register(session: Session, anchor: AuditAnchorRow, chain: str) -> AnchoredChainRow:
    anchor.chains += 1
    row = AnchoredChainRow(chain=chain, number=anchor.chains, previous_chain=anchor.last_chain)
    anchor.last_chain = chain
    session.add(row)
    return row


def _may_anchor(key: bytes, head: AuditHeadRow, row: AnchoredChainRow | None) -> bool:
    if row is not None and (row.seq, row.hash) == (head.last_seq, head.last_hash):
        return False  # it has not moved
    if head.mac != head_mac(key, chain=head.chain, seq=head.last_seq, hash=head.last_hash, began_at=head.began_at):
        # anchoring it would record a state nobody with the key wrote; verification names the chain
        log.warning("audit chain %r: its head does not match its MAC; not anchored", head.chain)
        return False
    if row is not None and head.last_seq < row.seq:
        log.warning("audit chain %r: its head is behind the anchor's record of it; not anchored", head.chain)
        return False
    return True


def _set_head(row: AnchoredChainRow, key: bytes, *, seq: int, hash: str) -> None:
    row.seq, row.hash = seq, hash
    row.mac = anchored_mac(
        key, chain=row.chain, number=row.number, previous_chain=row.previous_chain, seq=seq, hash=hash
    )


def _seal(anchor: AuditAnchorRow, key: bytes) -> None:
    anchor.mac = anchor_mac(key, number=anchor.number, at=anchor.at, chains=anchor.chains, last_chain=anchor.last_chain)


def _lock_anchor(session: Session, key: bytes) -> AuditAnchorRow:
    """The one anchor row, locked until the transaction ends; made, sealed, the first time."""
    now = datetime.now(UTC)
    empty = {"id": 1, "number": 0, "at": now, "chains": 0, "last_chain": None}
    empty["mac"] = anchor_mac(key, number=0, at=now, chains=0, last_chain=None)
    insert_unless_present(session, AuditAnchorRow, empty)  # on SQLite, the write lock FOR UPDATE cannot take
    anchor = session.get(AuditAnchorRow, 1, with_for_update=True, populate_existing=True)
    assert anchor is not None, "the anchor row was just added"
    return anchor
