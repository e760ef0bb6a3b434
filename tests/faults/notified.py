"""What must hold of notifications after any fault: every outbox row dispatched once, every planned delivery
delivered, every attempt kept once, and the receiver reached for each delivery, duplicates only as retries.
"""

import asyncio
from collections import Counter, defaultdict
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from temporalio.client import Client, WorkflowExecutionStatus
from temporalio.service import RPCError, RPCStatusCode

from mouflow.names import notification_workflow_id
from mouflow.notify.events import NotificationType
from mouflow.store.notify_tables import DeliveryAttemptRow, DeliveryRow, NotificationRow
from tests.faults.receiver import FaultyReceiver
from workflows.notification import NotificationWorkflow

SETTLE_TIMEOUT = 180.0  # seconds: a delivery killed mid-request waits out its 30 s timeout, then backs off
# what the seed case must have told the parties of, at least
SEED_CASE_TYPES = {
    NotificationType.SUBMITTED_FOR_REVIEW,
    NotificationType.REVIEW_RECORDED,
    NotificationType.CEREMONY_SCHEDULED,
    NotificationType.SIGNED,
    NotificationType.IN_FORCE,
}


@dataclass(frozen=True)
class Ledger:
    notifications: list[NotificationRow]
    deliveries: list[DeliveryRow]
    attempts: list[DeliveryAttemptRow]


def read_ledger(sessions: sessionmaker[Session]) -> Ledger:
    with sessions() as session:
        return Ledger(
            list(session.scalars(select(NotificationRow))),
            list(session.scalars(select(DeliveryRow))),
            list(session.scalars(select(DeliveryAttemptRow))),
        )


async def wait_until_notified(client: Client, sessions: sessionmaker[Session]) -> None:
    """Until every outbox row is dispatched and its workflow has finished, retries and all."""
    deadline, finished = asyncio.get_running_loop().time() + SETTLE_TIMEOUT, set[str]()
    while left := await _unsettled(client, read_ledger(sessions), finished):
        assert asyncio.get_running_loop().time() < deadline, f"after {SETTLE_TIMEOUT:.0f} s: {left}"
        await asyncio.sleep(0.5)


async def _unsettled(client: Client, ledger: Ledger, finished: set[str]) -> list[str]:
    left = [f"{row.id}: not dispatched" for row in ledger.notifications if row.dispatched_at is None]
    for row in ledger.notifications:
        if row.id not in finished and (state := await _workflow_state(client, row.id)) != "COMPLETED":
            left.append(f"{notification_workflow_id(row.id)}: {state}")
        else:
            finished.add(row.id)
    return left


async def _workflow_state(client: Client, notification_id: str) -> str:
    try:
        description = await client.get_workflow_handle(notification_workflow_id(notification_id)).describe()
    except RPCError as error:
        if error.status != RPCStatusCode.NOT_FOUND:
            raise
        return "not started"
    status = description.status.name if description.status else "?"
    if status == "COMPLETED":
        return status
    activities = description.raw_description.pending_activities
    return f"{status} {[(a.activity_type.name, a.attempt, a.last_failure.message) for a in activities]}"


async def check_dispatched(client: Client, ledger: Ledger) -> None:
    """One NotificationWorkflow per outbox row and no other, each having planned exactly the rows stored."""
    assert all(row.dispatched_at is not None for row in ledger.notifications)
    wanted = {notification_workflow_id(row.id) for row in ledger.notifications}
    runs = await _notification_runs(client, wanted)
    assert runs == Counter(wanted), f"notification workflow runs: {runs}, outbox rows: {sorted(wanted)}"
    stored = defaultdict(set)
    for delivery in ledger.deliveries:
        stored[delivery.notification_id].add(delivery.id)
    for row in ledger.notifications:
        handle = client.get_workflow_handle_for(NotificationWorkflow.run, notification_workflow_id(row.id))
        assert (await handle.describe()).status == WorkflowExecutionStatus.COMPLETED
        assert {planned.delivery_id for planned in await handle.result()} == stored[row.id], row.id


async def _notification_runs(client: Client, wanted: set[str]) -> Counter[str]:
    """Every run of a NotificationWorkflow, by id; waits for visibility, which lags a little behind."""
    deadline = asyncio.get_running_loop().time() + 30
    while True:
        query = "WorkflowType = 'NotificationWorkflow'"
        runs = Counter([execution.id async for execution in client.list_workflows(query)])
        if set(runs) >= wanted or asyncio.get_running_loop().time() > deadline:
            return runs
        await asyncio.sleep(0.5)


def check_deliveries(ledger: Ledger, member_hooks: set[str]) -> None:
    """Each notification went to each member party's webhook, delivered; every attempt kept once, the last a 2xx."""
    for row in ledger.notifications:
        targets = sorted(d.target for d in ledger.deliveries if d.notification_id == row.id)
        assert targets == sorted(member_hooks), f"{row.id} went to {targets}"
    not_delivered = [(d.id, d.status, d.last_error) for d in ledger.deliveries if d.status != "delivered"]
    assert not not_delivered, f"deliveries not delivered: {not_delivered}"
    assert all(d.delivered_at is not None for d in ledger.deliveries)
    attempts = defaultdict(list)
    for attempt in ledger.attempts:
        attempts[attempt.delivery_id].append(attempt)
    assert set(attempts) <= {d.id for d in ledger.deliveries}, "an attempt of no delivery"
    for delivery in ledger.deliveries:
        numbers = sorted(a.attempt for a in attempts[delivery.id])
        successes = [a.attempt for a in attempts[delivery.id] if a.status_code and 200 <= a.status_code < 300]
        assert len(numbers) == len(set(numbers)), f"{delivery.id}: an attempt recorded twice: {numbers}"
        assert successes == [delivery.attempts] == numbers[-1:], f"{delivery.id}: {delivery.attempts}, {numbers}"


def check_received(ledger: Ledger, receiver: FaultyReceiver, paths: dict[str, str]) -> Counter[str]:
    """Every delivery reached its party's path, signed; more than once only as retries; each 500 recorded.
    `paths` maps each webhook's id to its path at the receiver. Returns the duplicates: per delivery, how
    many more times than once the receiver accepted it (a sender killed before it recorded the answer)."""
    received, deliveries = receiver.snapshot(), {d.id: d for d in ledger.deliveries}
    unsigned = [r for r in received if not r.signed or r.delivery_id != r.body_delivery_id]
    assert not unsigned, f"badly signed or mislabelled requests: {unsigned}"
    receipts = Counter(r.delivery_id for r in received)
    missing, unknown = set(deliveries) - set(receipts), set(receipts) - set(deliveries)
    assert not missing and not unknown, f"never received: {missing}; not deliveries: {unknown}"
    misdirected = [r for r in received if r.path != paths[deliveries[r.delivery_id].target]]
    assert not misdirected, f"deliveries sent to another party's webhook: {misdirected}"
    oversent = {i: n for i, n in receipts.items() if n > deliveries[i].attempts}
    assert not oversent, f"received more often than attempted: {oversent}"
    recorded_500s = Counter(a.delivery_id for a in ledger.attempts if a.status_code == 500)
    assert recorded_500s == receiver.failures(), f"500s recorded {recorded_500s}, answered {receiver.failures()}"
    assert {NotificationType(r.event) for r in received} >= SEED_CASE_TYPES
    accepted = Counter(r.delivery_id for r in received if r.status == 200)
    return Counter({i: n - 1 for i, n in accepted.items() if n > 1})
