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
from mouflow.domain import clock, drafting
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
from mouflow.domain.enums import EXECUTED_STAGES, ReviewDecision, SigningMode, Stage, TerminationWay
from mouflow.domain.errors import RuleViolation
from mouflow.domain.rules import CURRENT_RULES, FIRST_RULES
from mouflow.domain.state import MouState
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
        when = clock.next_moment(state) if len(state.terms) <= 2 else "later terms"  # the clock moves it on
        return f"{state.stage}|{min(len(state.terms), 3)}|{decisions}|{notice}|{consents}|{when}"
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
        for by in TerminationWay:
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
    moment = clock.next_moment(node.state)
    if node.state.ceremony is not None and node.now < node.state.ceremony.starts_at:
        moment = min(moment or node.state.ceremony.starts_at, node.state.ceremony.starts_at)
    if moment is not None:  # time passes to the next thing the clock or the ceremony does
        state = node.state.model_copy(deep=True)
        later = max(moment, node.now)
        clock.fire_due(state, later)
        yield Node(state, later)


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


@pytest.mark.parametrize(
    ("rules", "partners"), [(CURRENT_RULES, [QIANHAI, NANSHA]), (FIRST_RULES, [QIANHAI]), (CURRENT_RULES, [QIANHAI])]
)
def test_from_every_reachable_state_the_parties_can_close_the_mou(rules: int, partners) -> None:
    start = symposium_mou(QIANHAI, "x-mou", effective_date=date(2025, 7, 1)).model_copy(update={"partners": partners})
    state, _ = drafting.start_mou(start, T0, rules)
    seen, edges = walk(Node(state, T0))
    assert len(seen) < MAX_STATES, "the walk did not finish: raise MAX_STATES"
    stages = {node.state.stage for node in seen.values()}
    assert stages >= set(Stage), f"the walk should reach every stage, reached {sorted(stages)}"
    dead_ends = [k for k in seen if k not in closable(seen, edges)]
    assert dead_ends == [], f"{len(dead_ends)} states cannot be closed, e.g. {dead_ends[:3]}"
