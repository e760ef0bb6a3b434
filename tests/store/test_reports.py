"""The milestone report follows the current term: a renewed MoU's past overdue milestones are history."""

from datetime import date, datetime, timedelta

from sqlalchemy.orm import Session, sessionmaker

from mouflow.demo import HKTE, QIANHAI, officer
from mouflow.domain import term
from mouflow.domain.actions import DecideRenewal
from mouflow.domain.calendar import MOU_TIME_ZONE
from mouflow.domain.clock import fire_due
from mouflow.domain.state import MouState
from mouflow.store.db import session_scope
from mouflow.store.projection import record_transition
from mouflow.store.reports import overdue_and_upcoming
from mouflow.transitions import transition_of
from tests.domain.builders import T0, executed


def record(sessions: sessionmaker[Session], state: MouState, now: datetime) -> None:
    events = fire_due(state, now)
    state.seq += 1
    transition = transition_of("mou-x", state, events)
    with session_scope(sessions) as session:
        record_transition(session=session, transition=transition)


def test_only_the_current_terms_milestones_are_reported(sessions: sessionmaker[Session]) -> None:
    state = executed()
    record(sessions, state, datetime(2026, 6, 1, tzinfo=MOU_TIME_ZONE))  # all three milestones overdue
    with sessions() as session:
        assert len(overdue_and_upcoming(session=session, today=date(2026, 6, 1), days_ahead=30)) == 3
    for party in (HKTE, QIANHAI):
        term.apply_renewal(state, DecideRenewal(actor=officer(party), renew=True), T0)
    record(sessions, state, datetime(2028, 5, 1, 1, tzinfo=MOU_TIME_ZONE))  # term 2 begins
    with sessions() as session:
        lines = overdue_and_upcoming(session=session, today=date(2028, 5, 1), days_ahead=100)
    assert [(m.term_number, m.milestone_id) for m, _ in lines] == [(2, "joint-recruitment-fair")]
    assert not any(m.overdue for m, _ in lines)
    assert lines[0][0].due_date == date(2028, 5, 1) + timedelta(days=92)
