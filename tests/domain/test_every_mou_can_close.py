"""From every state the parties can reach, they can still reach a closed one: no dead end.

Milestone progress is left out (it never opens or closes a stage), and states that differ only in
how many terms passed or how often signatures were voided count as one.

A breadth-first walk over the real domain functions, with each party's officer taking every action
they may (the clock included), from a new three-party MoU under the current rules and from a
two-party one under the first rules. Each state reached must have a path to a closed stage.
"""

from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pytest

from mouflow.demo import NANSHA, QIANHAI, SIGNATORIES, officer, symposium_mou
from mouflow.domain import clock, drafting, term
from mouflow.domain.actions import (
    Action,
    Close,
    DecideRenewal,
    Reopen,
    Review,
    Revise,
    ScheduleCeremony,
    Sign,
    Submit,
    Terminate,
    VoidSignatures,
)
from mouflow.domain.calendar import start_of_day
from mouflow.domain.content import Party
from mouflow.domain.enums import EXECUTED_STAGES, ReviewDecision, SigningMode, Stage, TerminationWay
from mouflow.domain.rules import CURRENT_RULES, FIRST_RULES
from mouflow.domain.state import MouState
from mouflow.errors import RuleViolation, WrongStage
from tests.domain import moves
from tests.domain.moves import apply, check

T0 = datetime(2025, 5, 1, 2, 0, tzinfo=UTC)
MAX_STATES = 4_000
MAX_VERSIONS = 2  # a second draft is enough to show that revising leads somewhere


@dataclass
class Node:
    state: MouState
    now: datetime


def key(node: Node) -> str:
    """What tells two states apart for the walk: what the next actions depend on, no clocks or records."""
    state = node.state
    if state.stage.is_terminal:
        return state.stage
    if state.stage in EXECUTED_STAGES:  # how it came to be signed no longer matters
        decisions = ",".join(sorted(f"{p}{d.renew}" for p, d in state.term.decisions.items())) if state.term else "-"
        consents = ",".join(sorted(state.termination_consents))
        notice = state.termination_notice is not None
        asked = state.term is not None and state.term.renewal_notice_sent
        return f"{state.stage}|{min(len(state.terms), 3)}|{asked}|{decisions}|{notice}|{consents}"
    return "|".join(
        [
            state.stage,
            str(len(state.versions)),
            str(state.approved_version),
            ",".join(sorted(s.party_id + s.mode for s in state.signatures)),
            ",".join(sorted(state.open_round.reviews)) if state.open_round else "-",
            str(min(len(state.voided_signatures), 1)),
            str(bool(state.ceremony)),
            str(state.ceremony is not None and node.now >= state.ceremony.starts_at),
        ]
    )


def human_actions(node: Node) -> Iterator[Action]:
    state = node.state
    for party in state.parties:
        actor = officer(party)
        version = state.current_version.number
        yield Submit(actor=actor, version=version)
        for decision in ReviewDecision:
            yield Review(actor=actor, version=version, decision=decision, comment="A change, please")
        for mode in SigningMode:
            yield Sign(actor=actor, version=state.approved_version or 1, signatory=SIGNATORIES[party.id], mode=mode)
        for by in (TerminationWay.NOTICE, TerminationWay.AGREEMENT):
            yield Terminate(actor=actor, reason="Ends", by=by)
        for renew in (True, False):
            yield DecideRenewal(actor=actor, renew=renew)
    owner = officer(state.owner)
    if len(state.versions) < MAX_VERSIONS:
        yield Revise(actor=owner, base_version=state.current_version.number, content=state.current_version.content)
    yield ScheduleCeremony(actor=owner, starts_at=node.now + timedelta(days=1), venue=SIGNATORIES_VENUE)
    yield Reopen(actor=owner, reason="A late change")
    yield VoidSignatures(actor=owner, reason="A late change")
    yield Close(actor=owner, reason="No longer needed")


SIGNATORIES_VENUE = symposium_mou(QIANHAI, "x-mou").content.title  # any bilingual text will do for a venue


def successors(node: Node) -> Iterator[Node]:
    for action in human_actions(node):
        try:
            check(node.state, action, node.now)
        except RuleViolation:
            continue
        state = node.state.model_copy(deep=True)
        apply(state, action, node.now)
        yield Node(state, node.now)
    turn = next_turn(node.state, node.now)
    if turn is not None:  # time passes to the next moment that can change the stage; the clock fires on the way
        state = node.state.model_copy(deep=True)
        clock.fire_due(state, turn)
        yield Node(state, turn)


def next_turn(state: MouState, now: datetime) -> datetime | None:
    """The ceremony's start, coming into force, the renewal notice, the end of a notice or of the term."""
    turns = []
    if state.ceremony is not None and now < state.ceremony.starts_at:
        turns.append(state.ceremony.starts_at)
    if state.stage in EXECUTED_STAGES and state.term is not None:
        turns.append(start_of_day(state.term.effective_date))
        if not state.term.renewal_notice_sent:
            turns.append(clock.morning_of(state.term.end_date - timedelta(days=clock.RENEWAL_NOTICE_DAYS)))
        turns.append(start_of_day(state.term.end_date))
    if state.termination_notice is not None:
        turns.append(start_of_day(state.termination_notice.ends_on))
    later = [turn for turn in turns if turn > now]
    return min(later, default=None)


def walk(first: Node) -> tuple[dict[str, Node], dict[str, set[str]]]:
    seen = {key(first): first}
    edges: dict[str, set[str]] = {}
    queue = deque([first])
    while queue:
        node = queue.popleft()
        here = key(node)
        edges[here] = set()
        for after in successors(node):
            there = key(after)
            edges[here].add(there)
            if there not in seen and len(seen) < MAX_STATES:
                seen[there] = after
                queue.append(after)
    return seen, edges


def closable(seen: dict[str, Node], edges: dict[str, set[str]]) -> set[str]:
    """Every state from which some path leads to a closed stage."""
    good = {k for k, node in seen.items() if node.state.stage.is_terminal}
    changed = True
    while changed:
        changed = False
        for here, theirs in edges.items():
            if here not in good and theirs & good:
                good.add(here)
                changed = True
    return good


def dead_ends(rules: int, partners: list[Party]) -> tuple[list[str], set[Stage]]:
    start = symposium_mou(QIANHAI, "x-mou", effective_date=date(2025, 7, 1)).model_copy(update={"partners": partners})
    state, _ = drafting.start_mou(start, T0, rules)
    seen, edges = walk(Node(state, T0))
    assert len(seen) < MAX_STATES, "the walk did not finish: raise MAX_STATES"
    good = closable(seen, edges)
    return [k for k in seen if k not in good], {node.state.stage for node in seen.values()}


@pytest.mark.parametrize(("rules", "partners"), [(CURRENT_RULES, [QIANHAI, NANSHA]), (FIRST_RULES, [QIANHAI])])
def test_from_every_reachable_state_the_parties_can_close_the_mou(rules: int, partners: list[Party]) -> None:
    found, stages = dead_ends(rules, partners)
    assert stages == set(Stage), f"the walk should reach every stage, reached {sorted(stages)}"
    assert found == [], f"{len(found)} states cannot be closed, e.g. {found[:3]}"


def test_the_walk_finds_a_dead_end_where_there_is_one(monkeypatch: pytest.MonkeyPatch) -> None:
    """Were termination refused and every term renewed, an MoU in force could never close."""

    def refused(state: MouState, action: Terminate, now: datetime) -> None:
        raise WrongStage("termination refused for this check")

    monkeypatch.setitem(moves.CHECK, Terminate, refused)
    monkeypatch.setattr(term, "all_agree_to_renew", lambda state: True)
    found, _ = dead_ends(CURRENT_RULES, [QIANHAI])
    assert found and all(k.startswith(("in_force", "signed")) for k in found)
