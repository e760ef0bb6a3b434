"""`GET /mous/{id}`'s answer kept whole in the projection: one statement, the access check in it, and the
same milestones as their own table."""

from sqlalchemy import event, select, update
from sqlalchemy.orm import Session, sessionmaker

from mouflow.demo import HKTE, officer
from mouflow.domain import followup
from mouflow.domain.actions import AmendMilestones
from mouflow.domain.enums import EventKind
from mouflow.domain.state import Event
from mouflow.store.db import session_scope
from mouflow.store.projection import record_transition
from mouflow.store.status_answers import MILESTONES, Reader, milestone_answers, read_visible_status
from mouflow.store.tables import MouRow
from mouflow.transitions import transition_of
from tests.api.conftest import make_users
from tests.domain.builders import T0, executed

MOU = "hkte-qianhai-2025"
QIANHAI_VIEWER = Reader(party_id="qianhai", is_manager=False)


def record_executed(sessions: sessionmaker[Session]) -> None:
    make_users(sessions)  # the parties, for the managers' check
    state = executed()
    state.seq = 5
    with session_scope(sessions) as session:
        record_transition(session=session, transition=transition_of(f"mou-{MOU}", state, [_event()]))


def _event() -> Event:
    return Event(kind=EventKind.EXECUTED, at=T0)


def read(sessions: sessionmaker[Session], reader: Reader, mou_id: str = MOU) -> dict[str, object] | None:
    with session_scope(sessions) as session:
        return read_visible_status(session=session, reader=reader, mou_id=mou_id)


def test_a_read_is_one_statement_with_the_milestones_in_it(sessions: sessionmaker[Session]) -> None:
    record_executed(sessions)
    statements: list[str] = []

    def count(_connection: object, _cursor: object, statement: str, *_: object) -> None:
        statements.append(statement)

    engine = sessions.kw["bind"]
    event.listen(engine, "before_cursor_execute", count)
    answer = read(sessions, QIANHAI_VIEWER)
    event.remove(engine, "before_cursor_execute", count)
    assert len(statements) == 1
    with sessions() as session:
        assert answer is not None and answer[MILESTONES] == milestone_answers(session=session, mou_id=MOU)
    assert len(answer[MILESTONES]) == 3  # type: ignore[arg-type]


def test_another_partys_mou_reads_as_missing(sessions: sessionmaker[Session]) -> None:
    record_executed(sessions)
    assert read(sessions, Reader(party_id="macao-talent", is_manager=False)) is None
    assert read(sessions, Reader(party_id="macao-talent", is_manager=True)) is None  # a partner's manager
    assert read(sessions, QIANHAI_VIEWER, mou_id="no-such-mou") is None
    assert read(sessions, Reader(party_id="hkte", is_manager=True)) is not None  # an agency's manager audits all


def test_removed_milestones_leave_the_answer_too(sessions: sessionmaker[Session]) -> None:
    record_executed(sessions)
    state = executed()
    removal = AmendMilestones(actor=officer(HKTE), remove=["joint-recruitment-fair"], reason="merged")
    events = followup.apply_amend(state, removal, T0)
    state.seq = 6
    with session_scope(sessions) as session:
        record_transition(session=session, transition=transition_of(f"mou-{MOU}", state, events))
    answer = read(sessions, QIANHAI_VIEWER)
    assert answer is not None
    milestones: list[dict[str, object]] = answer[MILESTONES]  # type: ignore[assignment]
    assert {m["id"] for m in milestones} == {"talent-services-report", "annual-review"}


def test_a_row_written_before_the_answer_was_kept_whole_reads_its_milestones(sessions: sessionmaker[Session]) -> None:
    record_executed(sessions)
    with session_scope(sessions) as session:
        status = dict(session.scalars(select(MouRow.status)).one())
        del status[MILESTONES]
        session.execute(update(MouRow).values(status=status))
    answer = read(sessions, QIANHAI_VIEWER)
    assert answer is not None and len(answer[MILESTONES]) == 3  # type: ignore[arg-type]
