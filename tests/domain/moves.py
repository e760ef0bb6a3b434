"""Every human action and the clock, as the plain domain functions apply them: for the property test
and the check that every MoU can be closed."""

from collections.abc import Callable
from datetime import datetime
from typing import Any

from mouflow.domain import clock, drafting, followup, review, signing, term, termination
from mouflow.domain.actions import (
    Action,
    AmendMilestones,
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
    ScheduleCeremony: signing.apply_ceremony,
    Sign: signing.apply_sign,
    ReportProgress: followup.apply_progress,
    ConfirmMilestone: followup.apply_confirm,
    AmendMilestones: followup.apply_amend,
    DecideRenewal: term.apply_renewal,
    Close: drafting.apply_withdraw,
    Terminate: termination.apply_terminate,
    Reopen: drafting.apply_reopen,
    VoidSignatures: signing.apply_void,
}


def apply(state: MouState, action: Action, now: datetime) -> list[Event]:
    """As the workflow's Update handler does: the rule is checked again inside `apply_*`."""
    return APPLY[type(action)](state, action, now)


def let_time_pass(state: MouState, until: datetime) -> list[Event]:
    return clock.fire_due(state, until)
