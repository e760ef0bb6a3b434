"""Checking that nobody altered the audit log: one MoU's chain, or every chain and the anchor over them.

Each finding names the first entry that was altered or that follows a removed one, with its MoU; an entry
removed at a chain's end has no id left to name, so the finding names its place in the chain instead.
"""

from collections.abc import Iterable, Iterator
from contextlib import closing
from datetime import UTC, datetime, timedelta
from itertools import groupby
from operator import attrgetter
from typing import Any

from pydantic import BaseModel
from sqlalchemy import Row, select
from sqlalchemy.orm import Session

from mouflow.store.audit_hashes import anchor_mac, anchored_mac, entry_hash, head_mac, session_key, utc
from mouflow.store.audit_tables import (
    GENESIS_HASH,
    SYSTEM_CHAIN,
    AnchoredChainRow,
    AuditAnchorRow,
    AuditHeadRow,
    AuditRow,
)

VERIFY_BATCH = 1_000
# a chain begun while the anchor's round read the heads, in a store transaction still open, joins the next round
REGISTER_SLACK = timedelta(minutes=1)
UNANCHORED_GRACE = timedelta(minutes=10)  # for a worker to take the first anchor of a new store


class ChainVerification(BaseModel):
    ok: bool
    checked: int  # entries found intact before the first bad one (all of them when ok)
    first_bad_id: int | None = None  # the entry altered, or the one after a removed entry
    mou_id: str | None = None  # whose chain is bad; None for the system's chain or the anchor
    chain_seq: int | None = None  # the first bad place in that chain
    reason: str


class _Fault(Exception):
    def __init__(self, reason: str, *, chain: str | None, seq: int | None = None, entry_id: int | None = None):
        super().__init__(reason)
        self.reason, self.chain, self.seq, self.entry_id = reason, chain, seq, entry_id


def verify_mou_chain(*, session: Session, mou_id: str) -> ChainVerification:
    """One MoU's entries, without reading any other MoU's. The MoU exists (the caller found it), and every MoU's
    first transition is in the log: a chain with nothing left of it was removed whole."""
    key, counter = session_key(session), _Counter()
    try:
        anchor = session.get(AuditAnchorRow, 1)
        if anchor is not None:
            _check_anchor_mac(key, anchor)  # its MAC alone: the other chains' records are not read
            counter.anchor_at = anchor.at
        _verify_one(session, key, mou_id, counter)
        if counter.count == 0:
            raise _Fault("no entry of it is in the log: its chain was removed whole", chain=mou_id)
    except _Fault as fault:
        return _failed(fault, counter.count)
    return ChainVerification(ok=True, checked=counter.count, reason=f"all {counter.count} entries are intact")


def verify_chain(*, session: Session) -> ChainVerification:
    """Every chain, and the anchor: a chain removed whole, with its head, shows too."""
    key, counter = session_key(session), _Counter()
    try:
        anchor, registered = _read_anchor(session, key)
        counter.anchor_at = anchor.at if anchor else None
        heads = {head.chain: head for head in session.scalars(select(AuditHeadRow))}
        begun_since = _walk_every_chain(session, key, counter, heads=heads, registered=registered)
        for chain in begun_since:  # began after we read the heads: checked alone, its head read first
            _verify_one(session, key, chain, counter)
    except _Fault as fault:
        return _failed(fault, counter.count)
    return ChainVerification(ok=True, checked=counter.count, reason=_intact(counter, anchor))


def _intact(counter: "_Counter", anchor: AuditAnchorRow | None) -> str:
    reason = f"all {counter.count} entries are intact"
    if anchor is not None:
        reason += f", in the {anchor.chains} chains the anchor registered"
    if counter.unanchored:
        since = "since its last round" if anchor is not None else "before any anchor was taken"
        reason += f"; {counter.unanchored} chains begun {since} are not registered yet"
    return reason


def _walk_every_chain(
    session: Session,
    key: bytes,
    counter: "_Counter",
    *,
    heads: dict[str, AuditHeadRow],
    registered: dict[str, AnchoredChainRow],
) -> list[str]:
    """Walks the chains whose heads were read, in one pass over the log; returns the chains begun since."""
    walked, begun_since = set(), []
    with closing(_entries(session)) as entries:
        for chain, rows in groupby(entries, key=attrgetter("chain")):
            walked.add(chain)
            if chain not in heads:
                begun_since.append(chain)
                continue
            anchored = registered.get(chain) or _registration(session, key, chain)
            _walk_chain(key, chain, counter.counting(rows), head=heads[chain], anchored=anchored, counter=counter)
    for chain in sorted((heads.keys() | registered.keys()) - walked):  # chains whose entries are all gone
        _walk_chain(key, chain, iter(()), head=heads.get(chain), anchored=registered.get(chain), counter=counter)
    return begun_since


def _verify_one(session: Session, key: bytes, chain: str, counter: "_Counter") -> None:
    anchored = _registration(session, key, chain)
    head = session.get(AuditHeadRow, chain)  # read before the entries: rows appended meanwhile lie beyond it
    with closing(_entries(session, chain=chain)) as entries:
        _walk_chain(key, chain, counter.counting(entries), head=head, anchored=anchored, counter=counter)


def _registration(session: Session, key: bytes, chain: str) -> AnchoredChainRow | None:
    """The chain's record in the register, read now: it began after the register was read whole."""
    anchored = session.get(AnchoredChainRow, chain)
    if anchored is not None:
        _check_anchored_mac(key, anchored)
    return anchored


def check_entry(*, session: Session, entry: AuditRow) -> str:
    """Why one entry cannot be trusted, or "": its hash, and its links to the entries on either side in its
    chain. Cheaper than verifying the chain, and enough to show that this entry is the one the chain holds."""
    key = session_key(session)
    if entry_hash(key, _fields(entry)) != entry.hash:
        return "its content does not match its hash: the entry was altered"
    before = _entry_at(session, entry.chain, entry.chain_seq - 1)
    if entry.prev_hash != (before.hash if before else GENESIS_HASH) or (entry.chain_seq > 1 and before is None):
        return "its prev_hash does not match the entry before it"
    head = session.get(AuditHeadRow, entry.chain)  # before the entry after it: one written meanwhile is there
    if head is None or head.mac != _head_mac(key, head):
        return "its chain's head is missing or altered"
    if head.last_seq == entry.chain_seq:
        return (
            ""
            if head.last_hash == entry.hash
            else "it is the newest entry of its chain but not the one its head recorded"
        )
    after = _entry_at(session, entry.chain, entry.chain_seq + 1)
    if after is None or after.prev_hash != entry.hash:
        return "the entry after it is missing or does not link to it"
    return ""


class _Counter:
    def __init__(self) -> None:
        self.count = 0
        self.anchor_at: datetime | None = None  # the anchor's last round, once read
        self.unanchored = 0  # chains begun since that round, not registered yet

    def counting(self, entries: Iterable[Row[Any]]) -> Iterator[Row[Any]]:
        for entry in entries:
            yield entry
            self.count += 1  # after the caller took it without a fault: counts the entries found intact


def _walk_chain(
    key: bytes,
    chain: str,
    entries: Iterable[Row[Any]],
    *,
    head: AuditHeadRow | None,
    anchored: AnchoredChainRow | None,
    counter: "_Counter",
) -> None:
    previous, expected = GENESIS_HASH, 1
    hash_at_anchor = hash_at_head = None
    for entry in entries:
        if entry_hash(key, entry._mapping) != entry.hash:
            raise _Fault("its content does not match its hash: the entry was altered", **_at(entry))
        if entry.chain_seq != expected or entry.prev_hash != previous:
            raise _Fault("it does not follow the entry before it: an entry before it was removed", **_at(entry))
        if anchored is not None and entry.chain_seq == anchored.seq:
            hash_at_anchor = entry.hash
        if head is not None and entry.chain_seq == head.last_seq:
            hash_at_head = entry.hash
        previous, expected = entry.hash, expected + 1
    registered = anchored is not None
    _check_head(key, chain, head, found=expected - 1, hash_at_head=hash_at_head, registered=registered)
    if anchored is not None:
        _check_anchored(chain, anchored, hash_at_anchor=hash_at_anchor)
    elif head is not None:
        _check_unregistered(chain, head, counter)


def _check_head(
    key: bytes, chain: str, head: AuditHeadRow | None, *, found: int, hash_at_head: str | None, registered: bool
) -> None:
    if head is None:
        # a chain's register record, its head and its first entry are written in one transaction: a record or
        # an entry without a head means the head was removed, and with it maybe every entry
        if found or registered:
            reason = "the chain's head is missing: its entries, or all of them, were removed"
            raise _Fault(reason, chain=chain)
        return
    if head.mac != _head_mac(key, head):
        raise _Fault("the chain's head was altered: it does not match its MAC", chain=chain)
    if found < head.last_seq:
        reason = f"the newest entries, from place {found + 1} to {head.last_seq} in the chain, were removed"
        raise _Fault(reason, chain=chain, seq=found + 1)
    if head.last_seq and hash_at_head != head.last_hash:
        raise _Fault("the newest entry is not the one the head recorded: the end was replaced", chain=chain)


def _check_unregistered(chain: str, head: AuditHeadRow, counter: "_Counter") -> None:
    """A chain the register does not hold must have begun after the anchor's last round; with no anchor at all,
    within the grace a worker needs to take the first."""
    began = utc(head.began_at)
    if counter.anchor_at is None and began < datetime.now(UTC) - UNANCHORED_GRACE:
        raise _Fault(f"the anchor is missing, though this chain began at {began:%Y-%m-%d %H:%M} UTC", chain=chain)
    if counter.anchor_at is not None and began < utc(counter.anchor_at) - REGISTER_SLACK:
        reason = "the chain began before the anchor's last round, but is not in its register: its record was removed"
        raise _Fault(reason, chain=chain)
    counter.unanchored += 1


def _check_anchored(chain: str, anchored: AnchoredChainRow, *, hash_at_anchor: str | None) -> None:
    if anchored.seq and hash_at_anchor != anchored.hash:
        reason = f"the entries up to place {anchored.seq}, which the anchor recorded, were removed or replaced"
        raise _Fault(reason, chain=chain, seq=anchored.seq)


def _read_anchor(session: Session, key: bytes) -> tuple[AuditAnchorRow | None, dict[str, AnchoredChainRow]]:
    """The anchor, then the chains it had registered by then: a chain registered since is numbered beyond
    the anchor's count, and is checked on its own once its entries are reached."""
    anchor = session.get(AuditAnchorRow, 1, populate_existing=True)
    counted = anchor.chains if anchor else 0
    query = select(AnchoredChainRow).where(AnchoredChainRow.number <= counted).order_by(AnchoredChainRow.number)
    anchored = list(session.scalars(query))
    _check_anchor(key, anchor, anchored)
    return anchor, {row.chain: row for row in anchored}


def _check_anchor(key: bytes, anchor: AuditAnchorRow | None, anchored: list[AnchoredChainRow]) -> None:
    if anchor is None:
        if anchored:
            raise _Fault("the anchor is missing, but chains were registered", chain=None)
        return
    _check_anchor_mac(key, anchor)
    for row in anchored:
        _check_anchored_mac(key, row)
    _check_numbers(anchor, anchored)


def _check_anchor_mac(key: bytes, anchor: AuditAnchorRow) -> None:
    expected = anchor_mac(key, number=anchor.number, at=anchor.at, chains=anchor.chains, last_chain=anchor.last_chain)
    if anchor.mac != expected:
        raise _Fault("the anchor was altered: it does not match its MAC", chain=None)


def _check_numbers(anchor: AuditAnchorRow, anchored: list[AnchoredChainRow]) -> None:
    """Numbers 1…n without a gap; a row removed is named by the one after it, or by the anchor for the last."""
    for number, row in enumerate(anchored, start=1):
        if row.number != number:
            raise _Fault(_removed_chain(row.previous_chain), chain=row.previous_chain)
    if len(anchored) != anchor.chains:
        raise _Fault(_removed_chain(anchor.last_chain), chain=anchor.last_chain)


def _removed_chain(chain: str | None) -> str:
    return "its record in the anchor's register was removed, and the chain with it"


def _check_anchored_mac(key: bytes, row: AnchoredChainRow) -> None:
    expected = anchored_mac(
        key, chain=row.chain, number=row.number, previous_chain=row.previous_chain, seq=row.seq, hash=row.hash
    )
    if row.mac != expected:
        raise _Fault("the anchor's record of this chain was altered: it does not match its MAC", chain=row.chain)


def _failed(fault: _Fault, checked: int) -> ChainVerification:
    mou_id = fault.chain if fault.chain != SYSTEM_CHAIN else None
    reason = fault.reason if fault.chain is None else f"{_chain_name(fault.chain)}: {fault.reason}"
    return ChainVerification(
        ok=False, checked=checked, first_bad_id=fault.entry_id, mou_id=mou_id, chain_seq=fault.seq, reason=reason
    )


def _chain_name(chain: str | None) -> str:
    return "the system's chain" if chain == SYSTEM_CHAIN else f"MoU {chain}"


def _at(entry: Row[Any]) -> dict[str, Any]:
    return {"chain": entry.chain, "seq": entry.chain_seq, "entry_id": entry.id}


def _entries(session: Session, chain: str | None = None) -> Any:
    # plain rows in batches, not ORM objects: the whole log passes through here
    query = select(AuditRow.__table__).order_by(AuditRow.chain, AuditRow.chain_seq)
    if chain is not None:
        query = query.where(AuditRow.chain == chain)
    return session.execute(query.execution_options(yield_per=VERIFY_BATCH))


def _entry_at(session: Session, chain: str, chain_seq: int) -> AuditRow | None:
    query = select(AuditRow).where(AuditRow.chain == chain, AuditRow.chain_seq == chain_seq)
    return session.scalars(query).one_or_none()


def _fields(entry: AuditRow) -> dict[str, Any]:
    return {column: getattr(entry, column) for column in AuditRow.__table__.columns.keys()}


def _head_mac(key: bytes, head: AuditHeadRow) -> str:
    return head_mac(key, chain=head.chain, seq=head.last_seq, hash=head.last_hash, began_at=head.began_at)
