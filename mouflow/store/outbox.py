"""The notification outbox: rows written with the transition that caused them, dispatched afterwards."""

from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from mouflow.notify.events import notification_id, notifications_of
from mouflow.store.notify_tables import NotificationRow
from mouflow.transitions import RecordTransition


def add_notifications(*, session: Session, transition: RecordTransition) -> int:
    """Called inside record_transition's transaction, which writes each (MoU, seq) once: so are these."""
    mou_id, now = transition.summary.mou_id, datetime.now(UTC)
    rows = [
        NotificationRow(
            id=notification_id(mou_id, transition.seq, position),
            mou_id=mou_id,
            seq=transition.seq,
            type=payload.type.value,
            payload=payload.model_dump(mode="json"),
            created_at=now,
        )
        for position, payload in notifications_of(transition)
    ]
    session.add_all(rows)
    return len(rows)


def claim_undispatched(*, session: Session, limit: int) -> list[str]:
    """The oldest undispatched ids. On PostgreSQL they stay locked until the caller's transaction ends,
    and a second dispatcher skips them rather than waiting."""
    query = (
        select(NotificationRow.id)
        .where(NotificationRow.dispatched_at.is_(None))
        .order_by(NotificationRow.created_at, NotificationRow.id)
        .limit(limit)
        .with_for_update(skip_locked=True, key_share=True)
    )
    ids = list(session.scalars(query))
    if session.get_bind().dialect.name == "sqlite":
        # SQLite locks no rows; a read snapshot kept open across the starts would make the update that
        # marks them fail whenever another writer committed meanwhile
        session.rollback()
    return ids


def mark_dispatched(*, session: Session, ids: Sequence[str]) -> None:
    if ids:
        stamp = update(NotificationRow).where(NotificationRow.id.in_(ids)).values(dispatched_at=datetime.now(UTC))
        session.execute(stamp)
