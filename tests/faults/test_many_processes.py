"""Two MoU workers, two render workers and two API processes share one Temporal server and one store, as
processes on several machines would; one of each is SIGKILLed mid-run and not started again.

Every step still answers (a client retries a write cut off with its API, with the same Idempotency-Key,
and the load balancer sends it to the other API process), the workflow makes each transition once, and
the store holds each transition, audit entry and document once.
"""

import asyncio
from pathlib import Path

import httpx
import pytest

from mouflow.domain.enums import Role
from tests.faults.case import WRITE_TIMEOUT, Step
from tests.faults.checks import check_documents, check_projection, check_transitions, storage_of
from tests.faults.conftest import FaultDb, Rig, rig
from tests.faults.locks import HeldLock
from tests.faults.pending import RENDER, STORE, still_pending, wait_for_started, wait_until_idle

RENDER_WORKER_KILLED_AFTER = "start"  # the first draft's render
MOU_WORKER_KILLED_AT = "qianhai asks for changes"
API_KILLED_AT = "hkte approves v2"
RETRY_FOR = 60.0  # seconds a client keeps retrying a write that was cut off


async def kill_the_process_running(faulty: Rig, activity_type: str) -> str:
    """SIGKILLs the worker process that runs the started activity of that type; returns its name."""
    activity = await wait_for_started(faulty.mou, activity_type)
    pid = int(activity.last_worker_identity.split("@")[0])  # the SDK's default identity: pid@host
    name = next(name for name, process in faulty.stack.processes.items() if process.pid == pid)
    await faulty.stack.kill(name)
    assert await still_pending(faulty.mou, activity), f"the {activity_type} finished before {name} was killed"
    return name


async def kill_a_mou_worker_mid_write(faulty: Rig, lock: HeldLock, step: Step) -> str:
    with lock.held():
        request = asyncio.create_task(faulty.case.run(step))
        await wait_for_started(faulty.mou, STORE)
        await lock.wait_for_a_waiter()
        killed = await kill_the_process_running(faulty, STORE)
    await request  # the other MoU worker takes the write over once the killed one's attempt times out
    return killed


async def send_keyed(faulty: Rig, api: httpx.AsyncClient, step: Step) -> httpx.Response:
    step = await faulty.case.prepared(step)
    headers = {**faulty.case.users.headers(step.party, Role.OFFICER), "Idempotency-Key": step.request_id}
    return await api.request(step.method, step.path, json=step.body, headers=headers, timeout=WRITE_TIMEOUT)


async def kill_an_api_mid_write(faulty: Rig, lock: HeldLock, step: Step) -> httpx.Response:
    """The write goes to the second API process, which is killed while the store write waits; the client's
    retry goes through the load balancer, which finds only the first one."""
    async with httpx.AsyncClient(base_url=faulty.stack.api_url_of("api-2")) as second:
        with lock.held():
            request = asyncio.create_task(send_keyed(faulty, second, step))
            await wait_for_started(faulty.mou, STORE)
            await lock.wait_for_a_waiter()
            await faulty.stack.kill("api-2")
            with pytest.raises(httpx.TransportError):
                await request
    deadline = asyncio.get_running_loop().time() + RETRY_FOR
    while True:
        try:
            return await send_keyed(faulty, faulty.case.api, step)
        except httpx.TransportError:
            assert asyncio.get_running_loop().time() < deadline, f"{step.name}: no API process answered"
            await asyncio.sleep(0.2)


async def test_one_of_each_killed_loses_and_doubles_nothing(tmp_path: Path, fault_db: FaultDb) -> None:
    processes = {"mou_workers": 2, "render_workers": 2, "api_processes": 2}
    async with rig(tmp_path / "stack", fault_db, **processes) as faulty:
        lock, killed = HeldLock(fault_db.url), []
        for step in faulty.case.steps:
            if step.name == MOU_WORKER_KILLED_AT:
                killed.append(await kill_a_mou_worker_mid_write(faulty, lock, step))
            elif step.name == API_KILLED_AT:
                answer = await kill_an_api_mid_write(faulty, lock, step)
                assert answer.status_code == 200, f"{step.name}: {answer.status_code} {answer.text}"
                faulty.case.done += 1
            else:
                await faulty.case.run(step)
            if step.name == RENDER_WORKER_KILLED_AFTER:
                killed.append(await kill_the_process_running(faulty, RENDER))
        assert sorted(killed)[0].startswith("renders-") and sorted(killed)[1].startswith("worker")
        await wait_until_idle(faulty.mou, timeout=120.0)
        state = await faulty.status()
        check_transitions(faulty.sessions, state, faulty.case.request_ids)
        check_projection(faulty.sessions, state)
        await check_documents(faulty.sessions, storage_of(faulty.stack.root))
