import pytest

from mouflow.demo import HKTE, QIANHAI, officer
from mouflow.domain import term
from mouflow.domain.actions import Close, DecideRenewal
from mouflow.domain.enums import EventKind, Stage
from mouflow.domain.errors import AlreadyDone, WrongStage
from tests.domain.builders import T0, executed, ready_to_sign


def test_any_party_terminates_an_mou_in_force_with_a_reason() -> None:
    state = executed()
    events = term.apply_terminate(state, Close(actor=officer(QIANHAI), reason="Zone restructured"), T0)
    assert state.stage is Stage.TERMINATED
    assert state.closure is not None and state.closure.by is not None and state.closure.by.party_id == "qianhai"
    assert events[0].kind is EventKind.TERMINATED


def test_termination_only_after_signing() -> None:
    with pytest.raises(WrongStage, match="withdraw|terminate"):
        term.check_terminate(ready_to_sign(), Close(actor=officer(HKTE), reason="No longer needed"))


def test_a_party_decides_on_renewal_once_per_term() -> None:
    state = executed()
    term.apply_renewal(state, DecideRenewal(actor=officer(HKTE), renew=True), T0)
    with pytest.raises(AlreadyDone, match="already decided"):
        term.check_renewal(state, DecideRenewal(actor=officer(HKTE), renew=False))
    assert not term.all_agree_to_renew(state)
