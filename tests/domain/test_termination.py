from datetime import date, timedelta

import pytest

from mouflow.demo import HKTE, QIANHAI, officer
from mouflow.domain import clock, termination
from mouflow.domain.actions import Terminate
from mouflow.domain.calendar import start_of_day
from mouflow.domain.enums import EventKind, Stage, TerminationWay
from mouflow.domain.rules import FIRST_RULES
from mouflow.domain.summaries import summarize
from mouflow.errors import AlreadyDone, WrongStage
from tests.domain.builders import T0, executed, ready_to_sign


def notice(party=QIANHAI, reason: str = "Zone restructured") -> Terminate:
    return Terminate(actor=officer(party), reason=reason)


def consent(party) -> Terminate:
    return Terminate(actor=officer(party), reason="Superseded by a wider agreement", by=TerminationWay.AGREEMENT)


def test_a_notice_keeps_the_mou_in_force_until_the_notice_period_ends() -> None:
    state = executed()
    events = termination.apply_terminate(state, notice(), T0)
    assert state.stage is Stage.IN_FORCE
    assert [e.kind for e in events] == [EventKind.TERMINATION_NOTICE]
    assert state.termination_notice is not None and state.termination_notice.ends_on == date(2025, 8, 1)
    assert summarize(state).next_deadline == start_of_day(date(2025, 8, 1))
    clock.fire_due(state, start_of_day(date(2025, 7, 31)))
    assert state.stage is Stage.IN_FORCE
    fired = clock.fire_due(state, start_of_day(date(2025, 8, 1)))
    assert EventKind.TERMINATED in [e.kind for e in fired]
    assert state.stage is Stage.TERMINATED
    assert state.closure is not None and state.closure.way is TerminationWay.NOTICE
    assert "qianhai" in state.closure.reason and "Zone restructured" in state.closure.reason


def test_the_notice_period_is_a_field_of_the_agreed_text() -> None:
    state = executed()
    content = state.executed_content.model_copy(update={"notice_months": 6})
    state.versions[0] = state.versions[0].model_copy(update={"content": content})
    termination.apply_terminate(state, notice(), T0)
    assert state.termination_notice is not None and state.termination_notice.ends_on == date(2025, 11, 1)


def test_one_notice_at_a_time() -> None:
    state = executed()
    termination.apply_terminate(state, notice(), T0)
    with pytest.raises(AlreadyDone, match="ends on 2025-08-01"):
        termination.check_terminate(state, notice(HKTE))


def test_every_party_consenting_ends_it_at_once() -> None:
    state = executed()
    first = termination.apply_terminate(state, consent(QIANHAI), T0)
    assert state.stage is Stage.IN_FORCE and [e.kind for e in first] == [EventKind.TERMINATION_CONSENTED]
    with pytest.raises(AlreadyDone, match="already consented"):
        termination.check_terminate(state, consent(QIANHAI))
    last = termination.apply_terminate(state, consent(HKTE), T0 + timedelta(days=1))
    assert [e.kind for e in last] == [EventKind.TERMINATION_CONSENTED, EventKind.TERMINATED]
    assert state.stage is Stage.TERMINATED
    assert state.closure is not None and state.closure.way is TerminationWay.AGREEMENT


def test_agreement_ends_it_at_once_even_while_a_notice_runs() -> None:
    state = executed()
    termination.apply_terminate(state, notice(), T0)
    termination.apply_terminate(state, consent(QIANHAI), T0)
    termination.apply_terminate(state, consent(HKTE), T0)
    assert state.stage is Stage.TERMINATED


def test_under_the_first_rules_one_officer_terminated_at_once() -> None:
    """Old histories replay under the rules they were made under (mouflow.domain.rules)."""
    state = executed()
    state.rules = FIRST_RULES
    events = termination.apply_terminate(state, notice(), T0)
    assert state.stage is Stage.TERMINATED and [e.kind for e in events] == [EventKind.TERMINATED]
    assert state.closure is not None and state.closure.reason == "Zone restructured"


def test_termination_only_after_signing() -> None:
    with pytest.raises(WrongStage, match="terminate"):
        termination.check_terminate(ready_to_sign(), notice(HKTE))
