"""The delivery planner asks the audience rule: users of the right party and role, webhooks of the right
parties as their filters say; against the real database."""

from datetime import timedelta

from sqlalchemy.orm import Session, sessionmaker

from mouflow.demo import HKTE, NANSHA, QIANHAI, officer
from mouflow.domain import review
from mouflow.domain.actions import Review
from mouflow.domain.clock import fire_due
from mouflow.domain.enums import EventKind, ReviewDecision, Role
from mouflow.domain.state import Event, MouState
from mouflow.notify.models import Channel
from mouflow.sealed_secrets import Sealer
from mouflow.store.db import session_scope
from mouflow.store.deliveries import plan_deliveries
from mouflow.store.parties import create_party
from mouflow.store.projection import record_transition
from mouflow.store.users import create_user
from mouflow.store.webhooks import create_webhook
from mouflow.transitions import transition_of
from tests.conftest import TEST_SETTINGS
from tests.domain.builders import T0, in_review, ready_to_sign

SEALER = Sealer(TEST_SETTINGS)


def people(sessions: sessionmaker[Session]) -> dict[str, str]:
    """An officer and a manager with addresses, and two webhooks (one wanting only `signed`), per party."""
    ids = {}
    with session_scope(sessions) as session:
        for party in (HKTE, QIANHAI, NANSHA):
            create_party(session=session, party=party)
        session.flush()
        for party in ("hkte", "qianhai", "nansha"):
            for role in (Role.OFFICER, Role.MANAGER):
                user, _ = create_user(session=session, name="x", party_id=party, role=role, email=f"{role}@{party}.ex")
                ids[user.id] = f"{role.value}@{party}"
            for events in ([], ["signed"]):
                hook, _ = create_webhook(
                    session=session, sealer=SEALER, party_id=party, url="https://h.ex", events=events, created_by="t"
                )
                ids[hook.id] = f"hook{'-signed' if events else ''}@{party}"
    return ids


def planned(sessions: sessionmaker[Session], state: MouState, events: list[Event], ids: dict[str, str]) -> set[str]:
    """Whom the transition's single notification is planned for, by the names `people` gave them."""
    with session_scope(sessions) as session:
        record_transition(session=session, transition=transition_of("wf", state, events))
        found = plan_deliveries(session=session, notification_id=f"hkte-qianhai-2025.{state.seq}.0", email_enabled=True)
    targets = {delivery.delivery_id.rsplit(".", 1)[1]: delivery.channel for delivery in found}
    assert all((channel is Channel.WEBHOOK) == ids[target].startswith("hook") for target, channel in targets.items())
    return {ids[target] for target in targets}


def test_a_reminder_is_planned_for_the_officer_and_the_webhook_of_the_party_yet_to_review(
    sessions: sessionmaker[Session],
) -> None:
    ids = people(sessions)
    state = in_review(review_days=14)
    review.apply_review(state, Review(actor=officer(HKTE), version=1, decision=ReviewDecision.APPROVE), T0)
    state.seq += 1
    events = fire_due(state, T0 + timedelta(days=11))
    assert [event.kind for event in events] == [EventKind.REVIEW_REMINDER]
    assert planned(sessions, state, events, ids) == {"officer@qianhai", "hook@qianhai"}


def test_a_signature_is_planned_for_everyone_of_the_mou_as_their_filters_say(sessions: sessionmaker[Session]) -> None:
    ids = people(sessions)
    events = [Event(kind=EventKind.SIGNED, at=T0, party_id="qianhai")]
    everyone = {
        f"{who}@{party}" for who in ("officer", "manager", "hook", "hook-signed") for party in ("hkte", "qianhai")
    }
    assert planned(sessions, ready_to_sign(), events, ids) == everyone


def test_a_reminder_no_party_of_the_mou_awaits_is_planned_for_nobody(sessions: sessionmaker[Session]) -> None:
    ids = people(sessions)
    state = ready_to_sign()  # every party has reviewed
    assert planned(sessions, state, [Event(kind=EventKind.REVIEW_REMINDER, at=T0, version=1)], ids) == set()
