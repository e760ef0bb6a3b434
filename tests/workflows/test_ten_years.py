"""A 10-year MoU with monthly milestones: history stays bounded by continue-as-new, state carried whole."""

from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker
from temporalio.api.enums.v1 import EventType
from temporalio.client import Client
from temporalio.testing import WorkflowEnvironment

from mouflow.demo import HKTE, QIANHAI, monthly_reports, officer, symposium_mou
from mouflow.domain.actions import Submit
from mouflow.domain.calendar import start_of_day
from mouflow.domain.enums import MilestoneStatus, Stage
from mouflow.store.audit_tables import AuditRow
from mouflow.store.tables import MilestoneRow
from tests import symposium as case
from tests.conftest import running_worker
from tests.workflows.driver import start, status
from workflows.mou import MouWorkflow

MONTHS = 120
SKIPPED = {24, 48, 72, 96, 120}  # reports never sent: these milestones stay overdue


async def run_ids(client: Client, workflow_id: str, first_run_id: str) -> list[tuple[str, int]]:
    """Each run of the chain with its history length, following continue-as-new."""
    runs, run_id = [], first_run_id
    while run_id:
        history = await client.get_workflow_handle(workflow_id, run_id=run_id).fetch_history()
        runs.append((run_id, len(history.events)))
        last = history.events[-1]
        continued = last.event_type == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW
        run_id = last.workflow_execution_continued_as_new_event_attributes.new_execution_run_id if continued else ""
    return runs


async def test_a_ten_year_mou_with_monthly_milestones(
    time_env: WorkflowEnvironment, task_queue: str, sessions: sessionmaker[Session]
) -> None:
    start_input = symposium_mou(QIANHAI, "hkte-qianhai-2025-decade")
    content = start_input.content.model_copy(update={"term_months": MONTHS, "milestones": monthly_reports(MONTHS)})
    start_input = start_input.model_copy(update={"content": content})
    async with running_worker(time_env.client, task_queue, sessions):
        mou = await start(time_env.client, task_queue, start_input)
        first_run_id = mou.first_execution_run_id or mou.result_run_id or ""
        await mou.execute_update(MouWorkflow.submit, Submit(actor=officer(HKTE), version=1))
        await case.review_by(mou, HKTE, 1)
        await case.review_by(mou, QIANHAI, 1)
        await case.hold_ceremony(time_env, mou, QIANHAI)
        milestones = (await status(mou)).milestones
        for n, milestone in enumerate(milestones, start=1):
            if n in SKIPPED:
                continue
            await time_env.sleep(start_of_day(milestone.due_date) - await time_env.get_current_time())
            owner = HKTE if milestone.owner_party_id == HKTE.id else QIANHAI
            await case.report(mou, owner, milestone.id, note=f"Report {n} filed")
        last_due = start_of_day(milestones[-1].due_date + timedelta(days=2))
        await time_env.sleep(last_due - await time_env.get_current_time())
        state = await status(mou)
        assert state.stage is Stage.IN_FORCE and state.terms[-1].renewal_notice_sent
        overdue = sorted(m.id for m in state.milestones if m.is_overdue)
        assert overdue == [f"report-{n:03d}" for n in sorted(SKIPPED)]
        done = [m for m in state.milestones if m.status is MilestoneStatus.DONE]
        assert len(done) == MONTHS - len(SKIPPED) and all(m.reminders_sent == [14, 3] for m in done)

        await time_env.sleep(timedelta(days=40))  # past the end of the term, with no renewal agreed
        result = await mou.result()  # follows the continue-as-new chain to its last run
        assert result.stage is Stage.EXPIRED

        runs = await run_ids(time_env.client, mou.id, first_run_id)
        assert len(runs) >= 2, f"a decade must continue-as-new; got {runs}"
        assert max(length for _, length in runs) < 2_500
    with sessions() as session:
        transitions = select(AuditRow.seq).where(AuditRow.seq.is_not(None)).group_by(AuditRow.seq)
        keys = select(func.count()).select_from(transitions.subquery())
        assert session.scalar(keys) == session.scalar(select(func.max(AuditRow.seq)))  # no seq lost across runs
        rows = session.scalars(select(MilestoneRow)).all()
        assert len(rows) == MONTHS and sum(row.overdue for row in rows) == len(SKIPPED)
