"""The API is SIGKILLed while officers' writes are in flight; they retry with the same Idempotency-Key.

Each killed write is caught half way: its Update is running and its store write waits on a lock the
test holds, so the client's connection drops before any answer. The retry, to a new API process,
must get the answer to the write that happened, and the workflow must make no second transition.
"""

import asyncio
from pathlib import Path

import httpx
import pytest
from temporalio.service import RPCError, RPCStatusCode

from mouflow.domain.enums import Role
from tests.faults.case import WRITE_TIMEOUT, Step
from tests.faults.checks import check_projection, check_transitions
from tests.faults.conftest import FaultDb, Rig, rig
from tests.faults.locks import HeldLock
from tests.faults.pending import STORE, wait_for_started, wait_until_idle

KILLED_AT = ("start", "hkte approves v1", "draft v2", "qianhai signs", "fair reported")
RETRY_FOR = 60.0  # seconds a client keeps retrying while the API comes back


async def send_keyed(faulty: Rig, step: Step) -> httpx.Response:
    """The step as a careful client sends it: the step's request id as its Idempotency-Key."""
    step = await faulty.case.prepared(step)
    headers = {**faulty.case.users.headers(step.party, Role.OFFICER), "Idempotency-Key": step.request_id}
    return await faulty.case.api.request(step.method, step.path, json=step.body, headers=headers, timeout=WRITE_TIMEOUT)


async def retry_until_answered(faulty: Rig, step: Step) -> httpx.Response:
    deadline = asyncio.get_running_loop().time() + RETRY_FOR
    while True:
        try:
            return await send_keyed(faulty, step)
        except httpx.TransportError:
            assert asyncio.get_running_loop().time() < deadline, f"{step.name}: the API never came back"
            await asyncio.sleep(0.2)


async def wait_for_store_write(faulty: Rig) -> None:
    while True:
        try:
            await wait_for_started(faulty.mou, STORE)
            return
        except RPCError as error:  # a start's workflow may not exist yet
            if error.status != RPCStatusCode.NOT_FOUND:
                raise
            await asyncio.sleep(0.02)


async def kill_api_mid_write(faulty: Rig, lock: HeldLock, step: Step) -> httpx.Response:
    with lock.held():
        request = asyncio.create_task(send_keyed(faulty, step))
        await wait_for_store_write(faulty)
        await lock.wait_for_a_waiter()
        await faulty.stack.kill("api")
        with pytest.raises(httpx.TransportError):
            await request  # the connection dropped: the client cannot know whether the write happened
    restart = asyncio.create_task(faulty.stack.start_api())
    answer = await retry_until_answered(faulty, step)  # retrying before the API is back, as clients do
    await restart
    return answer


async def test_retried_writes_after_api_kills_make_one_transition_each(tmp_path: Path, fault_db: FaultDb) -> None:
    async with rig(tmp_path / "stack", fault_db) as faulty:
        lock = HeldLock(fault_db.url)
        for step in faulty.case.steps:
            if step.name in KILLED_AT:
                answer = await kill_api_mid_write(faulty, lock, step)
            else:
                answer = await send_keyed(faulty, step)
            assert answer.status_code in (200, 201), f"{step.name}: {answer.status_code} {answer.text}"
            again = await send_keyed(faulty, step)  # and once more: the kept answer, unchanged
            assert (again.status_code, again.json()) == (answer.status_code, answer.json()), step.name
        await wait_until_idle(faulty.mou)
        state = await faulty.status()
        assert state.stage.value == "in_force"
        check_transitions(faulty.sessions, state, faulty.case.request_ids)
        check_projection(faulty.sessions, state)
