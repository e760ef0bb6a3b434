"""What a workflow's activities are doing right now, from Temporal's describe(): the fault tests' clock."""

import asyncio
from collections.abc import Callable
from typing import Any

from temporalio.api.enums.v1 import PendingActivityState
from temporalio.api.workflow.v1 import PendingActivityInfo
from temporalio.client import WorkflowHandle

STORE = "store.record_transition"
RENDER = "documents.render"
STARTED = PendingActivityState.PENDING_ACTIVITY_STATE_STARTED
POLL_EVERY = 0.02  # seconds: a draft renders in well under a second, so look often


async def pending(handle: WorkflowHandle[Any, Any], activity_type: str) -> list[PendingActivityInfo]:
    description = await handle.describe()
    return [a for a in description.raw_description.pending_activities if a.activity_type.name == activity_type]


async def wait_for(
    handle: WorkflowHandle[Any, Any],
    activity_type: str,
    check: Callable[[PendingActivityInfo], bool],
    what: str,
    timeout: float = 60.0,
) -> PendingActivityInfo:
    """The first pending activity of that type that passes `check`; fails after `timeout` seconds."""
    deadline = asyncio.get_running_loop().time() + timeout
    while asyncio.get_running_loop().time() < deadline:
        for activity in await pending(handle, activity_type):
            if check(activity):
                return activity
        await asyncio.sleep(POLL_EVERY)
    raise AssertionError(f"{handle.id}: no {activity_type} {what} within {timeout:.0f} s")


async def wait_for_started(handle: WorkflowHandle[Any, Any], activity_type: str) -> PendingActivityInfo:
    return await wait_for(handle, activity_type, lambda a: a.state == STARTED, "started on a worker")


async def still_pending(handle: WorkflowHandle[Any, Any], activity: PendingActivityInfo) -> bool:
    """Whether this very attempt has not completed (another activity of the same type does not count)."""
    return any(a.activity_id == activity.activity_id for a in await pending(handle, activity.activity_type.name))


async def wait_until_idle(handle: WorkflowHandle[Any, Any], timeout: float = 90.0) -> None:
    """No activity pending: every transition stored and every owed document rendered."""
    deadline = asyncio.get_running_loop().time() + timeout
    while (left := list((await handle.describe()).raw_description.pending_activities)) and (
        asyncio.get_running_loop().time() < deadline
    ):
        await asyncio.sleep(0.2)
    assert not left, f"{handle.id}: still pending after {timeout:.0f} s: {[a.activity_type.name for a in left]}"
