"""Every human action and the clock, as the plain domain functions apply them: for the property test
and the check that every MoU can be closed."""

from collections.abc import Callable
from datetime import datetime
from typing import Any

from mouflow.domain import clock, discussion, drafting, followup, paperwork, review, signatures, term, termination
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
    Submit,
    Terminate,
    VoidSignatures,
)
from mouflow.domain.state import Event, MouState

Apply = Callable[[MouState, Any, datetime], list[Event]]

APPLY: dict[type[Action], Apply] = {
    Revise: drafting.apply_revise,
    Submit: drafting.apply_submit,
    Review: review.apply_review,
    ScheduleCeremony: signatures.apply_ceremony,
    Sign: signatures.apply_sign,
    ReportProgress: followup.apply_progress,
    ConfirmMilestone: followup.apply_confirm,
    AmendMilestones: followup.apply_amend,
    DecideRenewal: term.apply_renewal,
    Close: drafting.apply_withdraw,
    Terminate: termination.apply_terminate,
    Reopen: drafting.apply_reopen,
    VoidSignatures: signatures.apply_void,
    paperwork.RequestDocument: paperwork.apply_request,
    AnswerComment: discussion.apply_answer,
}


Check = Callable[[MouState, Any, datetime], None]


# what each Update's validator checks (new input included), as workflows/mou.py calls it
CHECK: dict[type[Action], Check] = {
    Revise: drafting.check_new_revision,
    Submit: lambda state, action, now: drafting.check_submit(state, action),
    Review: lambda state, action, now: review.check_review(state, action),
    ScheduleCeremony: signatures.check_new_ceremony,
    Sign: signatures.check_sign,
    ReportProgress: lambda state, action, now: followup.check_progress(state, action),
    ConfirmMilestone: lambda state, action, now: followup.check_confirm(state, action),
    AmendMilestones: followup.check_new_amendment,
    DecideRenewal: lambda state, action, now: term.check_renewal(state, action),
    Close: lambda state, action, now: drafting.check_withdraw(state, action),
    Terminate: lambda state, action, now: termination.check_terminate(state, action),
    Reopen: lambda state, action, now: drafting.check_reopen(state, action),
    VoidSignatures: lambda state, action, now: signatures.check_void(state, action),
    paperwork.RequestDocument: lambda state, action, now: paperwork.check_request(state, action),
    AnswerComment: lambda state, action, now: discussion.check_answer(state, action),
}


def check(state: MouState, action: Action, now: datetime) -> None:
    """As the workflow's validator does: raises the rule violation, changes nothing."""
    CHECK[type(action)](state, action, now)


def apply(state: MouState, action: Action, now: datetime) -> list[Event]:
    """As the workflow's Update handler does: `apply_*` checks again only what the transition needs
    (mouflow.domain.rules), never who acted or what they typed."""
    return APPLY[type(action)](state, action, now)


def let_time_pass(state: MouState, until: datetime) -> list[Event]:
    return clock.fire_due(state, until)
