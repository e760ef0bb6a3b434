"""Who hears of each notification: built from real transitions with the domain functions, no I/O."""

from datetime import timedelta

import pytest

from mouflow.demo import HKTE, officer
from mouflow.domain import review
from mouflow.domain.actions import Review
from mouflow.domain.clock import fire_due
from mouflow.domain.enums import EventKind, ReviewDecision, Role
from mouflow.domain.state import Event, MouState
from mouflow.notify.audience import EVERY_ROLE, Audience, audience_of
from mouflow.notify.events import NotificationPayload, NotificationType, notifications_of
from mouflow.transitions import transition_of
from tests.domain.builders import T0, executed, in_review

T = NotificationType


def payloads_after(state: MouState, days: float) -> dict[NotificationType, NotificationPayload]:
    """What the clock notifies once `days` have passed since T0."""
    events = fire_due(state, T0 + timedelta(days=days))
    state.seq += 1
    return {payload.type: payload for _, payload in notifications_of(transition_of("wf", state, events))}


def reviewed_by_hkte() -> MouState:
    state = in_review(review_days=14)
    review.apply_review(state, Review(actor=officer(HKTE), version=1, decision=ReviewDecision.APPROVE), T0)
    return state


def test_a_review_reminder_goes_to_the_officers_of_the_parties_yet_to_review_only() -> None:
    reminder = payloads_after(reviewed_by_hkte(), 11)[T.REVIEW_REMINDER]
    assert audience_of(reminder) == [Audience(party_id="qianhai", roles=(Role.OFFICER,))]


def test_the_escalation_goes_to_the_managers_of_the_owner_and_of_each_late_party() -> None:
    escalated = payloads_after(reviewed_by_hkte(), 14)[T.REVIEW_ESCALATED]
    manager = (Role.MANAGER,)
    assert audience_of(escalated) == [
        Audience(party_id="hkte", roles=manager),
        Audience(party_id="qianhai", roles=manager),
    ]


def test_an_owner_that_is_late_itself_is_told_once() -> None:
    escalated = payloads_after(in_review(review_days=14), 14)[T.REVIEW_ESCALATED]
    assert escalated.mou.awaiting_review == ["hkte", "qianhai"]
    assert [member.party_id for member in audience_of(escalated)] == ["hkte", "qianhai"]


def test_a_milestone_reminder_goes_to_the_party_that_owns_the_milestone_only() -> None:
    state = executed()
    milestone = next(m for m in state.milestones if m.owner_party_id == "qianhai")
    days = (milestone.due_date - T0.date()).days - 14
    ((_, due_soon),) = notifications_of(
        transition_of(
            "wf", state, [e for e in fire_due(state, T0 + timedelta(days=days)) if e.milestone_id == milestone.id]
        )
    )
    assert due_soon.type is T.MILESTONE_DUE_SOON
    assert audience_of(due_soon) == [Audience(party_id="qianhai", roles=EVERY_ROLE)]


@pytest.mark.parametrize(
    "kind",
    [
        EventKind.TERMINATION_NOTICE,
        EventKind.TERMINATED,
        EventKind.SIGNATURES_VOIDED,
        EventKind.REOPENED,
        EventKind.SIGNED,
        EventKind.MILESTONE_OVERDUE,
    ],
)
def test_everyone_is_told_of_the_other_events(kind: EventKind) -> None:
    event = Event(kind=kind, at=T0, party_id="qianhai", detail="ends on 2026-06-30")
    ((_, payload),) = notifications_of(transition_of("wf", executed(), [event]))
    assert audience_of(payload) == [Audience(party_id=p, roles=EVERY_ROLE) for p in ("hkte", "qianhai")]


def test_no_party_outside_the_mou_is_ever_told() -> None:
    reminder = payloads_after(reviewed_by_hkte(), 11)[T.REVIEW_REMINDER]
    stray = reminder.model_copy(update={"mou": reminder.mou.model_copy(update={"awaiting_review": ["nansha"]})})
    assert audience_of(stray) == []
    escalated = payloads_after(reviewed_by_hkte(), 14)[T.REVIEW_ESCALATED]
    old_row = escalated.model_copy(update={"mou": escalated.mou.model_copy(update={"owner_party_id": ""})})
    assert [member.party_id for member in audience_of(old_row)] == ["qianhai"]
