"""The audit log: appended once per (MoU, seq), one chain however many writers, and tampering shows."""

import threading
from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import Engine, func, select, text
from sqlalchemy.orm import Session, sessionmaker

import mouflow.store.audit_tables  # noqa: F401  the engine fixture creates the tables it knows at import
from mouflow.demo import HKTE, officer
from mouflow.domain.enums import EventKind
from mouflow.domain.state import Event
from mouflow.store.audit import append_action, append_events, list_entries, verify_chain
from mouflow.store.audit_tables import AuditRow
from mouflow.store.db import session_scope

T0 = datetime(2025, 6, 3, 10, 30, 15, 123456, tzinfo=timezone(timedelta(hours=8)))
MOU = "hkte-qianhai-2025"


def events(count: int) -> list[Event]:
    return [
        Event(kind=EventKind.REVISED, at=T0 + timedelta(seconds=n), actor=officer(HKTE), version=n, request_id="r-1")
        for n in range(count)
    ]


def append(sessions: sessionmaker[Session], seq: int, count: int = 2, mou_id: str = MOU) -> int:
    with session_scope(sessions) as session:
        return append_events(session=session, workflow_id=f"mou-{mou_id}", mou_id=mou_id, seq=seq, events=events(count))


def verify(sessions: sessionmaker[Session]) -> tuple[bool, int | None, str]:
    with sessions() as session:
        result = verify_chain(session=session)
    return result.ok, result.first_bad_id, result.reason


def tamper(engine: Engine, statement: str) -> None:
    with engine.begin() as connection:
        connection.execute(text(statement))


def test_a_retried_transition_is_appended_once(sessions: sessionmaker[Session]) -> None:
    assert append(sessions, seq=1) == 2
    assert append(sessions, seq=1) == 0
    assert append(sessions, seq=2, count=3) == 3
    with sessions() as session:
        entries = list_entries(session=session)
    assert [(e.seq, e.position) for e in entries] == [(1, 0), (1, 1), (2, 0), (2, 1), (2, 2)]
    assert entries[0].at.replace(tzinfo=entries[0].at.tzinfo or UTC) == T0  # SQLite returns naive UTC
    assert entries[0].actor_role == "officer" and entries[0].request_id == "r-1"


def test_system_events_and_actions_join_the_same_chain(sessions: sessionmaker[Session]) -> None:
    reminder = Event(kind=EventKind.REVIEW_REMINDER, at=T0, detail="3 days left")
    with session_scope(sessions) as session:
        append_events(session=session, workflow_id="mou-x", mou_id=MOU, seq=1, events=[reminder])
        append_action(session=session, actor=officer(HKTE), what="user_created", detail="u-1", request_id="r-9")
    assert verify(sessions) == (True, None, "all 2 entries are intact")
    with sessions() as session:
        reminder_row, action_row = list_entries(session=session)
    assert reminder_row.actor_user_id is None and reminder_row.actor_role is None
    assert action_row.mou_id is None and action_row.actor_party_id == "hkte"


def test_entries_come_page_by_page_and_by_mou(sessions: sessionmaker[Session]) -> None:
    for seq in range(1, 4):
        append(sessions, seq=seq, mou_id=MOU)
        append(sessions, seq=seq, mou_id="hkte-nansha-2025")
    with sessions() as session:
        first = list_entries(session=session, mou_id=MOU, limit=4)
        rest = list_entries(session=session, mou_id=MOU, after_id=first[-1].id, limit=4)
    assert len(first) == 4 and len(rest) == 2
    assert {entry.mou_id for entry in first + rest} == {MOU}
    assert [entry.id for entry in first + rest] == sorted(entry.id for entry in first + rest)


def test_an_empty_log_verifies(sessions: sessionmaker[Session]) -> None:
    assert verify(sessions) == (True, None, "all 0 entries are intact")


def test_an_altered_entry_is_named(sessions: sessionmaker[Session], engine: Engine) -> None:
    for seq in range(1, 4):
        append(sessions, seq=seq)
    tamper(engine, "UPDATE audit_log SET detail = 'nothing happened' WHERE id = 3")
    ok, bad_id, reason = verify(sessions)
    assert (ok, bad_id) == (False, 3) and "altered" in reason


def test_an_entry_after_a_removed_one_is_named(sessions: sessionmaker[Session], engine: Engine) -> None:
    for seq in range(1, 4):
        append(sessions, seq=seq)
    tamper(engine, "DELETE FROM audit_log WHERE id = 4")
    ok, bad_id, reason = verify(sessions)
    assert (ok, bad_id) == (False, 5) and "removed" in reason


def test_removing_the_first_entry_shows(sessions: sessionmaker[Session], engine: Engine) -> None:
    append(sessions, seq=1)
    tamper(engine, "DELETE FROM audit_log WHERE id = 1")
    assert verify(sessions)[:2] == (False, 2)


def test_removing_the_newest_entries_shows(sessions: sessionmaker[Session], engine: Engine) -> None:
    for seq in range(1, 4):
        append(sessions, seq=seq)
    tamper(engine, "DELETE FROM audit_log WHERE id >= 5")
    ok, bad_id, reason = verify(sessions)
    assert (ok, bad_id) == (False, 5) and "up to id 6" in reason


def test_concurrent_writers_build_one_chain(sessions: sessionmaker[Session]) -> None:
    start = threading.Barrier(2)

    def write(mou_id: str) -> None:
        start.wait()
        for seq in range(1, 21):
            append(sessions, seq=seq, mou_id=mou_id)

    threads = [threading.Thread(target=write, args=(mou_id,)) for mou_id in ("mou-aaa", "mou-bbb")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert verify(sessions) == (True, None, "all 80 entries are intact")


@pytest.mark.timeout(300)
def test_a_long_log_verifies_in_batches(sessions: sessionmaker[Session], engine: Engine) -> None:
    for seq in range(1, 101):
        append(sessions, seq=seq, count=1_000)
    tamper(engine, "UPDATE audit_log SET actor_name = 'someone else' WHERE id = 99999")
    with sessions() as session:
        assert session.scalar(select(func.count()).select_from(AuditRow)) == 100_000
    assert verify(sessions)[:2] == (False, 99_999)
