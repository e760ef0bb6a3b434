"""What history holds replays through `apply_*` however the checks that accepted it tighten later: the
policy of mouflow.domain.rules. Replay runs no validator, only the applies and the clock."""

import importlib
import inspect
import pkgutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from types import ModuleType
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

import mouflow.domain
from mouflow.demo import HKTE, HKTE_SIGNATORY, QIANHAI, officer
from mouflow.domain import access, drafting, paperwork, signatures
from mouflow.domain.actions import Action, ScheduleCeremony, Sign
from mouflow.domain.rules import CURRENT_RULES, FIRST_RULES
from mouflow.domain.state import Event, MouState
from mouflow.errors import Forbidden, InvalidInput, RuleViolation, WrongStage
from tests.domain.builders import QIANHAI_SIGNATORY, T0, ceremony, ready_to_sign
from tests.domain.moves import apply, check, let_time_pass
from tests.domain.test_any_sequence import STARTS, STEPS

DOMAIN: list[ModuleType] = [
    importlib.import_module(f"mouflow.domain.{module.name}") for module in pkgutil.iter_modules(mouflow.domain.__path__)
]
# rule 2 of mouflow.domain.rules: the plan stays consistent, which a transition needs and replay checks again
PLAN_CONSISTENCY = {drafting.check_plan, drafting.check_content}
# rule 1: who may act, what was typed, and when. Every check_* the validators and the API call, and the
# who-rules they share; a check added later is in here too, by its name
POLICY = {
    value
    for module in DOMAIN
    for name, value in vars(module).items()
    if inspect.isfunction(value) and name.startswith("check_") and value not in PLAN_CONSISTENCY
} | {
    access.require_party_member,
    access.require_officer,
    access.require_owner_officer,
    paperwork.may_request,
    signatures._check_moment,
}


def refuse_everything(*args: Any, **kwargs: Any) -> None:
    raise Forbidden("a rule tightened since refuses everything")


@contextmanager
def every_policy_rule_refusing_everything() -> Iterator[None]:
    """Each rule of POLICY replaced wherever a domain module holds it: modules import rules by name."""
    with pytest.MonkeyPatch.context() as patch:
        for module in DOMAIN:
            for name, value in list(vars(module).items()):
                if inspect.isfunction(value) and value in POLICY:
                    patch.setattr(module, name, refuse_everything)
        yield


Entry = tuple[datetime, Action | None]  # the clock at a moment, then the action accepted there, if any


def refused(state: MouState, action: Action, now: datetime) -> bool:
    try:
        check(state, action, now)
    except RuleViolation:
        return True
    return False


def record(state: MouState, steps: list[Any]) -> tuple[list[Entry], list[list[Event]]]:
    """The run as history keeps it: time passing, and the actions the validators accepted."""
    history: list[Entry] = []
    events: list[list[Event]] = []
    now = T0
    for actor, (kind, fields), hours in steps:
        now += timedelta(hours=hours)
        events.append(let_time_pass(state, now))
        try:
            action = kind.model_validate({"actor": actor.model_dump(), **fields})
        except ValidationError:
            action = None
        if action is not None and refused(state, action, now):
            action = None
        history.append((now, action))
        if action is not None:
            events.append(apply(state, action, now))
    return history, events


def replay(state: MouState, history: list[Entry]) -> list[list[Event]]:
    """As the workflow replays: the clock fires, and each accepted action is applied without its validator."""
    events: list[list[Event]] = []
    for now, action in history:
        events.append(let_time_pass(state, now))
        if action is not None:
            assert refused(state, action, now), f"{type(action).__name__} is still accepted: nothing was tightened"
            events.append(apply(state, action, now))
    return events


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps=STEPS, rules=st.sampled_from([FIRST_RULES, CURRENT_RULES]), start=st.sampled_from(list(STARTS)))
def test_what_the_validators_accepted_replays_while_every_rule_of_who_what_and_when_refuses_it(
    steps: list[Any], rules: int, start: str
) -> None:
    def started() -> MouState:
        state = STARTS[start](T0)  # the builders' applies are history too
        state.rules = rules
        return state

    recorded = started()
    history, events = record(recorded, steps)
    with every_policy_rule_refusing_everything():
        replayed = started()
        assert replay(replayed, history) == events
    assert replayed == recorded


def test_the_tightened_rules_are_those_of_rule_one() -> None:
    """The validators' own entry points are among them, and nothing a transition needs is."""
    assert {drafting.check_submit, drafting.check_start, signatures.check_sign, paperwork.check_request} <= POLICY
    assert not PLAN_CONSISTENCY & POLICY


def test_a_signature_before_any_ceremony_under_the_first_rules_replays_when_the_ceremony_rule_binds_them_too(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Accepted under the first edition, which signs at any time; the check then tightens (here the edition
    guard is dropped, so signatures are taken from the ceremony's start for every MoU): apply still replays it."""
    state = ready_to_sign()
    state.rules = FIRST_RULES
    history = state.model_copy(deep=True)
    signs = [
        Sign(actor=officer(HKTE), version=1, signatory=HKTE_SIGNATORY),
        Sign(actor=officer(QIANHAI), version=1, signatory=QIANHAI_SIGNATORY),
    ]
    recorded = []
    for sign in signs:
        signatures.check_sign(state, sign, T0)  # the validator of the day accepts it
        recorded.append(signatures.apply_sign(state, sign, T0))

    monkeypatch.setattr(signatures, "signs_at_ceremony", lambda state: True)
    with pytest.raises(WrongStage, match="no signing ceremony is scheduled"):
        signatures.check_sign(history, signs[0], T0)
    assert [signatures.apply_sign(history, sign, T0) for sign in signs] == recorded
    assert history == state and history.executed_version == 1


def test_a_ceremony_a_day_ahead_replays_when_ceremonies_must_be_set_a_week_ahead(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    state = ready_to_sign()
    history = state.model_copy(deep=True)
    tomorrow = ceremony().model_copy(update={"starts_at": T0 + timedelta(days=1)})
    signatures.check_new_ceremony(state, tomorrow, T0)
    recorded = signatures.apply_ceremony(state, tomorrow, T0)

    monkeypatch.setattr(signatures, "check_ceremony", a_week_ahead(signatures.check_ceremony))
    with pytest.raises(InvalidInput, match="a week ahead"):
        signatures.check_new_ceremony(history, tomorrow, T0)
    assert signatures.apply_ceremony(history, tomorrow, T0) == recorded and history == state


def a_week_ahead(
    rule: Callable[[MouState, ScheduleCeremony, datetime], None],
) -> Callable[[MouState, ScheduleCeremony, datetime], None]:
    def stricter(state: MouState, schedule: ScheduleCeremony, now: datetime) -> None:
        rule(state, schedule, now)
        if schedule.starts_at < now + timedelta(days=7):
            raise InvalidInput("a ceremony is set a week ahead", field="starts_at")

    return stricter
