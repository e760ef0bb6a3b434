"""SIGKILL the worker while a PDF renders, or while a store write is half done; then start a new one."""

import asyncio

from tests.faults.case import Step
from tests.faults.conftest import Rig
from tests.faults.locks import HeldLock
from tests.faults.pending import RENDER, STORE, still_pending, wait_for_started


async def kill_mid_render(rig: Rig) -> None:
    """Waits for a render to start, kills the worker under it, and checks the render had not finished."""
    render = await wait_for_started(rig.mou, RENDER)
    await rig.stack.kill("worker")
    assert await still_pending(rig.mou, render), "the render finished before the kill: nothing was interrupted"
    await rig.stack.start_worker()


async def kill_mid_write(rig: Rig, lock: HeldLock, step: Step) -> None:
    """Runs `step` while the test holds the store's write lock, so the worker's transaction waits half
    done; kills the worker there, then lets go of the lock and starts a new worker. The step's request,
    which waited all along, must still answer once its transition is stored."""
    with lock.held():
        request = asyncio.create_task(rig.case.run(step))
        write = await wait_for_started(rig.mou, STORE)
        await lock.wait_for_a_waiter()
        await rig.stack.kill("worker")
        assert await still_pending(rig.mou, write), "the write finished under the lock: the lock does not hold"
        assert not request.done(), "the step answered before its transition was stored"
    await rig.stack.start_worker()
    await request
