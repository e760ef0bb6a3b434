"""The outbox: rows written with their transition, once, and handed to the dispatcher until marked."""

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from mouflow.domain.enums import EventKind
from mouflow.domain.state import Event
from mouflow.store.db import session_scope
from mouflow.store.notify_tables import NotificationRow
from mouflow.store.outbox import claim_undispatched, mark_dispatched
from mouflow.store.projection import record_transition
from mouflow.transitions import transition_of
from tests.domain.builders import T0, executed


def record_signed(sessions: sessionmaker[Session]) -> bool:
    events = [
        Event(kind=EventKind.SIGNED, at=T0, party_id="qianhai"),
        Event(kind=EventKind.EXECUTED, at=T0),
        Event(kind=EventKind.IN_FORCE, at=T0),
    ]
    state = executed()
    state.seq = 9
    with session_scope(sessions) as session:
        return record_transition(session=session, transition=transition_of("mou-hkte-qianhai-2025", state, events))


def outbox(sessions: sessionmaker[Session]) -> list[tuple[str, str, bool]]:
    with sessions() as session:
        rows = session.scalars(select(NotificationRow).order_by(NotificationRow.id))
        return [(row.id, row.type, row.dispatched_at is not None) for row in rows]


def test_a_transition_writes_one_row_per_notifiable_event_once(sessions: sessionmaker[Session]) -> None:
    assert record_signed(sessions) and not record_signed(sessions)
    assert outbox(sessions) == [
        ("hkte-qianhai-2025.9.0", "signed", False),
        ("hkte-qianhai-2025.9.2", "in_force", False),  # EXECUTED at position 1 notifies nobody
    ]
    with sessions() as session:
        row = session.get(NotificationRow, "hkte-qianhai-2025.9.0")
        assert row is not None and row.payload["event"]["party_id"] == "qianhai"  # type: ignore[index]


def test_claimed_rows_come_back_until_marked(sessions: sessionmaker[Session]) -> None:
    record_signed(sessions)
    with session_scope(sessions) as session:
        first = claim_undispatched(session=session, limit=1)
        assert first == ["hkte-qianhai-2025.9.0"]
        mark_dispatched(session=session, ids=first)
    with session_scope(sessions) as session:
        assert claim_undispatched(session=session, limit=10) == ["hkte-qianhai-2025.9.2"]
    assert [dispatched for _, _, dispatched in outbox(sessions)] == [True, False]
