"""Signing belongs to the ceremony; counterparts, voided signatures and an explicit reopen."""

from datetime import date, datetime, timedelta

import pytest

from mouflow.demo import HKTE, HKTE_SIGNATORY, QIANHAI, officer, symposium_mou
from mouflow.domain import dates, drafting, signatures
from mouflow.domain.actions import Close, Reopen, Revise, Sign, VoidSignatures
from mouflow.domain.calendar import local_date
from mouflow.domain.enums import EventKind, SigningMode, Stage
from mouflow.domain.rules import FIRST_RULES
from mouflow.errors import Forbidden, InvalidInput, WrongStage
from tests.domain.builders import QIANHAI_SIGNATORY, T0, ceremony, ready_to_sign, signing_open


def sign(party, mode: SigningMode = SigningMode.AT_CEREMONY) -> Sign:
    signatory = HKTE_SIGNATORY if party is HKTE else QIANHAI_SIGNATORY
    return Sign(actor=officer(party), version=1, signatory=signatory, mode=mode)


def test_no_signature_before_the_ceremony_starts() -> None:
    state = ready_to_sign()
    with pytest.raises(WrongStage, match="no signing ceremony is scheduled"):
        signatures.check_sign(state, sign(HKTE), T0)
    signatures.apply_ceremony(state, ceremony(), T0)  # 30 days ahead
    with pytest.raises(WrongStage, match="from the ceremony's start at 2025-05-31 10:00 HKT"):
        signatures.check_sign(state, sign(HKTE), T0 + timedelta(days=29))
    signatures.check_sign(state, sign(HKTE), T0 + timedelta(days=30))


def test_a_party_that_cannot_attend_signs_in_counterpart_and_it_is_recorded() -> None:
    state = ready_to_sign()
    signatures.apply_ceremony(state, ceremony(), T0)
    events = signatures.apply_sign(state, sign(QIANHAI, SigningMode.IN_COUNTERPART), T0 + timedelta(days=2))
    assert state.signatures[0].mode is SigningMode.IN_COUNTERPART
    assert events[0].detail.endswith("(in counterpart)")
    signatures.apply_sign(state, sign(HKTE), T0 + timedelta(days=30))
    assert state.stage is Stage.IN_FORCE
    assert [s.mode for s in state.signatures] == [SigningMode.IN_COUNTERPART, SigningMode.AT_CEREMONY]


def test_under_the_first_rules_a_signature_needed_no_ceremony() -> None:
    state = ready_to_sign()
    state.rules = FIRST_RULES
    signatures.check_sign(state, sign(HKTE), T0)
    with pytest.raises(WrongStage, match="in counterpart"):
        signatures.check_sign(state, sign(HKTE, SigningMode.IN_COUNTERPART), T0)


def test_the_owner_voids_partial_signatures_with_a_reason_so_a_late_change_is_possible() -> None:
    state = signing_open()
    signatures.apply_sign(state, sign(QIANHAI), T0)
    with pytest.raises(Forbidden, match="owning party"):
        signatures.check_void(state, VoidSignatures(actor=officer(QIANHAI), reason="Clause 3 changes"))
    events = signatures.apply_void(state, VoidSignatures(actor=officer(HKTE), reason="Clause 3 changes"), T0)
    assert [e.kind for e in events] == [EventKind.SIGNATURES_VOIDED]
    assert state.signatures == [] and state.voided_signatures[0].signatures[0].party_id == "qianhai"
    assert state.stage is Stage.READY_TO_SIGN
    drafting.apply_reopen(state, Reopen(actor=officer(HKTE), reason="Clause 3 changes"), T0)
    drafting.apply_revise(state, Revise(actor=officer(HKTE), base_version=1, content=state.executed_content), T0)
    assert state.stage is Stage.DRAFTING and state.current_version.number == 2


def test_nothing_to_void_before_a_signature() -> None:
    with pytest.raises(WrongStage, match="nothing to void"):
        signatures.check_void(signing_open(), VoidSignatures(actor=officer(HKTE), reason="x"))


def test_a_partly_signed_mou_can_be_withdrawn() -> None:
    state = signing_open()
    signatures.apply_sign(state, sign(QIANHAI), T0)
    drafting.apply_withdraw(state, Close(actor=officer(HKTE), reason="Policy changed"), T0)
    assert state.stage is Stage.WITHDRAWN and state.signatures[0].party_id == "qianhai"


def test_an_approved_version_goes_back_to_drafting_only_by_an_explicit_reopen() -> None:
    state = ready_to_sign()
    revise = Revise(actor=officer(HKTE), base_version=1, content=state.current_version.content)
    with pytest.raises(WrongStage, match="reopen it to drafting first"):
        drafting.check_revise(state, revise)
    events = drafting.apply_reopen(state, Reopen(actor=officer(HKTE), reason="A late change from Qianhai"), T0)
    assert [e.kind for e in events] == [EventKind.REOPENED] and events[0].detail == "A late change from Qianhai"
    assert state.stage is Stage.DRAFTING and state.approved_version is None
    drafting.apply_revise(state, revise, T0)
    assert state.current_version.number == 2


def test_reopening_needs_the_signatures_voided_first() -> None:
    state = signing_open()
    signatures.apply_sign(state, sign(HKTE), T0)
    with pytest.raises(WrongStage, match="void the signatures"):
        drafting.check_reopen(state, Reopen(actor=officer(HKTE), reason="x"))


def test_under_the_first_rules_a_new_draft_reopened_silently() -> None:
    state = ready_to_sign()
    state.rules = FIRST_RULES
    drafting.apply_revise(state, Revise(actor=officer(HKTE), base_version=1, content=state.current_version.content), T0)
    assert state.stage is Stage.DRAFTING


@pytest.mark.parametrize("effective", [date(2199, 6, 1), date(2030, 5, 2), date(2024, 4, 29)])
def test_an_effective_date_far_from_today_is_refused_naming_the_field(effective: date) -> None:
    start = symposium_mou(QIANHAI, "x-mou", effective_date=effective)
    with pytest.raises(InvalidInput, match="effective date") as refused:
        dates.check_draft_dates(start.content, local_date(T0))
    assert refused.value.field == "content.effective_date"


def test_an_effective_date_within_the_window_is_accepted() -> None:
    for effective in (date(2030, 5, 1), date(2024, 4, 30), date(2025, 6, 3)):
        dates.check_draft_dates(symposium_mou(QIANHAI, "x-mou", effective_date=effective).content, local_date(T0))


@pytest.mark.parametrize("starts_at", [datetime(9999, 12, 31, 15, 0, tzinfo=T0.tzinfo), T0 + timedelta(days=800)])
def test_a_ceremony_too_far_ahead_is_refused(starts_at: datetime) -> None:
    far = ceremony().model_copy(update={"starts_at": starts_at})
    with pytest.raises(InvalidInput, match="too far ahead") as refused:
        dates.check_ceremony_window(far.starts_at, T0)
    assert refused.value.field == "starts_at"


def test_a_fixed_milestone_date_outside_the_term_is_refused() -> None:
    state = ready_to_sign()
    content = state.current_version.content
    late = content.milestones[0].model_copy(update={"offset_months": None, "due_date": date(9999, 12, 31)})
    with pytest.raises(InvalidInput, match="outside the term") as refused:
        dates.check_draft_dates(content.model_copy(update={"milestones": [late]}), local_date(T0))
    assert refused.value.field == "content.milestones[0]"


def test_refusals_keep_their_template_and_values_apart() -> None:
    state = ready_to_sign()
    with pytest.raises(Forbidden) as refused:
        drafting.check_reopen(state, Reopen(actor=officer(QIANHAI), reason="x"))
    assert refused.value.template == "only an officer of the owning party {owner!r} may do this"
    assert refused.value.values == {"owner": "hkte"}
    assert refused.value.message == "only an officer of the owning party 'hkte' may do this"
