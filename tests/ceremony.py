"""Signatures are taken from the ceremony's start (mouflow.domain.signatures): how a test gets there.

On the time-skipping server the wait costs nothing: a test schedules the ceremony days ahead and skips
to it. In real time (a dev server, the HTTP, browser and fault tests) it schedules the ceremony
`CEREMONY_LEAD` ahead and sleeps until it starts. `WorkflowEnvironment.get_current_time` and `sleep`
skip time on the first and are the wall clock on a dev server, so `until` serves both; without an
environment (a test that drives a stack of processes) it keeps the wall clock.
"""

import asyncio
from datetime import UTC, datetime, timedelta

from temporalio.testing import WorkflowEnvironment

CEREMONY_LEAD = timedelta(seconds=2)  # in real time: enough for the scheduling request to arrive before it
CLOCK_SLACK = timedelta(milliseconds=200)  # the worker stamps a signature with the server's clock, not ours


def ceremony_soon(lead: timedelta = CEREMONY_LEAD) -> datetime:
    """A ceremony that starts `lead` from now on the wall clock: still ahead when it is scheduled."""
    return datetime.now(UTC) + lead


async def until(moment: datetime, env: WorkflowEnvironment | None = None) -> None:
    """Returns once `moment` has passed: skipped on the time-skipping server, slept on a real clock."""
    now = await env.get_current_time() if env else datetime.now(UTC)
    wait = moment - now + CLOCK_SLACK
    if wait <= timedelta(0):
        return
    if env:
        await env.sleep(wait)
    else:
        await asyncio.sleep(wait.total_seconds())
