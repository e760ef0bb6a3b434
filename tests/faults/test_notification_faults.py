"""Webhooks while things break: the worker SIGKILLed mid-delivery again and again, the receiver answering
500 for a while, the Temporal server stopped mid-delivery and started again on the same file.

Each party's webhook points at a local receiver. After the seed case has run and things settle, every
outbox row was dispatched to exactly one workflow, every delivery is delivered and reached the receiver,
signed, more than once only as a retry of the same delivery id (at least once is the contract), every
attempt is kept once; and the MoU made each of its transitions once.
"""

from pathlib import Path

import pytest

from mouflow.domain.enums import Role
from tests.api.conftest import PARTIES
from tests.faults.case import MOU_ID, Step
from tests.faults.checks import check_documents, check_projection, check_transitions, storage_of
from tests.faults.conftest import FaultDb, Rig, rig
from tests.faults.notified import check_deliveries, check_dispatched, check_received, read_ledger, wait_until_notified
from tests.faults.pending import wait_until_idle
from tests.faults.receiver import FaultyReceiver, faulty_receiver

HOLD = 2.0  # seconds the receiver holds a request, so that a kill lands in the middle of it
KILLED_MID_DELIVERY = ("submit v1", "qianhai asks for changes")
KILLED_AT_ONCE = ("hkte approves v1",)  # just after the answer: the outbox row is new, its dispatch may be under way
FAILING_DURING = ("submit v2", "qianhai approves v2")  # the receiver answers 500 until retries have seen it too
SERVER_STOPPED_AFTER = "hkte approves v2"  # mid-delivery
MEMBERS = ("hkte", "qianhai")


async def register_webhooks(faulty: Rig, receiver: FaultyReceiver) -> dict[str, str]:
    """One webhook per party, each at a path of its own; returns each webhook's id with its path."""
    paths = {}
    for party in PARTIES:
        path = f"/hooks/{party.id}"
        headers = faulty.case.users.headers(party.id, Role.OFFICER)
        body = {"url": receiver.base_url + path, "events": []}
        answer = await faulty.case.api.post(f"/parties/{party.id}/webhooks", json=body, headers=headers)
        assert answer.status_code == 201, answer.text
        receiver.secrets[path], paths[answer.json()["id"]] = answer.json()["secret"], path
    return paths


async def kill_mid_delivery(faulty: Rig, receiver: FaultyReceiver) -> None:
    await receiver.wait_for_a_held_request()
    await faulty.stack.kill("worker")
    assert receiver.held, "the held request was answered before the kill: no delivery was interrupted"
    await faulty.stack.start_worker()


async def restart_server_mid_delivery(faulty: Rig, receiver: FaultyReceiver) -> None:
    await receiver.wait_for_a_held_request()
    await faulty.stack.stop("temporal")
    await faulty.stack.start_server()


async def run_held(faulty: Rig, receiver: FaultyReceiver, step: Step) -> None:
    """Runs the step with the receiver holding every request (from before its notification exists, so
    none can slip through unheld), then kills the worker or stops the server under a held one."""
    with receiver.holding(HOLD):
        await faulty.case.run(step)
        if step.name in KILLED_MID_DELIVERY:
            await kill_mid_delivery(faulty, receiver)
        else:
            await restart_server_mid_delivery(faulty, receiver)


async def run_with_faults(faulty: Rig, receiver: FaultyReceiver) -> None:
    for step in faulty.case.steps:
        if step.name in (*KILLED_MID_DELIVERY, SERVER_STOPPED_AFTER):
            await run_held(faulty, receiver, step)
            continue
        receiver.failing = receiver.failing or step.name == FAILING_DURING[0]
        await faulty.case.run(step)
        if step.name in KILLED_AT_ONCE:
            await faulty.stack.kill("worker")
            await faulty.stack.start_worker()
        elif step.name == FAILING_DURING[-1]:
            await receiver.wait_for_failures(2 * len(MEMBERS) * len(FAILING_DURING))
            receiver.failing = False


async def test_webhooks_survive_worker_kills_failing_receiver_and_server_restart(
    tmp_path: Path, fault_db: FaultDb, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MOUFLOW_WEBHOOK_ALLOW_PRIVATE_NETWORKS", "true")  # the stack's processes inherit it
    with faulty_receiver() as receiver:
        async with rig(tmp_path / "stack", fault_db) as faulty:
            paths = await register_webhooks(faulty, receiver)
            await run_with_faults(faulty, receiver)
            await wait_until_idle(faulty.mou)
            state = await faulty.status()
            assert state.stage.value == "in_force"
            check_transitions(faulty.sessions, state, faulty.case.request_ids)
            check_projection(faulty.sessions, state)
            await check_documents(faulty.sessions, storage_of(faulty.stack.root))

            client = await faulty.stack.client()
            await wait_until_notified(client, faulty.sessions)
            ledger = read_ledger(faulty.sessions)
            assert ledger.notifications and all(row.mou_id == MOU_ID for row in ledger.notifications)
            await check_dispatched(client, ledger)
            check_deliveries(ledger, {hook for hook, path in paths.items() if path.rsplit("/", 1)[1] in MEMBERS})
            duplicates = check_received(ledger, receiver, paths)
            print(
                f"{len(ledger.notifications)} notifications, {len(ledger.deliveries)} deliveries, "
                f"{len(ledger.attempts)} attempts recorded, {len(receiver.snapshot())} requests received, "
                f"{receiver.failures().total()} answered 500; duplicates (a delivery id accepted again): "
                f"{duplicates.total()} {dict(duplicates)}"
            )
