"""The projection writer: each (MoU, seq) lands once, and an older snapshot never overwrites a newer one."""

import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from mouflow.demo import HKTE, officer
from mouflow.domain import followup
from mouflow.domain.actions import AmendMilestones
from mouflow.domain.enums import EventKind, Stage
from mouflow.domain.state import Event
from mouflow.store.audit_tables import AuditRow
from mouflow.store.db import session_scope
from mouflow.store.projection import record_transition
from mouflow.store.tables import MilestoneRow, MouRow
from mouflow.transitions import RecordTransition, transition_of
from tests.domain.builders import T0, drafted, executed


def transition_at(seq: int, *, executed_state: bool) -> RecordTransition:
    state = executed() if executed_state else drafted()
    state.seq = seq
    events = [Event(kind=EventKind.EXECUTED if executed_state else EventKind.STARTED, at=T0)]
    return transition_of("mou-hkte-qianhai-2025", state, events)


def record(sessions: sessionmaker[Session], transition: RecordTransition) -> bool:
    with session_scope(sessions) as session:
        return record_transition(session=session, transition=transition)


def counts(sessions: sessionmaker[Session]) -> tuple[int, int, int]:
    with sessions() as session:
        return tuple(
            session.scalar(select(func.count()).select_from(table)) or 0 for table in (MouRow, MilestoneRow, AuditRow)
        )  # type: ignore[return-value]


def test_recording_a_transition_twice_writes_it_once(sessions: sessionmaker[Session]) -> None:
    first = transition_at(5, executed_state=True)
    assert record(sessions, first) is True
    assert record(sessions, first) is False
    assert counts(sessions) == (1, 3, 1)


def test_an_older_snapshot_arriving_late_does_not_overwrite_a_newer_one(sessions: sessionmaker[Session]) -> None:
    record(sessions, transition_at(5, executed_state=True))
    record(sessions, transition_at(2, executed_state=False))
    with sessions() as session:
        row = session.get(MouRow, "hkte-qianhai-2025")
        assert row is not None and (row.stage, row.last_seq) == (Stage.IN_FORCE.value, 5)
    assert counts(sessions) == (1, 3, 2)  # the late transition's event is still kept in the log


def test_a_retry_racing_a_slow_first_attempt_finds_its_rows(sessions: sessionmaker[Session]) -> None:
    """The store activity timed out while its first attempt was still committing: the retry waits for the
    MoU's row, then answers 'already recorded' instead of failing on the unique (MoU, seq, position)."""
    if sessions.kw["bind"].dialect.name == "sqlite":
        pytest.skip("SQLite has one writer at a time; the race needs row locks")
    record(sessions, transition_at(1, executed_state=False))
    slow = transition_at(5, executed_state=True)
    with ThreadPoolExecutor(max_workers=1) as pool:
        with session_scope(sessions) as first:
            assert record_transition(session=first, transition=slow) is True
            retry = pool.submit(record, sessions, slow)
            time.sleep(0.5)  # the retry is waiting on the MoU's row, which the first attempt holds
            assert not retry.done()
        assert retry.result(timeout=10) is False
    assert counts(sessions) == (1, 3, 2)


def test_a_removed_milestone_stays_removed_when_an_older_transition_arrives_late(
    sessions: sessionmaker[Session],
) -> None:
    state = executed()
    state.seq = 5
    record(sessions, transition_of("mou-hkte-qianhai-2025", state, [Event(kind=EventKind.EXECUTED, at=T0)]))
    progress = transition_of(
        "mou-hkte-qianhai-2025",
        state,
        [Event(kind=EventKind.MILESTONE_PROGRESS, at=T0, milestone_id="joint-recruitment-fair")],
    )
    removal = AmendMilestones(actor=officer(HKTE), remove=["joint-recruitment-fair"], reason="merged")
    removed = state.model_copy(deep=True)
    events = followup.apply_amend(removed, removal, T0)
    removed.seq = 7
    record(sessions, transition_of("mou-hkte-qianhai-2025", removed, events))
    progress.seq = 6  # recorded after the removal, though it came before it
    record(sessions, progress)
    with sessions() as session:
        ids = set(session.scalars(select(MilestoneRow.milestone_id)))
    assert ids == {"talent-services-report", "annual-review"}
