"""The audit log: a keyed chain per MoU, appended once per (MoU, seq), and tampering shows, down to a chain
removed whole."""

import threading
from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import Engine, func, select, text
from sqlalchemy.orm import Session, sessionmaker

from mouflow.demo import HKTE, officer
from mouflow.domain.enums import EventKind
from mouflow.domain.state import Event
from mouflow.store.audit import append_action, append_events, list_entries
from mouflow.store.audit_anchor import WrongAuditKey, check_key, take_anchor
from mouflow.store.audit_tables import AuditHeadRow, AuditRow
from mouflow.store.audit_verify import ChainVerification, verify_chain, verify_mou_chain
from mouflow.store.db import session_factory, session_scope

T0 = datetime(2025, 6, 3, 10, 30, 15, 123456, tzinfo=timezone(timedelta(hours=8)))
MOU = "hkte-qianhai-2025"
OTHER = "hkte-nansha-2025"


def events(count: int) -> list[Event]:
    return [
        Event(kind=EventKind.REVISED, at=T0 + timedelta(seconds=n), actor=officer(HKTE), version=n, request_id="r-1")
        for n in range(count)
    ]


def append(sessions: sessionmaker[Session], seq: int, count: int = 2, mou_id: str = MOU) -> int:
    with session_scope(sessions) as session:
        return append_events(session=session, workflow_id=f"mou-{mou_id}", mou_id=mou_id, seq=seq, events=events(count))


def verify(sessions: sessionmaker[Session], mou_id: str | None = None) -> ChainVerification:
    with sessions() as session:
        return verify_chain(session=session) if mou_id is None else verify_mou_chain(session=session, mou_id=mou_id)


def anchor(sessions: sessionmaker[Session]) -> int:
    with session_scope(sessions) as session:
        return take_anchor(session=session)


def tamper(engine: Engine, statement: str) -> None:
    with engine.begin() as connection:
        connection.execute(text(statement))


def entry_id(sessions: sessionmaker[Session], mou_id: str, chain_seq: int) -> int:
    with sessions() as session:
        query = select(AuditRow.id).where(AuditRow.chain == mou_id, AuditRow.chain_seq == chain_seq)
        found = session.scalar(query)
        assert found is not None
        return found


def test_entries_are_appended_in_each_mous_own_chain(sessions: sessionmaker[Session]) -> None:
    assert append(sessions, seq=1) == 2
    assert append(sessions, seq=1, mou_id=OTHER) == 2
    assert append(sessions, seq=2, count=3) == 3
    with sessions() as session:
        entries = list_entries(session=session, mou_id=MOU)
    places = [(e.seq, e.position, e.chain_seq) for e in entries]
    assert places == [(1, 0, 1), (1, 1, 2), (2, 0, 3), (2, 1, 4), (2, 2, 5)]
    assert entries[0].at.replace(tzinfo=entries[0].at.tzinfo or UTC) == T0  # SQLite returns naive UTC
    assert entries[0].actor_role == "officer" and entries[0].request_id == "r-1"
    assert (
        verify(sessions).reason
        == "all 7 entries are intact; 2 chains begun before any anchor was taken are not registered yet"
    )
    assert anchor(sessions) == 2
    assert verify(sessions).reason == "all 7 entries are intact, in the 2 chains the anchor registered"


def test_the_same_transition_twice_is_refused_by_the_log(sessions: sessionmaker[Session]) -> None:
    append(sessions, seq=1)
    with pytest.raises(Exception, match="(?i)unique"):
        append(sessions, seq=1)


def test_actions_on_no_mou_have_a_chain_of_their_own(sessions: sessionmaker[Session]) -> None:
    reminder = Event(kind=EventKind.REVIEW_REMINDER, at=T0, detail="3 days left")
    with session_scope(sessions) as session:
        append_events(session=session, workflow_id="mou-x", mou_id=MOU, seq=1, events=[reminder])
        append_action(session=session, actor=officer(HKTE), what="user_created", detail="u-1", request_id="r-9")
    assert verify(sessions).ok
    with sessions() as session:
        reminder_row, action_row = list_entries(session=session)
    assert reminder_row.actor_user_id is None and reminder_row.actor_role is None
    assert (action_row.mou_id, action_row.chain, action_row.chain_seq) == (None, "", 1)


def test_entries_come_page_by_page_and_by_mou(sessions: sessionmaker[Session]) -> None:
    for seq in range(1, 4):
        append(sessions, seq=seq, mou_id=MOU)
        append(sessions, seq=seq, mou_id=OTHER)
    with sessions() as session:
        first = list_entries(session=session, mou_id=MOU, limit=4)
        rest = list_entries(session=session, mou_id=MOU, after_id=first[-1].id, limit=4)
    assert len(first) == 4 and len(rest) == 2
    assert {entry.mou_id for entry in first + rest} == {MOU}
    assert [entry.id for entry in first + rest] == sorted(entry.id for entry in first + rest)


def test_an_empty_log_verifies(sessions: sessionmaker[Session]) -> None:
    assert verify(sessions) == ChainVerification(ok=True, checked=0, reason="all 0 entries are intact")


def test_an_altered_entry_is_named_with_its_mou(sessions: sessionmaker[Session], engine: Engine) -> None:
    for seq in range(1, 4):
        append(sessions, seq=seq)
        append(sessions, seq=seq, mou_id=OTHER)
    altered = entry_id(sessions, MOU, 3)
    tamper(engine, f"UPDATE audit_log SET detail = 'nothing happened' WHERE id = {altered}")
    for result in (verify(sessions), verify(sessions, MOU)):
        assert (result.ok, result.first_bad_id, result.mou_id, result.chain_seq) == (False, altered, MOU, 3)
        assert "altered" in result.reason
    assert verify(sessions, OTHER).ok  # the other MoU's chain is not read, and holds


def test_an_entry_after_a_removed_one_is_named(sessions: sessionmaker[Session], engine: Engine) -> None:
    for seq in range(1, 4):
        append(sessions, seq=seq)
    tamper(engine, f"DELETE FROM audit_log WHERE id = {entry_id(sessions, MOU, 4)}")
    result = verify(sessions, MOU)
    assert (result.ok, result.first_bad_id, result.chain_seq) == (False, entry_id(sessions, MOU, 5), 5)
    assert "removed" in result.reason


def test_removing_the_first_entry_shows(sessions: sessionmaker[Session], engine: Engine) -> None:
    append(sessions, seq=1)
    tamper(engine, f"DELETE FROM audit_log WHERE id = {entry_id(sessions, MOU, 1)}")
    assert verify(sessions).first_bad_id == entry_id(sessions, MOU, 2)


def test_removing_the_newest_entries_shows(sessions: sessionmaker[Session], engine: Engine) -> None:
    for seq in range(1, 4):
        append(sessions, seq=seq)
    tamper(engine, f"DELETE FROM audit_log WHERE chain = '{MOU}' AND chain_seq >= 5")
    result = verify(sessions)
    assert (result.ok, result.mou_id, result.chain_seq) == (False, MOU, 5) and "from place 5 to 6" in result.reason


def test_a_head_set_back_to_match_a_shortened_chain_shows(sessions: sessionmaker[Session], engine: Engine) -> None:
    for seq in range(1, 4):
        append(sessions, seq=seq)
    with sessions() as session:
        kept = session.scalars(select(AuditRow).where(AuditRow.chain == MOU, AuditRow.chain_seq == 4)).one()
    tamper(engine, f"DELETE FROM audit_log WHERE chain = '{MOU}' AND chain_seq > 4")
    tamper(engine, f"UPDATE audit_heads SET last_seq = 4, last_hash = '{kept.hash}' WHERE chain = '{MOU}'")
    result = verify(sessions, MOU)
    assert not result.ok and "head was altered" in result.reason


def test_a_chain_removed_whole_is_named(sessions: sessionmaker[Session], engine: Engine) -> None:
    for mou_id in (MOU, OTHER, "hkte-third-2026"):
        append(sessions, seq=1, mou_id=mou_id)
    anchor(sessions)
    for table in ("audit_log", "audit_heads", "audit_anchored"):
        tamper(engine, f"DELETE FROM {table} WHERE chain = '{OTHER}'")
    result = verify(sessions)
    assert (result.ok, result.mou_id) == (False, OTHER) and "register was removed" in result.reason
    tamper(engine, "DELETE FROM audit_log WHERE chain = 'hkte-third-2026'")
    tamper(engine, "DELETE FROM audit_heads WHERE chain = 'hkte-third-2026'")
    tamper(engine, "DELETE FROM audit_anchored WHERE chain = 'hkte-third-2026'")
    # the register's last two records gone: the anchor still names the newest, whose record named the other
    assert verify(sessions).mou_id == "hkte-third-2026"


def test_entries_removed_up_to_the_anchor_show_even_with_the_head_gone(
    sessions: sessionmaker[Session], engine: Engine
) -> None:
    for seq in range(1, 3):
        append(sessions, seq=seq)
    assert anchor(sessions) == 1 and anchor(sessions) == 0  # nothing moved since: no anchor taken
    tamper(engine, f"DELETE FROM audit_log WHERE chain = '{MOU}'")
    tamper(engine, f"DELETE FROM audit_heads WHERE chain = '{MOU}'")
    result = verify(sessions, MOU)
    assert not result.ok and "head is missing" in result.reason


def test_a_chain_registered_by_the_anchor_and_then_removed_whole_shows(
    sessions: sessionmaker[Session], engine: Engine
) -> None:
    append(sessions, seq=1, mou_id=OTHER)
    append(sessions, seq=1)
    anchor(sessions)
    tamper(engine, f"DELETE FROM audit_log WHERE chain = '{MOU}'")
    tamper(engine, f"DELETE FROM audit_heads WHERE chain = '{MOU}'")
    for result in (verify(sessions), verify(sessions, MOU)):
        assert (result.ok, result.mou_id) == (False, MOU) and "head is missing" in result.reason, result


def test_only_a_chain_begun_since_the_anchors_round_may_be_unregistered(
    sessions: sessionmaker[Session], engine: Engine
) -> None:
    append(sessions, seq=1)
    anchor(sessions)
    append(sessions, seq=1, mou_id=OTHER)  # begun since: the next round registers it
    assert verify(sessions).ok and "1 chains begun since its last round" in verify(sessions).reason
    tamper(engine, f"DELETE FROM audit_anchored WHERE chain = '{MOU}'")  # the last record, so no gap to see
    tamper(engine, "UPDATE audit_anchor SET chains = 0")
    assert "altered" in verify(sessions).reason  # the count is under the anchor's MAC
    assert not verify(sessions, MOU).ok


def test_one_mous_chain_removed_whole_shows_in_its_own_check(sessions: sessionmaker[Session], engine: Engine) -> None:
    append(sessions, seq=1)
    for table in ("audit_log", "audit_heads", "audit_anchored"):
        tamper(engine, f"DELETE FROM {table} WHERE chain = '{MOU}'")
    result = verify(sessions, MOU)
    assert (result.ok, result.mou_id) == (False, MOU) and "removed whole" in result.reason


def test_a_process_with_another_key_refuses_to_go_on(sessions: sessionmaker[Session], engine: Engine) -> None:
    append(sessions, seq=1)
    anchor(sessions)  # a worker's first round, at its start
    with sessions() as session:
        check_key(session=session)
    with session_factory(engine, audit_key=b"another key" * 4)() as session, pytest.raises(WrongAuditKey):
        check_key(session=session)


def test_a_chain_rewritten_without_the_key_does_not_verify(sessions: sessionmaker[Session], engine: Engine) -> None:
    append(sessions, seq=1)
    forger = session_factory(engine, audit_key=b"a key the forger made up")
    with session_scope(forger) as session:
        append_events(session=session, workflow_id="mou-x", mou_id=MOU, seq=2, events=events(1))
    result = verify(sessions, MOU)
    assert (result.ok, result.chain_seq) == (False, 3) and "altered" in result.reason


def test_writers_to_different_mous_never_wait_on_each_other(sessions: sessionmaker[Session]) -> None:
    append(sessions, seq=1, mou_id=MOU)
    append(sessions, seq=1, mou_id=OTHER)
    holder = sessions()
    try:  # one MoU's write in progress, its head locked
        append_events(session=holder, workflow_id="w", mou_id=MOU, seq=2, events=events(1))
        if holder.get_bind().dialect.name == "sqlite":
            pytest.skip("SQLite has one writer at a time, whatever it writes")
        done = threading.Event()
        thread = threading.Thread(target=lambda: (append(sessions, seq=2, mou_id=OTHER), done.set()))
        thread.start()
        assert done.wait(timeout=10), "a write to another MoU waited for this one"
        thread.join()
        holder.commit()
    finally:
        holder.close()
    assert verify(sessions).ok


def test_concurrent_writers_build_sound_chains(sessions: sessionmaker[Session]) -> None:
    start = threading.Barrier(3)

    def write(mou_id: str, first_seq: int) -> None:
        start.wait()
        for seq in range(first_seq, first_seq + 20):
            append(sessions, seq=seq, mou_id=mou_id)

    threads = [threading.Thread(target=write, args=args) for args in (("mou-aaa", 1), ("mou-bbb", 1), ("mou-aaa", 100))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert anchor(sessions) == 2
    assert verify(sessions).reason == "all 120 entries are intact, in the 2 chains the anchor registered"
    with sessions() as session:
        heads = session.scalars(select(AuditHeadRow.last_seq).order_by(AuditHeadRow.chain)).all()
    assert heads == [80, 40]


@pytest.mark.timeout(300)
def test_a_long_log_verifies_in_batches(sessions: sessionmaker[Session], engine: Engine) -> None:
    for seq in range(1, 101):
        append(sessions, seq=seq, count=1_000, mou_id=f"mou-{seq % 7}")
    altered = entry_id(sessions, "mou-3", 9_999)
    tamper(engine, f"UPDATE audit_log SET actor_name = 'someone else' WHERE id = {altered}")
    with sessions() as session:
        assert session.scalar(select(func.count()).select_from(AuditRow)) == 100_000
    result = verify(sessions)
    assert (result.ok, result.first_bad_id, result.mou_id) == (False, altered, "mou-3")
