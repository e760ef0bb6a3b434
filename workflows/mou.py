"""MouWorkflow: one per memorandum, from first draft to expiry, across continue-as-new runs."""

import asyncio
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import ParamSpec, TypeVar

from pydantic import BaseModel
from temporalio import workflow
from temporalio.common import Priority, RetryPolicy
from temporalio.exceptions import ActivityError, ApplicationError, FailureError

with workflow.unsafe.imports_passed_through():
    from activities.documents import DocumentActivities
    from activities.store import StoreActivities
    from mouflow import names
    from mouflow.documents.models import DocumentKind, RenderDocument
    from mouflow.documents.triggers import documents_for
    from mouflow.domain import (
        clock,
        discussion,
        drafting,
        followup,
        paperwork,
        review,
        signatures,
        term,
        termination,
        urgency,
    )
    from mouflow.domain.actions import (
        Action,
        AmendMilestones,
        AnswerComment,
        Close,
        ConfirmMilestone,
        DecideRenewal,
        Reopen,
        ReportProgress,
        Review,
        Revise,
        ScheduleCeremony,
        Sign,
        StartMou,
        Submit,
        Terminate,
        VoidSignatures,
    )
    from mouflow.domain.enums import PRE_SIGNATURE_STAGES
    from mouflow.domain.paperwork import RequestDocument
    from mouflow.domain.rules import CEREMONY_AND_NOTICE, FIRST_RULES, RULES_PATCH
    from mouflow.domain.state import DocumentOrder, Event, MouState
    from mouflow.domain.summaries import MouSummary, summarize
    from mouflow.errors import RuleViolation
    from mouflow.transitions import transition_of

AnyAction = TypeVar("AnyAction", bound=Action)
Params = ParamSpec("Params")
Result = TypeVar("Result")

HISTORY_LIMIT = 2_000  # continue-as-new long before the 4k-event guidance
STORE_RETRY = RetryPolicy(initial_interval=timedelta(seconds=1), maximum_interval=timedelta(minutes=1))
# a transition is a few rows: a write lost with its worker is retried after this, and the officer waits for it
STORE_TIMEOUT = timedelta(seconds=10)
RENDER_TIMEOUT = timedelta(minutes=2)  # a long bilingual PDF on a loaded machine takes seconds
# the SDK sends heartbeats at most every 80% of this (24 s), which leaves 6 s for a busy worker's beat to arrive;
# a render lost with its worker is retried after 30 s instead of the whole start-to-close timeout
RENDER_HEARTBEAT_TIMEOUT = timedelta(seconds=30)
DOCUMENTS_PATCH = "documents-v1"  # histories from before PDFs existed replay without these activities
PROMPT_PAPER_PATCH = "documents-prompt-v1"  # the first draft at once, and nothing owed lost at continue-as-new
DOCUMENTS_QUEUE_PATCH = "documents-queue-v1"  # renders on a task queue of their own
RENDERS_APART_PATCH = "documents-apart-v1"  # renders beside the main loop, bounded; what fails is recorded missing
URGENT_PAPER_PATCH = "documents-by-urgency-v1"  # the most urgent owed document first, with a Temporal priority
# about two and a half minutes of attempts (10 s, 20 s, 40 s, 60 s apart): a render that fails this long
# fails for a reason a person must look at, and the MoU records the document as missing instead
RENDER_RETRY = RetryPolicy(
    initial_interval=timedelta(seconds=10), maximum_interval=timedelta(minutes=1), maximum_attempts=5
)


class MouWorkflowInput(BaseModel):
    """Either a new MoU (`start`) or the whole state carried over by continue-as-new."""

    start: StartMou | None = None
    carried: MouState | None = None
    history_limit: int = HISTORY_LIMIT


@workflow.defn
class MouWorkflow:
    @workflow.init
    def __init__(self, run_input: MouWorkflowInput) -> None:
        self._history_limit = run_input.history_limit
        self._woken = False
        self._recording = asyncio.Lock()  # transitions reach the store one at a time, in seq order
        self._stored_seq = 0
        self._paper: list[tuple[DocumentKind, int | None]] = []  # documents owed, rendered by the main loop
        self._search_attributes: tuple[object, ...] = ()
        self._initial_events: list[Event] = []
        if run_input.carried is not None:
            self.state = run_input.carried
            self._stored_seq = self.state.seq  # a run continues as new only once all was stored
            if workflow.patched(RULES_PATCH) and self.state.stage in PRE_SIGNATURE_STAGES:
                # not yet signed: the new run takes these rules; a signed MoU keeps those it was agreed under
                self.state.rules = max(self.state.rules, CEREMONY_AND_NOTICE)
        elif run_input.start is not None:
            rules = CEREMONY_AND_NOTICE if workflow.patched(RULES_PATCH) else FIRST_RULES
            self.state, self._initial_events = _rule(drafting.start_mou, run_input.start, workflow.now(), rules)
            _stamp(self._initial_events, run_input.start)
        else:
            raise ApplicationError("MouWorkflow needs a start or a carried state", non_retryable=True)

    @workflow.run
    async def run(self, run_input: MouWorkflowInput) -> MouSummary:
        apart = workflow.patched(RENDERS_APART_PATCH)
        renders = asyncio.create_task(self._make_paper()) if apart else None  # the clock never waits for a PDF
        if self._initial_events:
            await self._record(self._initial_events)
            if workflow.patched(PROMPT_PAPER_PATCH):
                await self._render_paper()
        self._publish_search_attributes()
        while not self.state.stage.is_terminal:
            await self._sleep_until_next_deadline()
            events = clock.fire_due(self.state, workflow.now())
            if events:
                await self._record(events)
            await self._render_paper()
            if self._history_is_long():
                await workflow.wait_condition(self._settled if apart else workflow.all_handlers_finished)
                if workflow.patched(PROMPT_PAPER_PATCH):
                    await self._render_paper()  # a handler may have owed a document while we waited
                workflow.continue_as_new(MouWorkflowInput(carried=self.state, history_limit=self._history_limit))
        await workflow.wait_condition(workflow.all_handlers_finished)
        await self._render_paper()
        if renders is not None:
            await workflow.wait_condition(self._settled)
            renders.cancel()
        return summarize(self.state)

    def _settled(self) -> bool:
        """No handler under way, no document owed, every transition in the store: what continue-as-new and
        the end wait for. Renders are bounded, so this waits minutes at worst; a run that continued as new
        at every clock event would otherwise cancel a slow render each time and never finish it."""
        return workflow.all_handlers_finished() and not self.state.paperwork.owed and self._stored_seq >= self.state.seq

    @workflow.query
    def status(self) -> MouState:
        return self.state

    @workflow.query
    def summary(self) -> MouSummary:
        return summarize(self.state)

    @workflow.update
    async def stored(self) -> MouSummary:
        """Returns once every transition so far is in the store: the API's start waits on it."""
        seq = max(self.state.seq, 1)  # transition 1 is the start itself, even before run() records it
        await workflow.wait_condition(lambda: self._stored_seq >= seq)
        return summarize(self.state)

    @workflow.update
    async def revise(self, action: Revise) -> MouSummary:
        return await self._act(drafting.apply_revise, action)

    @revise.validator
    def _check_revise(self, action: Revise) -> None:
        _rule(drafting.check_new_revision, self.state, action, workflow.now())

    @workflow.update
    async def submit(self, action: Submit) -> MouSummary:
        return await self._act(drafting.apply_submit, action)

    @submit.validator
    def _check_submit(self, action: Submit) -> None:
        _rule(drafting.check_submit, self.state, action)

    @workflow.update
    async def review(self, action: Review) -> MouSummary:
        """Records the review and its comments. Keeping comments sends no command the workflow did not send
        before, so it needs no patch (mouflow.domain.rules, rule 4)."""
        return await self._act(review.apply_review, action)

    @review.validator
    def _check_review(self, action: Review) -> None:
        _rule(review.check_review, self.state, action)

    @workflow.update
    async def answer_comment(self, action: AnswerComment) -> MouSummary:
        """The drafter marks a review comment addressed, or answers it."""
        return await self._act(discussion.apply_answer, action)

    @answer_comment.validator
    def _check_answer_comment(self, action: AnswerComment) -> None:
        _rule(discussion.check_answer, self.state, action)

    @workflow.update
    async def schedule_ceremony(self, action: ScheduleCeremony) -> MouSummary:
        return await self._act(signatures.apply_ceremony, action)

    @schedule_ceremony.validator
    def _check_schedule_ceremony(self, action: ScheduleCeremony) -> None:
        _rule(signatures.check_new_ceremony, self.state, action, workflow.now())

    @workflow.update
    async def sign(self, action: Sign) -> MouSummary:
        return await self._act(signatures.apply_sign, action)

    @sign.validator
    def _check_sign(self, action: Sign) -> None:
        _rule(signatures.check_sign, self.state, action, workflow.now())

    @workflow.update
    async def report_progress(self, action: ReportProgress) -> MouSummary:
        return await self._act(followup.apply_progress, action)

    @report_progress.validator
    def _check_report_progress(self, action: ReportProgress) -> None:
        _rule(followup.check_progress, self.state, action)

    @workflow.update
    async def confirm_milestone(self, action: ConfirmMilestone) -> MouSummary:
        return await self._act(followup.apply_confirm, action)

    @confirm_milestone.validator
    def _check_confirm_milestone(self, action: ConfirmMilestone) -> None:
        _rule(followup.check_confirm, self.state, action)

    @workflow.update
    async def amend_milestones(self, action: AmendMilestones) -> MouSummary:
        """Add, reschedule or remove milestones. An amendment from before rescheduling existed only adds, which
        apply_amend does exactly as it did then, so its history replays without a patch."""
        return await self._act(followup.apply_amend, action)

    @amend_milestones.validator
    def _check_amend_milestones(self, action: AmendMilestones) -> None:
        _rule(followup.check_new_amendment, self.state, action, workflow.now())

    @workflow.update
    async def decide_renewal(self, action: DecideRenewal) -> MouSummary:
        return await self._act(term.apply_renewal, action)

    @decide_renewal.validator
    def _check_decide_renewal(self, action: DecideRenewal) -> None:
        _rule(term.check_renewal, self.state, action)

    @workflow.update
    async def withdraw(self, action: Close) -> MouSummary:
        return await self._act(drafting.apply_withdraw, action)

    @withdraw.validator
    def _check_withdraw(self, action: Close) -> None:
        _rule(drafting.check_withdraw, self.state, action)

    @workflow.update
    async def terminate(self, action: Terminate) -> MouSummary:
        """By notice, or by every party's consent; under the first rules, at once."""
        return await self._act(termination.apply_terminate, action)

    @terminate.validator
    def _check_terminate(self, action: Terminate) -> None:
        _rule(termination.check_terminate, self.state, action)

    @workflow.update
    async def reopen(self, action: Reopen) -> MouSummary:
        return await self._act(drafting.apply_reopen, action)

    @reopen.validator
    def _check_reopen(self, action: Reopen) -> None:
        _rule(drafting.check_reopen, self.state, action)

    @workflow.update
    async def void_signatures(self, action: VoidSignatures) -> MouSummary:
        return await self._act(signatures.apply_void, action)

    @void_signatures.validator
    def _check_void_signatures(self, action: VoidSignatures) -> None:
        _rule(signatures.check_void, self.state, action)

    async def _act(
        self, apply: Callable[[MouState, AnyAction, datetime], list[Event]], action: AnyAction
    ) -> MouSummary:
        events = _stamp(_rule(apply, self.state, action, workflow.now()), action)
        self._woken = True  # deadlines may have moved: the main loop recomputes its sleep
        await self._record(events)
        return summarize(self.state)

    async def _record(self, events: list[Event]) -> None:
        async with self._recording:
            self.state.seq += 1
            transition = transition_of(workflow.info().workflow_id, self.state, events)
            self._publish_search_attributes()
            await workflow.execute_activity_method(
                StoreActivities.record_transition,
                transition,
                start_to_close_timeout=STORE_TIMEOUT,
                retry_policy=STORE_RETRY,
            )
            self._stored_seq = transition.seq
        self._owe_paper(events)

    def _owe_paper(self, events: list[Event]) -> None:
        if not workflow.patched(DOCUMENTS_PATCH):
            return
        owed = documents_for(self.state, events)
        if owed and workflow.patched(RENDERS_APART_PATCH):
            paperwork.owe(self.state, owed)  # in the state, so continue-as-new carries what is still owed
        elif owed:
            self._paper.extend(owed)
            self._woken = True  # off the update's path: an officer's action does not wait for a PDF

    async def _render_paper(self) -> None:
        """The main loop's renders, for runs from before RENDERS_APART_PATCH; since, `_make_paper` makes them."""
        while self._paper:
            kind, version = self._paper.pop(0)
            request = RenderDocument(
                workflow_id=workflow.info().workflow_id, kind=kind, version=version, mou=self.state
            )
            try:
                await workflow.execute_activity_method(
                    DocumentActivities.render,
                    request,
                    task_queue=self._documents_queue(),
                    start_to_close_timeout=RENDER_TIMEOUT,
                    heartbeat_timeout=RENDER_HEARTBEAT_TIMEOUT,
                    retry_policy=STORE_RETRY,
                )
            except ActivityError as error:  # a document that cannot be made must never end the MoU
                workflow.logger.error("%s for version %s not rendered: %s", kind, version, error.cause)

    async def _make_paper(self) -> None:
        """Renders what the MoU owes, one at a time, for as long as the run lasts. A document stays owed
        until its outcome is recorded, so continue-as-new carries a render that was under way."""
        owed = self.state.paperwork.owed
        while True:
            await workflow.wait_condition(lambda: bool(owed))
            order = urgency.most_urgent(self.state) if workflow.patched(URGENT_PAPER_PATCH) else owed[0]
            try:
                events = await self._render(order)
                if events:
                    await self._record(events)
            except ActivityError as error:  # a store write that failed for good must not stop every later render
                workflow.logger.error("the outcome of %s was not recorded: %s", order.kind, error.cause)
            finally:
                owed.remove(order)  # the first equal one: this very order, however many the MoU owes

    async def _render(self, order: DocumentOrder) -> list[Event]:
        request = RenderDocument(
            workflow_id=workflow.info().workflow_id, kind=order.kind, version=order.version, mou=self.state
        )
        try:
            await workflow.execute_activity_method(
                DocumentActivities.render,
                request,
                task_queue=self._documents_queue(),
                start_to_close_timeout=RENDER_TIMEOUT,
                heartbeat_timeout=RENDER_HEARTBEAT_TIMEOUT,
                retry_policy=RENDER_RETRY,
                priority=self._render_priority(order),
            )
        except ActivityError as error:  # the MoU goes on; the document is listed as missing, with why
            workflow.logger.error("%s for version %s not rendered: %s", order.kind, order.version, error.cause)
            return paperwork.mark_missing(self.state, order, _failure_message(error), workflow.now())
        return paperwork.mark_rendered(self.state, order, workflow.now())

    def _render_priority(self, order: DocumentOrder) -> Priority:
        """Render workers take the urgent renders of every MoU from their backlog first."""
        if not workflow.patched(URGENT_PAPER_PATCH):
            return Priority.default
        return Priority(priority_key=urgency.rank(self.state, order))

    def _documents_queue(self) -> str | None:
        """Renders have a queue and threads of their own, so the store writes that officers wait for
        never queue behind PDFs; histories from before it keep the workflow's own queue."""
        if not workflow.patched(DOCUMENTS_QUEUE_PATCH):
            return None
        return names.documents_queue(workflow.info().task_queue)

    async def _sleep_until_next_deadline(self) -> None:
        self._woken = False
        deadline = clock.next_moment(self.state)
        timeout = None if deadline is None else max(deadline - workflow.now(), timedelta(0))
        try:
            await workflow.wait_condition(lambda: self._woken, timeout=timeout, timeout_summary="next MoU deadline")
        except TimeoutError:
            pass

    def _history_is_long(self) -> bool:
        info = workflow.info()
        return info.is_continue_as_new_suggested() or info.get_current_history_length() >= self._history_limit

    def _publish_search_attributes(self) -> None:
        values = (self.state.stage.value, self.state.party_ids, self.state.has_overdue)
        if values == self._search_attributes:
            return  # each upsert is a history event: only when something changed
        self._search_attributes = values
        workflow.upsert_search_attributes(
            [names.STAGE.value_set(values[0]), names.PARTIES.value_set(values[1]), names.OVERDUE.value_set(values[2])]
        )

    @workflow.update
    async def request_document(self, action: RequestDocument) -> MouSummary:
        """A missing document asked for again: owed once more, and made beside the main loop."""
        return await self._act(paperwork.apply_request, action)

    @request_document.validator
    def _check_request_document(self, action: RequestDocument) -> None:
        _rule(paperwork.check_request, self.state, action)


def _failure_message(error: ActivityError) -> str:
    """The last attempt's own words ("no executed version 2"), not the wrapper's "activity task failed"."""
    cause = error.cause
    return cause.message if isinstance(cause, FailureError) and cause.message else str(cause or error)


def _stamp(events: list[Event], action: Action) -> list[Event]:
    for event in events:
        event.request_id = action.request_id
    return events


def _rule(rule: Callable[Params, Result], *args: Params.args, **kwargs: Params.kwargs) -> Result:
    """Run a domain rule; a broken rule becomes an ApplicationError that rejects the update."""
    try:
        return rule(*args, **kwargs)
    except RuleViolation as violation:
        raise ApplicationError(
            violation.message, violation.details(), type=violation.code, non_retryable=True
        ) from None
