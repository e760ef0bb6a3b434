"""Random sequences of actions with random field values, through the domain functions as the workflow calls
them: each one is refused by its validator's rules (a RuleViolation, or a ValidationError for input the API
answers with 422) and changes nothing, or its handler applies it without any error; the MoU still describes
itself afterwards."""

from datetime import UTC, date, datetime, timedelta
from typing import Any

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from mouflow.demo import HKTE, NANSHA, QIANHAI, SIGNATORIES, officer, symposium_mou
from mouflow.domain.actions import (
    Actor,
    AmendMilestones,
    AnswerComment,
    Close,
    ConfirmMilestone,
    DecideRenewal,
    Reopen,
    ReportProgress,
    Review,
    Revise,
    ScheduleCeremony,
    Sign,
    Submit,
    Terminate,
    VoidSignatures,
)
from mouflow.domain.enums import Role
from mouflow.domain.rules import CURRENT_RULES, FIRST_RULES
from mouflow.domain.summaries import describe
from mouflow.errors import RuleViolation
from mouflow.transitions import transition_of
from tests.domain import builders
from tests.domain.moves import apply, check, let_time_pass

T0 = datetime(2025, 5, 1, 2, 0, tzinfo=UTC)
PARTIES = [HKTE, QIANHAI, NANSHA]  # Nansha is not a party to this MoU
MILESTONE_IDS = ["joint-recruitment-fair", "talent-services-report", "annual-review", "new-one"]

officers = st.sampled_from([HKTE, QIANHAI]).map(officer)
actors = st.one_of(
    officers,
    officers,
    officers,
    st.builds(
        Actor,
        user_id=st.sampled_from(["u1", "u2"]),
        name=st.just("Someone"),
        party_id=st.sampled_from([p.id for p in PARTIES]),
        role=st.sampled_from(list(Role)),
    ),
)
versions = st.one_of(st.just(1), st.just(1), st.integers(min_value=1, max_value=4))
any_date = st.one_of(
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)),
    st.dates(min_value=date(2024, 1, 1), max_value=date(2032, 12, 31)),
)
any_moment = st.one_of(
    st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30), timezones=st.just(UTC)),
    st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2031, 1, 1), timezones=st.just(UTC)),
)
reasons = st.text(min_size=0, max_size=20)
COMMENT_IDS = ["c1", "c2", "c3", "c9"]


def clause_comment() -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(
        {"clause": st.integers(min_value=1, max_value=6), "language": st.sampled_from(["en", "zh"]), "text": reasons}
    )


def plan_item() -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(
        {
            "id": st.sampled_from(MILESTONE_IDS),
            "title": st.just({"en": "Milestone", "zh": "里程碑"}),
            "owner_party_id": st.sampled_from([p.id for p in PARTIES]),
        },
        optional={
            "due_date": any_date,
            "offset_months": st.integers(min_value=0, max_value=240),
            "offset_days": st.integers(min_value=0, max_value=3660),
            "requires_confirmation": st.booleans(),
        },
    )


def content() -> st.SearchStrategy[dict[str, Any]]:
    base = symposium_mou(QIANHAI, "hkte-qianhai-2025").content.model_dump()
    return st.fixed_dictionaries(
        {
            "term_months": st.integers(min_value=1, max_value=240),
            "notice_months": st.integers(min_value=0, max_value=24),
            "effective_date": st.one_of(st.none(), any_date),
            "milestones": st.lists(plan_item(), max_size=3),
        }
    ).map(lambda changes: base | changes)


def signatory(party_id: str) -> dict[str, Any]:
    return SIGNATORIES[party_id].model_dump()


ACTIONS = st.one_of(
    st.fixed_dictionaries({"base_version": versions, "content": content()}).map(lambda d: (Revise, d)),
    st.fixed_dictionaries({"version": versions, "review_days": st.integers(1, 180)}).map(lambda d: (Submit, d)),
    st.fixed_dictionaries(
        {
            "version": versions,
            "decision": st.sampled_from(["approve", "request_changes"]),
            "comment": reasons,
            "clause_comments": st.lists(clause_comment(), max_size=3),
        }
    ).map(lambda d: (Review, d)),
    st.fixed_dictionaries(
        {
            "comment_id": st.sampled_from(COMMENT_IDS),
            "resolution": st.sampled_from(["addressed", "answered"]),
            "reply": reasons,
        }
    ).map(lambda d: (AnswerComment, d)),
    st.fixed_dictionaries({"starts_at": any_moment, "venue": st.just({"en": "Tamar", "zh": "添馬"})}).map(
        lambda d: (ScheduleCeremony, d)
    ),
    st.fixed_dictionaries(
        {
            "version": versions,
            "mode": st.sampled_from(["at_ceremony", "in_counterpart"]),
            "party": st.sampled_from(["hkte", "qianhai"]),
        }
    ).map(lambda d: (Sign, {"version": d["version"], "mode": d["mode"], "signatory": signatory(d["party"])})),
    st.fixed_dictionaries(
        {"milestone_id": st.sampled_from(MILESTONE_IDS), "status": st.sampled_from(["in_progress", "done"])}
    ).map(lambda d: (ReportProgress, d)),
    st.fixed_dictionaries({"milestone_id": st.sampled_from(MILESTONE_IDS)}).map(lambda d: (ConfirmMilestone, d)),
    st.fixed_dictionaries(
        {
            "milestones": st.lists(plan_item(), max_size=2),
            "reschedule": st.lists(
                st.fixed_dictionaries({"milestone_id": st.sampled_from(MILESTONE_IDS), "due_date": any_date}),
                max_size=2,
            ),
            "remove": st.lists(st.sampled_from(MILESTONE_IDS), max_size=2),
            "reason": st.just("r"),
        }
    ).map(lambda d: (AmendMilestones, d)),
    st.fixed_dictionaries({"renew": st.booleans()}).map(lambda d: (DecideRenewal, d)),
    st.fixed_dictionaries({"reason": reasons}).map(lambda d: (Close, d)),
    st.fixed_dictionaries({"reason": reasons, "by": st.sampled_from(["notice", "agreement"])}).map(
        lambda d: (Terminate, d)
    ),
    st.fixed_dictionaries({"reason": reasons}).map(lambda d: (Reopen, d)),
    st.fixed_dictionaries({"reason": reasons}).map(lambda d: (VoidSignatures, d)),
)
STEPS = st.lists(
    st.tuples(actors, ACTIONS, st.one_of(st.just(0), st.integers(min_value=0, max_value=400 * 24))),  # hours first
    min_size=1,
    max_size=40,
)


STARTS = {
    "drafted": builders.drafted,
    "in review": builders.in_review,
    "ready to sign": builders.ready_to_sign,
    "at the ceremony": builders.signing_open,
    "in force": builders.executed,
}


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps=STEPS, rules=st.sampled_from([FIRST_RULES, CURRENT_RULES]), start=st.sampled_from(list(STARTS)))
def test_every_action_applies_or_is_refused_as_a_rule(steps, rules: int, start: str) -> None:
    state = STARTS[start](T0)
    state.rules = rules
    now = T0
    for actor, (kind, fields), hours in steps:
        now += timedelta(hours=hours)
        let_time_pass(state, now)
        try:
            action = kind.model_validate({"actor": actor.model_dump(), **fields})
        except ValidationError:
            continue  # the API answers 422 before anything reaches the workflow
        before = state.model_copy(deep=True)
        try:
            check(state, action, now)  # the Update's validator: new input is judged here
        except RuleViolation as refused:
            assert state == before, f"{kind.__name__} was refused ({refused.message}) but changed the state"
            assert refused.message and refused.code != "rule_violation"
            continue
        apply(state, action, now)  # what the validator let through, the handler applies: never an error
        state.seq += 1
        transition_of("mou-x", state, [])  # the store's message, status included, can always be made
        describe(state)
    event(f"from {start} to {state.stage}")
