"""The delivery activities on their own, against the real database and a local receiver:
what each kind of answer does to the delivery, and that every attempt is on record."""

import dataclasses
import socket
import threading
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager

import httpx
import pytest
from cryptography.fernet import Fernet
from pydantic import SecretStr
from sqlalchemy.orm import Session, sessionmaker
from temporalio.exceptions import ApplicationError
from temporalio.testing import ActivityEnvironment

from activities.notify import DeliveryLedger, WebhookActivities
from mouflow.demo import HKTE, QIANHAI
from mouflow.domain.enums import EventKind
from mouflow.domain.state import Event
from mouflow.notify.models import Deliver
from mouflow.sealed_secrets import Sealer
from mouflow.store.db import session_scope
from mouflow.store.deliveries import plan_deliveries
from mouflow.store.notify_tables import WebhookRow
from mouflow.store.parties import create_party
from mouflow.store.projection import record_transition
from mouflow.store.webhooks import create_webhook, deactivate_webhook, get_webhook, list_webhooks
from mouflow.transitions import transition_of
from tests.conftest import TEST_SETTINGS
from tests.domain.builders import T0, in_review
from tests.notify import flow
from tests.notify.receiver import Receiver, receiving

SEALER = Sealer(TEST_SETTINGS)


@pytest.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(timeout=5, trust_env=False) as client:
        yield client


def planned_delivery(sessions: sessionmaker[Session], url: str) -> str:
    """A submitted MoU with one webhook of HKTE's at `url`; returns the delivery's id."""
    state = in_review()
    with session_scope(sessions) as session:
        for party in (HKTE, QIANHAI):
            create_party(session=session, party=party)
        transition = transition_of("mou-hkte-qianhai-2025", state, [Event(kind=EventKind.SUBMITTED, at=T0, version=1)])
        record_transition(session=session, transition=transition)
        create_webhook(session=session, sealer=SEALER, party_id="hkte", url=url, events=[], created_by="u-test")
        (planned,) = plan_deliveries(
            session=session, notification_id=f"hkte-qianhai-2025.{state.seq}.0", email_enabled=False
        )
        return planned.delivery_id


async def attempt(
    sessions: sessionmaker[Session], http: httpx.AsyncClient, delivery_id: str, number: int = 1, private: bool = True
) -> None:
    env = ActivityEnvironment()
    env.info = dataclasses.replace(env.info, attempt=number)
    activities = WebhookActivities(DeliveryLedger(sessions), http, sealer=SEALER, allow_private=private)
    await env.run(activities.deliver, Deliver(delivery_id=delivery_id))


def record_of(
    sessions: sessionmaker[Session], delivery_id: str
) -> tuple[str, list[tuple[int, int | None, str | None]]]:
    row, attempts = flow.deliveries(sessions)[delivery_id]
    return row.status, [(a.attempt, a.status_code, a.error) for a in attempts]


def with_secret(receiver: Receiver, sessions: sessionmaker[Session], path: str) -> None:
    with sessions() as session:
        receiver.secrets[path] = SEALER.open(the_webhook(session).secret)


def the_webhook(session: Session) -> WebhookRow:
    (hook,) = list_webhooks(session=session, party_id="hkte")
    return hook


async def test_a_delivered_delivery_is_not_sent_again(sessions: sessionmaker[Session], http: httpx.AsyncClient) -> None:
    with receiving() as receiver:
        delivery = planned_delivery(sessions, receiver.base_url + "/ok")
        with_secret(receiver, sessions, "/ok")
        await attempt(sessions, http, delivery)
        await attempt(sessions, http, delivery, number=2)  # a retry after a lost completion
        assert len(receiver.on("/ok")) == 1 and receiver.on("/ok")[0].signed
    assert record_of(sessions, delivery) == ("delivered", [(1, 200, None)])


async def test_a_private_address_is_refused_for_good_unless_allowed(
    sessions: sessionmaker[Session], http: httpx.AsyncClient
) -> None:
    with receiving() as receiver:
        delivery = planned_delivery(sessions, receiver.base_url + "/inside")
        with pytest.raises(ApplicationError) as refused:
            await attempt(sessions, http, delivery, private=False)
        assert refused.value.non_retryable and receiver.received == []
    status, attempts = record_of(sessions, delivery)
    assert status == "failed" and attempts[0][1] is None and "127.0.0.1" in (attempts[0][2] or "")


async def test_a_rate_limit_or_a_closed_port_is_retried_and_recorded(
    sessions: sessionmaker[Session], http: httpx.AsyncClient
) -> None:
    with receiving() as receiver:
        receiver.script["/busy"] = [429]
        delivery = planned_delivery(sessions, receiver.base_url + "/busy")
        with pytest.raises(ApplicationError) as busy:
            await attempt(sessions, http, delivery)
        assert not busy.value.non_retryable
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    with session_scope(sessions) as session:
        hook = the_webhook(session)
        hook.url = f"http://127.0.0.1:{closed}/busy"
    with pytest.raises(ApplicationError) as down:
        await attempt(sessions, http, delivery, number=2)
    assert not down.value.non_retryable
    status, attempts = record_of(sessions, delivery)
    assert status == "pending" and [(n, code) for n, code, _ in attempts] == [(1, 429), (2, None)]
    assert "ConnectError" in (attempts[1][2] or "")


async def test_a_removed_webhook_is_skipped(sessions: sessionmaker[Session], http: httpx.AsyncClient) -> None:
    with receiving() as receiver:
        delivery = planned_delivery(sessions, receiver.base_url + "/removed")
        with session_scope(sessions) as session:
            hook = the_webhook(session)
            row = get_webhook(session=session, party_id="hkte", webhook_id=hook.id)
            assert row is not None
            deactivate_webhook(session=session, row=row)
        await attempt(sessions, http, delivery)
        assert receiver.received == []
    assert record_of(sessions, delivery)[0] == "skipped"


async def test_a_url_no_request_can_reach_fails_for_good_and_is_recorded(
    sessions: sessionmaker[Session], http: httpx.AsyncClient
) -> None:
    delivery = planned_delivery(sessions, "http://127.0.0.1:99999/hook")  # registered before the API checked ports
    with pytest.raises(ApplicationError) as refused:
        await attempt(sessions, http, delivery)
    assert refused.value.non_retryable
    status, attempts = record_of(sessions, delivery)
    assert status == "failed" and "cannot be called" in (attempts[0][2] or "")


async def test_a_receiver_trickling_its_answer_is_cut_off_at_the_deadline(
    sessions: sessionmaker[Session], http: httpx.AsyncClient
) -> None:
    """httpx's timeout bounds each read; a byte every 0.2 s passes that for ever, the deadline does not."""
    with trickling_server() as url:
        delivery = planned_delivery(sessions, url)
        env = ActivityEnvironment()
        activities = WebhookActivities(
            DeliveryLedger(sessions), http, sealer=SEALER, allow_private=True, deadline_seconds=1.0
        )
        started = time.monotonic()
        with pytest.raises(ApplicationError) as cut:
            await env.run(activities.deliver, Deliver(delivery_id=delivery))
        assert time.monotonic() - started < 4 and not cut.value.non_retryable
    status, attempts = record_of(sessions, delivery)
    assert status == "pending" and "TimeoutError" in (attempts[0][2] or "")


@contextmanager
def trickling_server() -> Iterator[str]:
    stop = threading.Event()
    listener = socket.create_server(("127.0.0.1", 0))

    def serve() -> None:
        connection, _ = listener.accept()
        with connection:
            connection.recv(65536)
            for byte in b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n":
                if stop.wait(0.2):
                    return
                connection.sendall(bytes([byte]))

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/slow"
    finally:
        stop.set()
        listener.close()
        thread.join(timeout=5)


async def test_a_secret_that_does_not_open_fails_the_delivery_at_once(
    sessions: sessionmaker[Session], http: httpx.AsyncClient
) -> None:
    delivery = planned_delivery(sessions, "http://127.0.0.1:9/hook")
    other = Sealer(TEST_SETTINGS.model_copy(update={"secrets_key": SecretStr(Fernet.generate_key().decode())}))
    with session_scope(sessions) as session:
        the_webhook(session).secret = other.seal("whsec_sealed_elsewhere")  # another key: it cannot be opened
    with pytest.raises(ApplicationError) as refused:
        await attempt(sessions, http, delivery)
    assert refused.value.non_retryable  # no retry opens it
    status, attempts = record_of(sessions, delivery)
    assert status == "failed" and "cannot be read" in str(attempts[0][2])
