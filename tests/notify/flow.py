"""Drive one MoU through the API as far as the tests need, and wait until its notifications are settled."""

import asyncio
from datetime import timedelta

import httpx
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from temporalio.client import Client
from temporalio.testing import WorkflowEnvironment

from mouflow.domain.enums import Role
from mouflow.names import notification_workflow_id
from mouflow.store.notify_tables import DeliveryAttemptRow, DeliveryRow, NotificationRow
from tests import symposium as case
from tests.api.conftest import Users
from tests.ceremony import until

MOU = "/mous/hkte-qianhai-2025"


async def call(api: httpx.AsyncClient, users: Users, method: str, path: str, party: str, body: object = None) -> dict:  # type: ignore[type-arg]
    response = await api.request(method, path, json=body, headers=users.headers(party, Role.OFFICER))
    assert response.status_code in (200, 201), f"{method} {path}: {response.status_code} {response.text}"
    return response.json()  # type: ignore[no-any-return]


async def start_and_submit(api: httpx.AsyncClient, users: Users) -> None:
    content = case.QIANHAI_MOU.content.model_dump(mode="json")
    start = {"mou_id": "hkte-qianhai-2025", "partner_ids": ["qianhai"], "content": content}
    await call(api, users, "POST", "/mous", "hkte", start)
    await call(api, users, "POST", f"{MOU}/submit", "hkte", {"version": 1})


async def approve_and_sign(api: httpx.AsyncClient, users: Users, env: WorkflowEnvironment) -> None:
    for party in ("hkte", "qianhai"):
        await call(api, users, "POST", f"{MOU}/reviews", party, {"version": 1, "decision": "approve"})
    at = await env.get_current_time() + timedelta(days=2)
    ceremony = case.ceremony(at).model_dump(mode="json", exclude={"actor", "request_id"})
    await call(api, users, "POST", f"{MOU}/ceremony", "hkte", ceremony)
    await until(at, env)  # signatures are taken from the ceremony's start
    for party in ("hkte", "qianhai"):
        signatory = case.SIGNATORIES[party].model_dump(mode="json")
        status = await call(api, users, "POST", f"{MOU}/signatures", party, {"version": 1, "signatory": signatory})
    assert status["stage"] == "in_force"


async def settle(client: Client, sessions: sessionmaker[Session], seconds: float = 30) -> list[NotificationRow]:
    """Once every outbox row is dispatched, waits for each one's workflow: retries and all."""
    deadline = asyncio.get_running_loop().time() + seconds
    while undispatched(sessions):
        assert asyncio.get_running_loop().time() < deadline, "the dispatcher never took the outbox"
        await asyncio.sleep(0.1)
    rows = notifications(sessions)
    for row in rows:
        await client.get_workflow_handle(notification_workflow_id(row.id)).result()
    return rows


def undispatched(sessions: sessionmaker[Session]) -> int:
    with sessions() as session:
        return len(list(session.scalars(select(NotificationRow.id).where(NotificationRow.dispatched_at.is_(None)))))


def notifications(sessions: sessionmaker[Session]) -> list[NotificationRow]:
    with sessions() as session:
        return list(session.scalars(select(NotificationRow).order_by(NotificationRow.seq, NotificationRow.id)))


def deliveries(sessions: sessionmaker[Session]) -> dict[str, tuple[DeliveryRow, list[DeliveryAttemptRow]]]:
    with sessions() as session:
        found = {row.id: (row, []) for row in session.scalars(select(DeliveryRow))}
        for attempt in session.scalars(select(DeliveryAttemptRow).order_by(DeliveryAttemptRow.attempt)):
            found[attempt.delivery_id][1].append(attempt)
        return found  # type: ignore[return-value]
