"""The bare baseline: a Temporal workflow with mouflow's shape and nothing inside.

Each update runs one activity and returns, as each mouflow action records one transition; the run
executes the remaining activities itself, as mouflow's main loop renders its PDFs; the activity does
nothing. So the server and the worker see the same number of updates and activities per workflow as
for an MoU, and none of mouflow's work.
"""

from datetime import timedelta

from pydantic import BaseModel
from temporalio import activity, workflow


class BarePlan(BaseModel):
    """How many updates the driver sends, and how many activities the workflow runs in all."""

    updates: int
    activities: int


class BareStep(BaseModel):
    last: bool = False


@activity.defn(name="bare.nothing")
def nothing(step: BareStep) -> bool:
    return step.last


@workflow.defn
class BareWorkflow:
    @workflow.init
    def __init__(self, plan: BarePlan) -> None:
        self._done = False

    @workflow.run
    async def run(self, plan: BarePlan) -> int:
        for _ in range(plan.activities - plan.updates):
            await _nothing(BareStep())
        await workflow.wait_condition(lambda: self._done)
        await workflow.wait_condition(workflow.all_handlers_finished)
        return plan.activities

    @workflow.update
    async def step(self, step: BareStep) -> bool:
        await _nothing(step)
        self._done = self._done or step.last
        return step.last


async def _nothing(step: BareStep) -> bool:
    return await workflow.execute_activity(nothing, step, start_to_close_timeout=timedelta(seconds=30))
