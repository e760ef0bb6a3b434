"""Starts the demo MoUs of the 3 June 2025 symposium, once: running it again changes nothing."""

import asyncio
import os
import sys

from temporalio.client import Client
from temporalio.common import WorkflowIDReusePolicy
from temporalio.exceptions import WorkflowAlreadyStartedError

from mouflow.config import Settings
from mouflow.demo import NANSHA, QIANHAI, symposium_mou
from mouflow.domain.actions import StartMou
from mouflow.names import mou_workflow_id
from worker import connect
from workflows.mou import MouWorkflow, MouWorkflowInput


def demo_mous() -> list[StartMou]:
    return [symposium_mou(QIANHAI, "hkte-qianhai-2025"), symposium_mou(NANSHA, "hkte-nansha-2025")]


async def seed(client: Client, task_queue: str) -> list[str]:
    """Returns the ids of the workflows it started; an empty list means the data was already there."""
    started = []
    for start in demo_mous():
        if await start_once(client, task_queue, start):
            started.append(mou_workflow_id(start.mou_id))
    return started


async def start_once(client: Client, task_queue: str, start: StartMou) -> bool:
    try:
        await client.start_workflow(
            MouWorkflow.run,
            MouWorkflowInput(start=start),
            id=mou_workflow_id(start.mou_id),
            task_queue=task_queue,
            # a demo MoU that was withdrawn or expired stays so: it is never started a second time
            id_reuse_policy=WorkflowIDReusePolicy.REJECT_DUPLICATE,
        )
    except WorkflowAlreadyStartedError:
        return False
    return True


def report(started: list[str]) -> str:
    return f"seeded {', '.join(started)}" if started else "demo MoUs already seeded"


def exit_at_once(code: int) -> None:
    """Ends a process that held a Temporal client without the interpreter's finalization.

    The SDK's Rust threads can outlive the event loop and crash CPython while it finalizes: a
    short-lived client exited 139 about once in twenty runs here (temporalio/sdk-python#300).
    """
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


async def main() -> None:
    settings = Settings()
    print(report(await seed(await connect(settings), settings.task_queue)))


if __name__ == "__main__":
    asyncio.run(main())
    exit_at_once(0)
