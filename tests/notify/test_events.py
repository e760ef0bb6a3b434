"""Which events notify the parties, and what the outbox keeps of them."""

from datetime import date

import pytest

from mouflow.domain.enums import EventKind
from mouflow.domain.state import Event
from mouflow.notify.events import (
    NotificationType,
    notification_id,
    notification_type,
    notifications_of,
    wanted_by,
)
from mouflow.transitions import transition_of
from tests.domain.builders import T0, executed, in_review

T = NotificationType
EXPECTED = {
    EventKind.SUBMITTED: T.SUBMITTED_FOR_REVIEW,
    EventKind.REVIEWED: T.REVIEW_RECORDED,
    EventKind.CHANGES_REQUESTED: T.REVIEW_RECORDED,
    EventKind.CEREMONY_SCHEDULED: T.CEREMONY_SCHEDULED,
    EventKind.CEREMONY_RESCHEDULED: T.CEREMONY_SCHEDULED,
    EventKind.SIGNED: T.SIGNED,
    EventKind.IN_FORCE: T.IN_FORCE,
    EventKind.MILESTONE_REMINDER: T.MILESTONE_DUE_SOON,
    EventKind.MILESTONE_OVERDUE: T.MILESTONE_OVERDUE,
    EventKind.RENEWAL_DUE: T.RENEWAL_DUE,
    EventKind.REVIEW_REMINDER: T.REVIEW_REMINDER,
    EventKind.REVIEW_ESCALATED: T.REVIEW_ESCALATED,
    EventKind.REOPENED: T.REOPENED,
    EventKind.SIGNATURES_VOIDED: T.SIGNATURES_VOIDED,
    EventKind.TERMINATION_NOTICE: T.TERMINATION_NOTICE,
    EventKind.TERMINATION_CONSENTED: T.TERMINATION_CONSENTED,
    EventKind.TERMINATED: T.TERMINATED,
}


@pytest.mark.parametrize("kind", list(EventKind))
def test_each_event_kind_maps_to_its_type_or_to_none(kind: EventKind) -> None:
    assert notification_type(kind) == EXPECTED.get(kind)


def test_every_type_has_an_event() -> None:
    assert set(EXPECTED.values()) == set(NotificationType)


def test_an_empty_filter_wants_everything_and_a_list_only_its_types() -> None:
    assert all(wanted_by([], kind) for kind in NotificationType)
    assert wanted_by(["signed"], T.SIGNED) and not wanted_by(["signed"], T.IN_FORCE)


def test_the_payload_names_the_mou_its_parties_and_the_event() -> None:
    state = in_review()
    events = [Event(kind=EventKind.REVISED, at=T0), Event(kind=EventKind.SUBMITTED, at=T0, version=1)]
    found = notifications_of(transition_of("mou-hkte-qianhai-2025", state, events))
    assert [position for position, _ in found] == [1]  # a revision is not notified; the submission is
    payload = found[0][1]
    assert payload.type is T.SUBMITTED_FOR_REVIEW
    assert (payload.mou.id, payload.mou.stage, payload.mou.party_ids) == (
        "hkte-qianhai-2025",
        "in_review",
        ["hkte", "qianhai"],
    )
    assert payload.mou.title_en.startswith("Memorandum") and "前海" in payload.mou.title_zh
    assert (payload.event.version, payload.event.at, payload.event.milestone) == (1, T0, None)
    assert payload.mou.seq == state.seq
    assert (payload.mou.owner_party_id, payload.mou.awaiting_review) == ("hkte", ["hkte", "qianhai"])


def test_a_milestone_event_carries_the_milestone_title_and_due_date() -> None:
    state = executed()
    milestone = state.milestones[0]
    event = Event(kind=EventKind.MILESTONE_OVERDUE, at=T0, milestone_id=milestone.id, party_id=milestone.owner_party_id)
    ((_, payload),) = notifications_of(transition_of("mou-hkte-qianhai-2025", state, [event]))
    assert payload.event.milestone is not None
    assert (payload.event.milestone.id, payload.event.milestone.title_en) == (milestone.id, milestone.title.en)
    assert isinstance(payload.event.milestone.due_date, date) and payload.event.party_id == milestone.owner_party_id


def test_the_notification_id_is_deterministic_and_fits_a_message_id() -> None:
    assert notification_id("hkte-qianhai-2025", 12, 3) == "hkte-qianhai-2025.12.3"
    assert ":" not in notification_id("a-b", 1, 0)
