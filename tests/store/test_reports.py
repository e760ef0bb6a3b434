"""The milestone report follows the current term: a renewed MoU's past overdue milestones are history."""

from datetime import date, datetime, timedelta

from sqlalchemy.orm import Session, sessionmaker

from mouflow.demo import HKTE, NANSHA, QIANHAI, SIGNATORIES, officer, symposium_mou
from mouflow.domain import drafting, signatures, term
from mouflow.domain.actions import DecideRenewal, Sign, Submit
from mouflow.domain.calendar import MOU_TIME_ZONE
from mouflow.domain.clock import fire_due
from mouflow.domain.content import Party
from mouflow.domain.enums import Stage
from mouflow.domain.state import Event, MouState
from mouflow.store.db import session_scope
from mouflow.store.projection import record_transition
from mouflow.store.reports import overdue_and_upcoming
from mouflow.transitions import transition_of
from tests.domain.builders import T0, approve_all, ceremony, executed


def record(sessions: sessionmaker[Session], state: MouState, now: datetime, events: list[Event] | None = None) -> None:
    """Projects the clocks due at `now`, after `events` (the projection writes the milestones they touched)."""
    events = [*(events or []), *fire_due(state, now)]
    state.seq += 1
    transition = transition_of(f"mou-{state.mou_id}", state, events)
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


def signed_by_both(partner: Party, built: datetime, effective: date | None) -> tuple[MouState, list[Event]]:
    """Approved at `built`, signed by both a day after the ceremony began (a month after `built`); with the
    signing's events."""
    state, _ = drafting.start_mou(symposium_mou(partner, f"hkte-{partner.id}-2025", effective), built)
    drafting.apply_submit(state, Submit(actor=officer(HKTE), version=1), built)
    approve_all(state, built)
    schedule = ceremony(built)
    signatures.apply_ceremony(state, schedule, built)
    events = []
    for party in state.parties:
        sign = Sign(actor=officer(party), version=1, signatory=SIGNATORIES[party.id])
        events += signatures.apply_sign(state, sign, schedule.starts_at + timedelta(days=1))
    return state, events


def test_a_signed_mous_milestones_are_listed_by_its_real_stage(sessions: sessionmaker[Session]) -> None:
    in_force = signed_by_both(QIANHAI, T0, effective=None)  # in force from the day both signed
    signed = signed_by_both(NANSHA, T0, effective=date(2025, 9, 1))  # signed; in force only from September
    assert (in_force[0].stage, signed[0].stage) == (Stage.IN_FORCE, Stage.SIGNED)
    for state, events in (in_force, signed):
        record(sessions, state, T0 + timedelta(days=40), events)
    with sessions() as session:
        lines = overdue_and_upcoming(session=session, today=date(2025, 7, 1), days_ahead=366)
    stages = {(mou.id, mou.stage) for _, mou in lines}
    assert stages == {("hkte-qianhai-2025", "in_force"), ("hkte-nansha-2025", "signed")}
    nansha = sorted(m.due_date for m, mou in lines if mou.stage == "signed")
    assert nansha[0] == date(2025, 12, 1) and not any(m.overdue for m, _ in lines)  # 3 months after 1 September
