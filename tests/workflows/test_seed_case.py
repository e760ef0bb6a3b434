"""The symposium case end to end on the time-skipping server: every stage, reminder and flag."""

from collections import Counter
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from temporalio.testing import WorkflowEnvironment

from mouflow import names
from mouflow.demo import HKTE, NANSHA, QIANHAI
from mouflow.domain.calendar import local_date, start_of_day
from mouflow.domain.clock import morning_of
from mouflow.domain.enums import EventKind, MilestoneStatus, Stage
from mouflow.store.tables import MilestoneRow, MouRow
from tests import symposium as case
from tests.conftest import running_worker
from tests.workflows.driver import Mou, eventually, kinds_recorded, status


class Timeline:
    def __init__(self, env: WorkflowEnvironment) -> None:
        self.env = env

    async def to(self, moment: datetime) -> None:
        now = await self.env.get_current_time()
        assert moment > now, f"the timeline only moves forward: {moment} is before {now}"
        await self.env.sleep(moment - now)


async def search_attributes(mou: Mou) -> tuple[str | None, list[str] | None, bool | None]:
    found = (await mou.describe()).typed_search_attributes
    return found.get(names.STAGE), found.get(names.PARTIES), found.get(names.OVERDUE)


async def test_symposium_mous_from_draft_through_a_year_of_milestones(
    time_env: WorkflowEnvironment, task_queue: str, sessions: sessionmaker[Session]
) -> None:
    timeline = Timeline(time_env)
    async with running_worker(time_env.client, task_queue, sessions):
        t0 = await time_env.get_current_time()
        driver = case.WorkflowDriver(time_env.client, task_queue)
        qianhai, nansha = await case.run(driver, [case.start(case.QIANHAI_MOU), case.start(case.NANSHA_MOU)])

        # Qianhai: one revision round, then both approve version 2
        await case.run(driver, case.negotiation())
        state = await status(qianhai)
        assert (state.stage, state.approved_version, len(state.versions)) == (Stage.READY_TO_SIGN, 2, 2)
        assert state.review_rounds[0].reviews["qianhai"].comment.startswith("Please add a clause")

        # Nansha: reviews late, so reminders go out and the manager escalation is recorded
        await case.run(driver, [case.submit(case.N, 1, review_days=7), case.review(case.N, "hkte", 1)])
        assert await search_attributes(nansha) == ("in_review", ["hkte", "nansha"], False)
        await timeline.to(t0 + case.days(4) + timedelta(hours=1))
        await eventually(nansha, lambda s: s.review_rounds[-1].reminders_sent == [3], "the 3-day review reminder")
        await timeline.to(t0 + case.days(6) + timedelta(hours=1))
        await eventually(nansha, lambda s: s.review_rounds[-1].reminders_sent == [3, 1], "the 1-day review reminder")
        await timeline.to(t0 + case.days(7) + timedelta(hours=1))
        state = await eventually(nansha, lambda s: s.review_rounds[-1].escalated_at is not None, "the escalation")
        assert state.stage is Stage.IN_REVIEW
        await driver.do(case.review(case.N, "nansha", 1))
        assert (await status(nansha)).stage is Stage.READY_TO_SIGN

        # the ceremony, witnessed by the Secretary for Labour and Welfare; Nansha's moves a day
        await case.run(driver, [case.schedule(mou_id, t0 + case.days(9)) for mou_id in (case.Q, case.N)])
        await driver.do(case.schedule(case.N, t0 + case.days(10)))
        state = await status(nansha)
        assert [c.starts_at for c in state.ceremonies] == [t0 + case.days(9), t0 + case.days(10)]
        assert state.ceremonies[-1].witnesses[0].title.en == "Secretary for Labour and Welfare"

        await timeline.to(t0 + case.days(10))  # Qianhai's ceremony began yesterday; both sign today
        for mou, partner in ((qianhai, QIANHAI), (nansha, NANSHA)):
            await case.wait_for_ceremony(time_env, mou)
            await case.sign_all_remaining(mou, partner)
        signing_day = local_date(await time_env.get_current_time())
        for mou, executed in ((qianhai, 2), (nansha, 1)):
            state = await status(mou)
            assert (state.stage, state.executed_version) == (Stage.IN_FORCE, executed)
            assert state.terms[0].effective_date == signing_day
            assert await search_attributes(mou) == ("in_force", state.party_ids, False)
        due = {m.id: m.due_date for m in (await status(qianhai)).milestones}

        # the joint recruitment fair: reminded, done by HKTE, confirmed by the partner
        await timeline.to(morning_of(due["joint-recruitment-fair"] - case.days(14)) + timedelta(hours=1))
        for mou, partner in ((qianhai, "qianhai"), (nansha, "nansha")):
            await eventually(mou, lambda s: s.milestones[0].reminders_sent == [14], "the fair reminder")
            mou_id = mou.id.removeprefix("mou-")
            await driver.do(case.progress(mou_id, "hkte", case.FAIR, done=False, note="Venue booked"))
            await case.run(driver, case.fair(mou_id, partner))

        # the services report: Nansha on time, Qianhai late, so it goes overdue
        await timeline.to(morning_of(due["talent-services-report"] - case.days(14)) + timedelta(hours=1))
        await case.report(nansha, NANSHA, "talent-services-report", note="Submitted to HKTE")
        await case.report(qianhai, QIANHAI, "talent-services-report", done=False, note="Drafting")
        await timeline.to(start_of_day(due["talent-services-report"] + case.days(1)) + timedelta(hours=1))
        state = await eventually(qianhai, lambda s: s.has_overdue, "the overdue services report")
        assert state.milestones[1].is_overdue and state.milestones[1].reminders_sent == [14, 3]
        assert await search_attributes(qianhai) == ("in_force", ["hkte", "qianhai"], True)
        assert not (await status(nansha)).has_overdue
        await timeline.to(start_of_day(due["talent-services-report"] + case.days(30)))
        await case.report(qianhai, QIANHAI, "talent-services-report", note="Submitted a month late")
        assert await search_attributes(qianhai) == ("in_force", ["hkte", "qianhai"], False)

        # the annual review, both reminders, then done on time
        await timeline.to(morning_of(due["annual-review"] - case.days(3)) + timedelta(hours=1))
        for mou in (qianhai, nansha):
            await eventually(mou, lambda s: s.milestones[2].reminders_sent == [14, 3], "annual review reminders")
            await case.report(mou, HKTE, "annual-review", note="Reviewed with the partner")
        await timeline.to(start_of_day(due["annual-review"] + case.days(2)))

        for mou in (qianhai, nansha):
            state = await status(mou)
            assert state.stage is Stage.IN_FORCE and not state.has_overdue
            assert all(m.status is MilestoneStatus.DONE for m in state.milestones)
            assert state.milestones[0].confirmed_by is not None
        assert_projection(sessions)


def assert_projection(sessions: sessionmaker[Session]) -> None:
    qianhai, nansha = (
        Counter(kinds_recorded(sessions, "hkte-qianhai-2025")),
        Counter(kinds_recorded(sessions, "hkte-nansha-2025")),
    )
    assert qianhai[EventKind.REVISED] == 1 and qianhai[EventKind.CHANGES_REQUESTED] == 1
    assert qianhai[EventKind.SUBMITTED] == 2 and qianhai[EventKind.REVIEW_REMINDER] == 0
    assert nansha[EventKind.REVIEW_REMINDER] == 2 and nansha[EventKind.REVIEW_ESCALATED] == 1
    assert nansha[EventKind.CEREMONY_SCHEDULED] == 1 and nansha[EventKind.CEREMONY_RESCHEDULED] == 1
    for counts in (qianhai, nansha):
        assert counts[EventKind.SIGNED] == 2 and counts[EventKind.EXECUTED] == 1 and counts[EventKind.IN_FORCE] == 1
        assert counts[EventKind.MILESTONE_CONFIRMED] == 1
    assert (qianhai[EventKind.MILESTONE_REMINDER], qianhai[EventKind.MILESTONE_OVERDUE]) == (5, 1)
    assert (nansha[EventKind.MILESTONE_REMINDER], nansha[EventKind.MILESTONE_OVERDUE]) == (4, 0)
    with sessions() as session:
        rows = {row.id: row for row in session.scalars(select(MouRow))}
        assert {row.stage for row in rows.values()} == {"in_force"}
        assert not any(row.has_overdue for row in rows.values())
        milestones = session.scalars(select(MilestoneRow).where(MilestoneRow.mou_id == "hkte-qianhai-2025")).all()
        assert sorted((m.milestone_id, m.status, m.confirmed) for m in milestones) == [
            ("annual-review", "done", False),
            ("joint-recruitment-fair", "done", True),
            ("talent-services-report", "done", False),
        ]
