"""Driving one workflow of each kind through the client, as the API does: mouflow's seed lifecycle, and
the bare workflow with as many updates."""

import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

from bare import BarePlan, BareStep, BareWorkflow
from symposium import (
    FAIR,
    SIGNATORIES,
    SIGNING_MODE,
    TERMINATION_BY,
    TERMINATION_REASON,
    ceremony,
    first_draft,
    partner_of,
    second_draft,
)
from temporalio.client import Client, WorkflowHandle

from mouflow.demo import HKTE, officer
from mouflow.domain.actions import (
    Actor,
    ConfirmMilestone,
    ReportProgress,
    Review,
    Revise,
    ScheduleCeremony,
    Sign,
    StartMou,
    Submit,
    Terminate,
)
from mouflow.domain.content import Party
from mouflow.domain.enums import MilestoneStatus, ReviewDecision, Stage
from mouflow.names import mou_workflow_id
from workflows.mou import MouWorkflow, MouWorkflowInput

Mou = WorkflowHandle[MouWorkflow, Any]
Step = Callable[[Mou], Awaitable[Any]]
APPROVE, CHANGES = ReviewDecision.APPROVE, ReviewDecision.REQUEST_CHANGES


def seed_steps(start: StartMou, partner: Party) -> list[Step]:
    """The seed case's human steps for Qianhai (one revision round), then the follow-up and the end by agreement."""
    hkte, other = officer(HKTE), officer(partner)
    revised = second_draft(start.content)
    planned = ceremony(datetime.now(UTC)).model_dump()
    return [
        lambda m: m.execute_update(MouWorkflow.submit, Submit(actor=hkte, version=1)),
        lambda m: m.execute_update(MouWorkflow.review, Review(actor=hkte, version=1, decision=APPROVE)),
        lambda m: m.execute_update(
            MouWorkflow.review, Review(actor=other, version=1, decision=CHANGES, comment="Add talent services")
        ),
        lambda m: m.execute_update(MouWorkflow.revise, Revise(actor=hkte, base_version=1, content=revised)),
        lambda m: m.execute_update(MouWorkflow.submit, Submit(actor=hkte, version=2)),
        lambda m: m.execute_update(MouWorkflow.review, Review(actor=other, version=2, decision=APPROVE)),
        lambda m: m.execute_update(MouWorkflow.review, Review(actor=hkte, version=2, decision=APPROVE)),
        lambda m: m.execute_update(MouWorkflow.schedule_ceremony, ScheduleCeremony(actor=hkte, **planned)),
        lambda m: m.execute_update(MouWorkflow.sign, signature(hkte, HKTE)),  # in counterpart: symposium.py
        lambda m: m.execute_update(MouWorkflow.sign, signature(other, partner)),
        lambda m: m.execute_update(
            MouWorkflow.report_progress, ReportProgress(actor=hkte, milestone_id=FAIR, status=MilestoneStatus.DONE)
        ),
        lambda m: m.execute_update(MouWorkflow.confirm_milestone, ConfirmMilestone(actor=other, milestone_id=FAIR)),
        lambda m: m.execute_update(MouWorkflow.terminate, termination(hkte)),
        lambda m: m.execute_update(MouWorkflow.terminate, termination(other)),  # every party consented: ended
    ]


def signature(actor: Actor, party: Party) -> Sign:
    return Sign(actor=actor, version=2, signatory=SIGNATORIES[party.id], mode=SIGNING_MODE)


def termination(actor: Actor) -> Terminate:
    return Terminate(actor=actor, reason=TERMINATION_REASON, by=TERMINATION_BY)


async def timed(update: Awaitable[Any], latencies: list[float] | None) -> None:
    """One update, its round trip added to `latencies` (None: not measured)."""
    started = time.perf_counter()
    await update
    if latencies is not None:
        latencies.append(time.perf_counter() - started)


async def mouflow_lifecycle(
    client: Client, task_queue: str, mou_id: str, n: int, latencies: list[float] | None = None
) -> str:
    """Starts as the API does (start, then wait until stored), takes every step, waits for the end."""
    partner = partner_of(n)
    start = first_draft(partner, mou_id).model_copy(update={"actor": officer(HKTE)})
    mou: Mou = await client.start_workflow(
        MouWorkflow.run, MouWorkflowInput(start=start), id=mou_workflow_id(mou_id), task_queue=task_queue
    )
    await mou.execute_update(MouWorkflow.stored)
    for step in seed_steps(start, partner):
        await timed(step(mou), latencies)
    summary = await mou.result()
    if summary.stage is not Stage.TERMINATED:
        raise RuntimeError(f"{mou_id} ended {summary.stage}")
    return mou.id


async def bare_lifecycle(
    client: Client, task_queue: str, workflow_id: str, plan: BarePlan, latencies: list[float] | None = None
) -> str:
    handle = await client.start_workflow(BareWorkflow.run, plan, id=workflow_id, task_queue=task_queue)
    for n in range(plan.updates):
        await timed(handle.execute_update(BareWorkflow.step, BareStep(last=n == plan.updates - 1)), latencies)
    await handle.result()
    return handle.id
