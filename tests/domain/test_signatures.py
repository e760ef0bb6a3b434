from datetime import date, timedelta

import pytest
from pydantic import ValidationError

from mouflow.demo import HKTE, HKTE_SIGNATORY, QIANHAI, officer
from mouflow.domain import drafting, signatures
from mouflow.domain.actions import CeremonyRequest, Revise, Sign
from mouflow.domain.calendar import local_date
from mouflow.domain.enums import EventKind, Stage
from mouflow.errors import AlreadyDone, InvalidInput, StaleVersion, WrongStage
from tests.domain.builders import QIANHAI_SIGNATORY, T0, ceremony, executed, in_review, ready_to_sign, signing_open


def test_ceremony_is_scheduled_then_rescheduled_keeping_the_first() -> None:
    state = ready_to_sign()
    first = signatures.apply_ceremony(state, ceremony(), T0)
    later = ceremony().model_copy(update={"starts_at": T0 + timedelta(days=40)})
    second = signatures.apply_ceremony(state, later, T0)
    assert [first[0].kind, second[0].kind] == [EventKind.CEREMONY_SCHEDULED, EventKind.CEREMONY_RESCHEDULED]
    assert state.ceremony is not None and state.ceremony.starts_at == T0 + timedelta(days=40)
    assert len(state.ceremonies) == 2
    assert state.ceremony.witnesses[0].title.en == "Secretary for Labour and Welfare"


def test_ceremony_must_be_in_the_future_and_ready_to_sign() -> None:
    past = ceremony().model_copy(update={"starts_at": T0 - timedelta(hours=1)})
    with pytest.raises(InvalidInput, match="in the future"):
        signatures.check_ceremony(ready_to_sign(), past, T0)
    with pytest.raises(WrongStage):
        signatures.check_ceremony(in_review(), ceremony(), T0)


def test_signing_by_every_party_puts_the_mou_in_force_with_its_milestones() -> None:
    state = signing_open()
    signatures.apply_sign(state, Sign(actor=officer(HKTE), version=1, signatory=HKTE_SIGNATORY), T0)
    assert state.stage is Stage.READY_TO_SIGN
    events = signatures.apply_sign(state, Sign(actor=officer(QIANHAI), version=1, signatory=QIANHAI_SIGNATORY), T0)
    assert [e.kind for e in events] == [EventKind.SIGNED, EventKind.EXECUTED, EventKind.IN_FORCE]
    assert state.stage is Stage.IN_FORCE and state.executed_version == 1
    term = state.term
    assert term is not None and term.effective_date == local_date(T0) and term.end_date == date(2028, 5, 1)
    assert [(m.id, m.due_date) for m in state.milestones] == [
        ("joint-recruitment-fair", date(2025, 8, 1)),
        ("talent-services-report", date(2025, 11, 1)),
        ("annual-review", date(2026, 5, 1)),
    ]


def test_a_future_effective_date_waits_in_signed() -> None:
    state = signing_open()
    content = state.executed_content.model_copy(update={"effective_date": date(2025, 6, 3)})
    state.versions[0] = state.versions[0].model_copy(update={"content": content})
    signatures.apply_sign(state, Sign(actor=officer(HKTE), version=1, signatory=HKTE_SIGNATORY), T0)
    signatures.apply_sign(state, Sign(actor=officer(QIANHAI), version=1, signatory=QIANHAI_SIGNATORY), T0)
    assert state.stage is Stage.SIGNED
    assert state.milestones[0].due_date == date(2025, 9, 3)


def test_double_signature_is_refused() -> None:
    state = signing_open()
    sign = Sign(actor=officer(HKTE), version=1, signatory=HKTE_SIGNATORY)
    signatures.apply_sign(state, sign, T0)
    with pytest.raises(AlreadyDone, match="already signed"):
        signatures.check_sign(state, sign, T0)


def test_signing_a_version_that_was_not_approved_is_stale() -> None:
    with pytest.raises(StaleVersion, match="version 1 was"):
        signatures.check_sign(signing_open(), Sign(actor=officer(HKTE), version=2, signatory=HKTE_SIGNATORY), T0)


def test_the_executed_version_is_fixed() -> None:
    state = executed()
    revise = Revise(actor=officer(HKTE), base_version=1, content=state.current_version.content)
    with pytest.raises(WrongStage):
        drafting.check_revise(state, revise)


def test_no_revision_once_a_party_signed() -> None:
    state = signing_open()
    signatures.apply_sign(state, Sign(actor=officer(HKTE), version=1, signatory=HKTE_SIGNATORY), T0)
    with pytest.raises(WrongStage, match="has signed"):  # a stage conflict: 409, not 403
        drafting.check_revise(state, Revise(actor=officer(HKTE), base_version=1, content=state.executed_content))


@pytest.mark.parametrize("zone", ["Mars/Olympus_Mons", "../../etc/passwd", "0" * 450, ""])
def test_a_ceremony_in_an_unknown_time_zone_is_refused_in_words(zone: str) -> None:
    """A name too long for a file once made zoneinfo raise OSError, which the API answered with a 500."""
    with pytest.raises(ValidationError, match="time_zone"):
        CeremonyRequest.model_validate(
            {"starts_at": "2030-06-03T15:00:00+08:00", "time_zone": zone, "venue": {"en": "Tamar", "zh": "添馬"}}
        )
