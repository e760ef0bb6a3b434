"""Record workflow histories from the current MouWorkflow for the replay test.

Run `python -m tests.histories.record FOLDER [SCENARIO ...]` after a deliberate change of workflow logic (behind
`workflow.patched`), or to keep a history of a new path through it, and commit the new files beside the old
ones: old histories must keep replaying.
"""

import asyncio
import dataclasses
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

from temporalio.api.enums.v1 import EventType
from temporalio.client import Client
from temporalio.testing import WorkflowEnvironment

from mouflow.demo import HKTE, NANSHA, QIANHAI, gba_mou, officer
from mouflow.domain import simplified
from mouflow.domain.actions import (
    AmendMilestones,
    AnswerComment,
    ClauseComment,
    Close,
    DecideRenewal,
    Reopen,
    Reschedule,
    Review,
    ReviewRequest,
    Revise,
    Sign,
    Submit,
    Terminate,
    VoidSignatures,
)
from mouflow.domain.content import Bilingual, MilestonePlanItem, Party
from mouflow.domain.enums import CommentResolution, ReviewDecision, SigningMode, TerminationWay, TextLanguage
from mouflow.domain.term import RENEWAL_NOTICE_DAYS
from mouflow.store.db import make_engine, session_factory
from mouflow.store.migrate import create_schema
from tests import symposium as case
from tests.conftest import TEST_AUDIT_KEY, running_worker
from tests.servers import start_time_skipping
from tests.workflows.driver import Mou, eventually, start, status
from workflows.mou import MouWorkflow

HERE = Path(__file__).parent
TASK_QUEUE = "mouflow-histories"
AGREEMENT = TerminationWay.AGREEMENT


ON_CLAUSE_2 = ClauseComment(clause=2, language=TextLanguage.ZH, text="請列明雙方合作的服務範圍。")


async def negotiate_with_comments(mou: Mou) -> None:
    """The symposium's negotiation, its request for changes naming clause 2's Chinese text as well; version 2
    addresses the clause comment and answers the comment on the whole."""
    for step in case.negotiation(mou.id):
        request = step.request
        if isinstance(request, ReviewRequest) and request.decision is ReviewDecision.REQUEST_CHANGES:
            commented = request.model_copy(update={"clause_comments": [ON_CLAUSE_2]})
            step = dataclasses.replace(step, request=commented)
        await case.on(mou, step)
        if step.name.startswith("draft"):
            for comment_id, resolution, reply in (
                ("c1", CommentResolution.ANSWERED, "The services clause is added as clause 3."),
                ("c2", CommentResolution.ADDRESSED, ""),
            ):
                answer = AnswerComment(actor=officer(HKTE), comment_id=comment_id, resolution=resolution, reply=reply)
                await mou.execute_update(MouWorkflow.answer_comment, answer)


async def qianhai_signed_and_followed_up(env: WorkflowEnvironment) -> Mou:
    """Revision round with comments on the whole and on a clause, both answered; ceremony, signatures,
    amendments (a milestone added, one moved, one removed), progress, confirmation, overdue, termination by
    agreement."""
    mou = await start(env.client, TASK_QUEUE, case.QIANHAI_MOU, history_limit=60)
    await negotiate_with_comments(mou)
    await case.hold_ceremony(env, mou, QIANHAI)
    extra = MilestonePlanItem(
        id="youth-internships",
        title=Bilingual(en="Youth internships", zh="青年實習"),
        owner_party_id=QIANHAI.id,
        offset_months=2,
    )
    await mou.execute_update(
        MouWorkflow.amend_milestones,
        AmendMilestones(actor=officer(HKTE), milestones=[extra], reason="Added at the first meeting"),
    )
    moved = await _a_week_later(mou, "youth-internships")
    await mou.execute_update(
        MouWorkflow.amend_milestones,
        AmendMilestones(actor=officer(HKTE), reschedule=[moved], remove=["annual-review"], reason="Second meeting"),
    )
    await case.report(mou, HKTE, "joint-recruitment-fair")
    await case.confirm_by(mou, QIANHAI, "joint-recruitment-fair")
    await env.sleep(timedelta(days=200))
    await eventually(mou, lambda s: s.has_overdue, "an overdue milestone")
    await _until_the_renewal_notice(env, mou)
    await mou.execute_update(MouWorkflow.decide_renewal, DecideRenewal(actor=officer(QIANHAI), renew=True))
    for party in (HKTE, QIANHAI):  # ended at once by agreement: by notice it would stay in force for months
        terminate = Terminate(actor=officer(party), reason="Superseded by a wider agreement", by=AGREEMENT)
        await mou.execute_update(MouWorkflow.terminate, terminate)
    await mou.result()
    return mou


async def _until_the_renewal_notice(env: WorkflowEnvironment, mou: Mou) -> None:
    """A renewal is decided once the notice that the term ends has gone out (`term.check_renewal`)."""
    term = (await status(mou)).term
    assert term is not None
    notice_day = term.end_date - timedelta(days=RENEWAL_NOTICE_DAYS)
    today = (await env.get_current_time()).date()
    await env.sleep(max(notice_day - today, timedelta(0)) + timedelta(days=1))
    await eventually(mou, lambda s: s.term is not None and s.term.renewal_notice_sent, "the renewal notice")


async def _a_week_later(mou: Mou, milestone_id: str) -> Reschedule:
    milestone = (await status(mou)).milestone(milestone_id)
    assert milestone is not None
    due: date = milestone.due_date + timedelta(days=7)
    return Reschedule(milestone_id=milestone_id, due_date=due)


async def nansha_escalated_then_withdrawn(env: WorkflowEnvironment) -> Mou:
    mou = await start(env.client, TASK_QUEUE, case.NANSHA_MOU)
    await mou.execute_update(MouWorkflow.submit, Submit(actor=officer(HKTE), version=1, review_days=5))
    await case.review_by(mou, HKTE, 1)
    await env.sleep(timedelta(days=6))
    await eventually(mou, lambda s: s.review_rounds[-1].escalated_at is not None, "the escalation")
    await case.review_by(mou, NANSHA, 1)
    await mou.execute_update(
        MouWorkflow.withdraw, Close(actor=officer(HKTE), reason="Scope merged into the Qianhai MoU")
    )
    await mou.result()
    return mou


async def nansha_authentic_in_simplified(env: WorkflowEnvironment) -> Mou:
    """Nansha's officer writes the Simplified text as version 2; HKTE's review comments on its clause 2 in
    Simplified, the comment is answered, both approve and sign: executed in three authentic texts, then ended
    by agreement."""
    mou = await start(env.client, TASK_QUEUE, case.NANSHA_MOU.model_copy(update={"mou_id": "hkte-nansha-hans-2025"}))
    first = (await status(mou)).current_version.content
    written = first.model_copy(update={"simplified": simplified.starting_text(first)})
    await mou.execute_update(MouWorkflow.revise, Revise(actor=officer(NANSHA), base_version=1, content=written))
    await mou.execute_update(MouWorkflow.submit, Submit(actor=officer(HKTE), version=2))
    on_simplified = ClauseComment(clause=2, language=TextLanguage.ZH_HANS, text="请写明交流信息的频率。")
    approve = Review(actor=officer(HKTE), version=2, decision=ReviewDecision.APPROVE, clause_comments=[on_simplified])
    await mou.execute_update(MouWorkflow.review, approve)
    answer = AnswerComment(
        actor=officer(HKTE), comment_id="c1", resolution=CommentResolution.ANSWERED, reply="每季一次，见第2条。"
    )
    await mou.execute_update(MouWorkflow.answer_comment, answer)
    await case.review_by(mou, NANSHA, 2)
    await case.hold_ceremony(env, mou, NANSHA)
    for party in (HKTE, NANSHA):
        terminate = Terminate(actor=officer(party), reason="Superseded by the GBA agreement", by=AGREEMENT)
        await mou.execute_update(MouWorkflow.terminate, terminate)
    await mou.result()
    return mou


async def gba_voided_reopened_then_noticed(env: WorkflowEnvironment) -> Mou:
    """Three parties; a signature in counterpart voided, the version reopened and approved again, its ceremony
    moved; signed in counterpart and at the ceremony; Nansha's notice runs out and ends it."""
    mou = await start(env.client, TASK_QUEUE, gba_mou())
    parties = (HKTE, QIANHAI, NANSHA)

    async def approve(version: int) -> None:
        await mou.execute_update(MouWorkflow.submit, Submit(actor=officer(HKTE), version=version))
        for party in parties:
            await case.review_by(mou, party, version)

    def sign(party: Party, version: int, mode: SigningMode = SigningMode.AT_CEREMONY) -> Sign:
        return Sign(actor=officer(party), version=version, signatory=case.SIGNATORIES[party.id], mode=mode)

    await approve(1)
    await mou.execute_update(MouWorkflow.schedule_ceremony, case.ceremony(await env.get_current_time() + case.days(5)))
    await mou.execute_update(MouWorkflow.sign, sign(NANSHA, 1, SigningMode.IN_COUNTERPART))
    await mou.execute_update(MouWorkflow.void_signatures, VoidSignatures(actor=officer(HKTE), reason="Clause 2"))
    await mou.execute_update(MouWorkflow.reopen, Reopen(actor=officer(HKTE), reason="Clause 2 changes"))
    content = gba_mou().content
    await mou.execute_update(MouWorkflow.revise, Revise(actor=officer(HKTE), base_version=1, content=content))
    await approve(2)
    await mou.execute_update(MouWorkflow.sign, sign(NANSHA, 2, SigningMode.IN_COUNTERPART))
    # the first ceremony was for version 1: version 2 is signed at one of its own
    await mou.execute_update(MouWorkflow.schedule_ceremony, case.ceremony(await env.get_current_time() + case.days(2)))
    await case.wait_for_ceremony(env, mou)
    for party in (HKTE, QIANHAI):
        await mou.execute_update(MouWorkflow.sign, sign(party, 2))
    await mou.execute_update(MouWorkflow.terminate, Terminate(actor=officer(NANSHA), reason="Zone restructured"))
    await env.sleep(timedelta(days=100))
    await eventually(mou, lambda s: s.stage.is_terminal, "the notice running out")
    await mou.result()
    return mou


async def save_chain(client: Client, mou: Mou, folder: Path) -> list[Path]:
    saved, run_id = [], mou.first_execution_run_id
    while run_id:
        history = await client.get_workflow_handle(mou.id, run_id=run_id).fetch_history()
        path = folder / f"{mou.id}-run{len(saved) + 1}.json"
        path.write_text(history.to_json())
        saved.append(path)
        last = history.events[-1]
        continued = last.event_type == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW
        run_id = last.workflow_execution_continued_as_new_event_attributes.new_execution_run_id if continued else None
    return saved


SCENARIOS = (
    qianhai_signed_and_followed_up,
    nansha_escalated_then_withdrawn,
    gba_voided_reopened_then_noticed,
    nansha_authentic_in_simplified,
)


async def main(folder: Path, only: set[str]) -> None:
    """Every scenario, or those named: a new one is recorded alone, beside the histories already kept."""
    folder.mkdir(parents=True, exist_ok=True)
    env = await start_time_skipping()
    with tempfile.TemporaryDirectory() as scratch:
        engine = make_engine(f"sqlite:///{scratch}/record.db")
        create_schema(engine)
        async with env, running_worker(env.client, TASK_QUEUE, session_factory(engine, audit_key=TEST_AUDIT_KEY)):
            for scenario in (s for s in SCENARIOS if not only or s.__name__ in only):
                mou = await scenario(env)
                for path in await save_chain(env.client, mou, folder):
                    print(f"{path} ({(await status(mou)).stage})")
        engine.dispose()


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "v1", set(sys.argv[2:])))
