"""What the load run checks in the database once every MoU is closed: nothing lost, nothing twice."""

from collections import Counter, defaultdict
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from mouflow.store.audit_tables import AuditRow
from mouflow.store.tables import DocumentRow, MouRow

# (seq, event kind) of one bench MoU, in order: what the store must hold for each, exactly once
EXPECTED_EVENTS = [
    (1, "started"),
    (2, "revised"),
    (3, "submitted"),
    (4, "reviewed"),
    (5, "reviewed"),
    (5, "ready_to_sign"),
    (6, "ceremony_scheduled"),
    (7, "signed"),
    (8, "signed"),
    (8, "executed"),
    (8, "in_force"),
    (9, "milestone_progress"),
    (10, "milestone_confirmed"),
    (11, "termination_consented"),
    (12, "termination_consented"),
    (12, "terminated"),
]
TRANSITIONS = EXPECTED_EVENTS[-1][0]
# two drafts, each with the Simplified copy the partner wants, the ceremony programme, the executed MoU
EXPECTED_DOCUMENTS = Counter({"draft": 2, "partner_copy": 2, "ceremony_programme": 1, "executed": 1})
FINAL_STAGE = "terminated"

Entry = tuple[str, int, int, str]  # mou_id, seq, position, kind


def problems(sessions: sessionmaker[Session], mou_ids: list[str]) -> list[str]:
    """One line per MoU whose projection, events, audit entries or documents are not as expected."""
    with sessions() as session:
        found = [
            *_projection_problems(session, mou_ids),
            *_entry_problems("audit_log", _audit(session), mou_ids),
            *_document_problems(session, mou_ids),
        ]
    return found


def expected_rows(count: int) -> int:
    return count * len(EXPECTED_EVENTS)


def _projection_problems(session: Session, mou_ids: list[str]) -> Iterable[str]:
    rows = {row.id: row for row in session.scalars(select(MouRow))}
    for mou_id in mou_ids:
        row = rows.get(mou_id)
        if row is None:
            yield f"{mou_id}: no projection row"
        elif (row.stage, row.last_seq) != (FINAL_STAGE, TRANSITIONS):
            yield f"{mou_id}: projection at {row.stage} seq {row.last_seq}, expected {FINAL_STAGE} seq {TRANSITIONS}"


def _audit(session: Session) -> list[Entry]:
    query = select(AuditRow.mou_id, AuditRow.seq, AuditRow.position, AuditRow.what).where(AuditRow.seq.isnot(None))
    return [(m or "", s or 0, p or 0, w) for m, s, p, w in session.execute(query)]


def _entry_problems(table: str, entries: list[Entry], mou_ids: list[str]) -> Iterable[str]:
    per_mou: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for mou_id, seq, position, kind in entries:
        per_mou[mou_id].append((seq, position, kind))
    for mou_id in mou_ids:
        got = [(seq, kind) for seq, _, kind in sorted(per_mou.pop(mou_id, []))]
        if got != EXPECTED_EVENTS:
            yield f"{mou_id}: {table} holds {got}, expected {EXPECTED_EVENTS}"
    for stray in per_mou:
        yield f"{stray}: {table} rows for an MoU the run never started"


def _document_problems(session: Session, mou_ids: list[str]) -> Iterable[str]:
    kinds: dict[str, Counter[str]] = defaultdict(Counter)
    for mou_id, kind in session.execute(select(DocumentRow.mou_id, DocumentRow.kind)):
        kinds[mou_id][kind] += 1
    for mou_id in mou_ids:
        if kinds[mou_id] != EXPECTED_DOCUMENTS:
            yield f"{mou_id}: documents {dict(kinds[mou_id])}, expected {dict(EXPECTED_DOCUMENTS)}"
