"""The symposium case, step by step: HKTE with Qianhai (one revision round) and with Nansha."""

from datetime import datetime, timedelta

from temporalio.testing import WorkflowEnvironment

from mouflow import demo
from mouflow.demo import (
    HKTE,
    NANSHA,
    QIANHAI,
    SECRETARY_FOR_LABOUR,
    officer,
    symposium_mou,
)
from mouflow.domain.actions import (
    ConfirmMilestone,
    ReportProgress,
    Review,
    Revise,
    ScheduleCeremony,
    Sign,
    Submit,
)
from mouflow.domain.content import Bilingual, BilingualText, Clause, Party
from mouflow.domain.enums import MilestoneStatus, ReviewDecision, Stage
from tests import ceremony as ceremony_clock
from tests.workflows.driver import Mou, status
from workflows.mou import MouWorkflow

APPROVE, CHANGES = ReviewDecision.APPROVE, ReviewDecision.REQUEST_CHANGES
QIANHAI_MOU, NANSHA_MOU = symposium_mou(QIANHAI, "hkte-qianhai-2025"), symposium_mou(NANSHA, "hkte-nansha-2025")
SERVICES_CLAUSE = Clause(
    heading=Bilingual(en="Talent services", zh="人才服務"),
    text=BilingualText(
        en="Qianhai provides one-stop services to Hong Kong talent working in the Cooperation Zone.",
        zh="前海為在合作區工作的香港人才提供一站式服務。",
    ),
)
SIGNATORIES = demo.SIGNATORIES
VENUE = demo.CEREMONY_VENUE


async def review_by(
    mou: Mou, party: Party, version: int, decision: ReviewDecision = APPROVE, comment: str = ""
) -> None:
    await mou.execute_update(
        MouWorkflow.review, Review(actor=officer(party), version=version, decision=decision, comment=comment)
    )


async def negotiate_qianhai(mou: Mou) -> None:
    """Qianhai asks for a services clause; version 2 adds it and both approve it."""
    await mou.execute_update(MouWorkflow.submit, Submit(actor=officer(HKTE), version=1, review_days=14))
    await review_by(mou, HKTE, 1)
    await review_by(mou, QIANHAI, 1, CHANGES, "Please add a clause on talent services in Qianhai")
    assert (await status(mou)).stage is Stage.DRAFTING
    content = QIANHAI_MOU.content
    revised = content.model_copy(update={"clauses": [*content.clauses, SERVICES_CLAUSE]})
    await mou.execute_update(MouWorkflow.revise, Revise(actor=officer(HKTE), base_version=1, content=revised))
    await mou.execute_update(MouWorkflow.submit, Submit(actor=officer(HKTE), version=2, review_days=14))
    await review_by(mou, QIANHAI, 2)
    await review_by(mou, HKTE, 2)


def ceremony(at: datetime) -> ScheduleCeremony:
    return ScheduleCeremony(
        actor=officer(HKTE), starts_at=at, time_zone="Asia/Hong_Kong", venue=VENUE, witnesses=[SECRETARY_FOR_LABOUR]
    )


async def wait_for_ceremony(env: WorkflowEnvironment, mou: Mou) -> None:
    """Signatures are taken from the ceremony's start: the time-skipping server skips to it, a dev server waits."""
    scheduled = (await status(mou)).ceremony
    assert scheduled is not None, f"{mou.id}: no ceremony is scheduled"
    await ceremony_clock.until(scheduled.starts_at, env)


async def hold_ceremony(
    env: WorkflowEnvironment, mou: Mou, partner: Party, after: timedelta = timedelta(days=2)
) -> None:
    """Schedule the ceremony `after` from now, wait for its start, and sign for each party that has not."""
    await mou.execute_update(MouWorkflow.schedule_ceremony, ceremony(await env.get_current_time() + after))
    await wait_for_ceremony(env, mou)
    await sign_all_remaining(mou, partner)


async def sign_all_remaining(mou: Mou, partner: Party) -> None:
    """At the ceremony: call `wait_for_ceremony` first."""
    state = await status(mou)
    signed = {signature.party_id for signature in state.signatures}
    for party in (HKTE, partner):
        if party.id not in signed:
            sign = Sign(actor=officer(party), version=state.approved_version or 0, signatory=SIGNATORIES[party.id])
            await mou.execute_update(MouWorkflow.sign, sign)


async def report(mou: Mou, party: Party, milestone_id: str, done: bool = True, note: str = "") -> None:
    status_ = MilestoneStatus.DONE if done else MilestoneStatus.IN_PROGRESS
    progress = ReportProgress(actor=officer(party), milestone_id=milestone_id, status=status_, note=note)
    await mou.execute_update(MouWorkflow.report_progress, progress)


async def confirm(mou: Mou, party: Party, milestone_id: str) -> None:
    confirmation = ConfirmMilestone(actor=officer(party), milestone_id=milestone_id, note="Attended and verified")
    await mou.execute_update(MouWorkflow.confirm_milestone, confirmation)


def days(n: float) -> timedelta:
    return timedelta(days=n)
