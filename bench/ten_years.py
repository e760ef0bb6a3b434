"""The ten-year MoU of tests/workflows/test_ten_years.py, driven on a time-skipping server."""

from datetime import timedelta

from symposium import SIGNATORIES, ceremony
from temporalio.testing import WorkflowEnvironment

from mouflow.demo import HKTE, QIANHAI, monthly_reports, officer, symposium_mou
from mouflow.domain.actions import ReportProgress, Review, ScheduleCeremony, Sign, StartMou, Submit
from mouflow.domain.calendar import start_of_day
from mouflow.domain.enums import MilestoneStatus, ReviewDecision, Stage
from mouflow.names import mou_workflow_id
from workflows.mou import MouWorkflow, MouWorkflowInput

SKIPPED_EVERY = 24  # one report in 24 is never filed: it goes overdue, as in the test


def monthly(months: int) -> StartMou:
    plan = monthly_reports(months)
    start = symposium_mou(QIANHAI, f"history-{months}-months")
    content = start.content.model_copy(update={"term_months": months, "milestones": plan})
    return start.model_copy(update={"content": content})


async def decade(env: WorkflowEnvironment, task_queue: str, months: int) -> tuple[str, str]:
    """Start, review, sign at the ceremony; file each report on its due day; let the term end.
    Returns (id, first run)."""
    start = monthly(months)
    mou = await env.client.start_workflow(
        MouWorkflow.run, MouWorkflowInput(start=start), id=mou_workflow_id(start.mou_id), task_queue=task_queue
    )
    await mou.execute_update(MouWorkflow.submit, Submit(actor=officer(HKTE), version=1))
    for party in (HKTE, QIANHAI):
        review = Review(actor=officer(party), version=1, decision=ReviewDecision.APPROVE)
        await mou.execute_update(MouWorkflow.review, review)
    planned = ScheduleCeremony(actor=officer(HKTE), **ceremony(await env.get_current_time()).model_dump())
    await mou.execute_update(MouWorkflow.schedule_ceremony, planned)
    await env.sleep(planned.starts_at - await env.get_current_time())  # signatures from the ceremony's start
    for party in (HKTE, QIANHAI):
        sign = Sign(actor=officer(party), version=1, signatory=SIGNATORIES[party.id])
        await mou.execute_update(MouWorkflow.sign, sign)
    milestones = (await mou.query(MouWorkflow.status)).milestones
    for n, milestone in enumerate(milestones, start=1):
        if n % SKIPPED_EVERY == 0:
            continue
        await env.sleep(start_of_day(milestone.due_date) - await env.get_current_time())
        owner = HKTE if milestone.owner_party_id == HKTE.id else QIANHAI
        report = ReportProgress(actor=officer(owner), milestone_id=milestone.id, status=MilestoneStatus.DONE)
        await mou.execute_update(MouWorkflow.report_progress, report)
    await env.sleep(start_of_day(milestones[-1].due_date) + timedelta(days=60) - await env.get_current_time())
    summary = await mou.result()  # follows the chain to its last run
    if summary.stage is not Stage.EXPIRED:
        raise RuntimeError(f"the MoU ended {summary.stage}, not expired")
    return mou.id, mou.first_execution_run_id or mou.result_run_id or ""
