import pytest

from mouflow.demo import HKTE, officer
from mouflow.domain import term
from mouflow.domain.actions import DecideRenewal
from mouflow.errors import AlreadyDone
from tests.domain.builders import T0, executed


def test_a_party_decides_on_renewal_once_per_term() -> None:
    state = executed()
    term.apply_renewal(state, DecideRenewal(actor=officer(HKTE), renew=True), T0)
    with pytest.raises(AlreadyDone, match="already decided"):
        term.check_renewal(state, DecideRenewal(actor=officer(HKTE), renew=False))
    assert not term.all_agree_to_renew(state)
