"""Which forms an MoU's page offers a user now: those the workflow would accept.

No rule of who may act, or when, is written here. For each form the page can show, `offers_for`
builds the action that form would send and asks the check the workflow's Update validator runs
(workflows/mou.py) whether it would refuse it with a `RuleViolation`; the form is offered when it
would not. The fields of that action:

- what the form fixes, as the page writes it: the version (hidden), the milestone, the missing document;
- what the user picks among a few values: the ways of signing are asked about one by one, because the
  check tells them apart (`sign_modes`); for the others (approve or request changes, renew or not, in
  progress or done) one value stands for all, because no check reads them;
- what the user types: a representative valid value (the constants below). The checks read typed text
  only for being there (a request for changes needs a comment, which the officer types with it) and the
  ceremony's start for lying ahead inside its window, which a ceremony tomorrow always does;
- the ways of ending a signed MoU (by notice, by agreement) are asked about one by one, as the ways of
  signing are: the check tells them apart (a party that gave notice may still consent, and the other way);
- a comment answered: marking it addressed stands for answering it, which differs only by the reply typed;
- a milestone moved by amendment: to the first day a milestone may be due (the next, when it is due on that
  day already), for the reason given below;
- a milestone added by amendment: the check reads every field of it, so the representative is one the
  check must accept whenever any milestone would be: an id no milestone has, owned by a party to the MoU,
  due on the first day a new milestone may be (`followup.check_amendment_dates`: the later of the effective
  date and today). Were that day refused, so would every later one.

tests/domain/test_offers_match_checks.py holds both ways: an offered form passes its check with any
valid value typed or picked, and a form not offered is refused whatever it could send. The workflow still
checks every action: an offer predicts, from the state the workflow answered with when the page was drawn.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import ParamSpec

from pydantic import ValidationError

from mouflow.domain import discussion, drafting, followup, paperwork, review, signatures, term, termination
from mouflow.domain.actions import (
    Actor,
    AmendMilestones,
    AnswerComment,
    Close,
    ConfirmMilestone,
    DecideRenewal,
    Reopen,
    ReportProgress,
    Reschedule,
    Review,
    Revise,
    ScheduleCeremony,
    Sign,
    Signatory,
    Submit,
    Terminate,
    VoidSignatures,
)
from mouflow.domain.calendar import add_months, local_date
from mouflow.domain.content import Bilingual, MilestonePlanItem
from mouflow.domain.enums import (
    CommentResolution,
    DocumentKind,
    MilestoneStatus,
    ReviewDecision,
    SigningMode,
    TerminationWay,
)
from mouflow.domain.state import MouState
from mouflow.errors import RuleViolation

Params = ParamSpec("Params")

# What the user types, where no check reads it but for being valid: any valid value stands for all
TYPED_SIGNATORY = Signatory(name_en="Signatory", title_en="Title")
TYPED_VENUE = Bilingual(en="Venue", zh="地點")
# a ceremony typed for tomorrow: in the future, and well inside the window `dates.check_ceremony_window` allows
TYPED_CEREMONY_LEAD = timedelta(days=1)
# the submit form's default; the check does not read it (the request model bounds it)
FORM_REVIEW_DAYS = 14
# a reason for closing, voiding, reopening or amending: the checks never read it (the request model needs one)
TYPED_REASON = "Reason"
TYPED_MILESTONE_TITLE = Bilingual(en="Milestone", zh="里程碑")
# the ways a page ends a signed MoU, in the order its buttons show them
TERMINATION_WAYS = (TerminationWay.NOTICE, TerminationWay.AGREEMENT)
MAX_OFFSET_MONTHS = 240  # `MilestonePlanItem.offset_months` takes no more, and no term is longer


@dataclass(frozen=True)
class Offers:
    submit_version: int | None = None
    review_version: int | None = None
    sign_version: int | None = None
    sign_modes: tuple[SigningMode, ...] = ()  # the ways of signing the check accepts now, in SigningMode's order
    schedule_ceremony: bool = False
    decide_renewal: bool = False
    report_progress: tuple[str, ...] = ()
    confirm: tuple[str, ...] = ()
    make_again: tuple[tuple[DocumentKind, int | None], ...] = ()  # missing documents: (kind, version)
    withdraw: bool = False
    terminate_ways: tuple[TerminationWay, ...] = ()  # the ways of ending it the check accepts now
    void_signatures: bool = False
    reopen: bool = False
    amend_milestones: bool = False
    reschedule: tuple[str, ...] = ()  # milestones the amendment form may move
    remove: tuple[str, ...] = ()  # and remove
    answer_comments: tuple[str, ...] = ()  # review comments the user may mark addressed or answer
    draft_version: int | None = None  # the editor of a new version starts from this one
    simplified_version: int | None = None  # the Simplified text's editor starts from this one

    @property
    def anything(self) -> bool:
        """Any of the page's actions; a missing document is offered beside the documents, not among them."""
        offered = (
            self.submit_version,
            self.review_version,
            self.sign_version,
            self.schedule_ceremony,
            self.decide_renewal,
            self.withdraw,
            self.void_signatures,
            self.reopen,
            self.amend_milestones,
        )
        listed = (self.report_progress, self.confirm, self.terminate_ways, self.reschedule, self.remove)
        return any(offered) or any(listed) or bool(self.answer_comments)

    def may_make_again(self, kind: DocumentKind, version: int | None) -> bool:
        return (kind, version) in self.make_again


def offers_for(state: MouState, actor: Actor, now: datetime) -> Offers:
    """The forms `actor` may use on this MoU at `now`: each one the validator's own check would let through."""
    sign_modes = _sign_modes(state, actor, now)
    return Offers(
        submit_version=_submit_version(state, actor),
        draft_version=_draft_version(state, actor),
        simplified_version=_simplified_version(state, actor),
        review_version=_review_version(state, actor),
        sign_version=state.approved_version if sign_modes else None,
        sign_modes=sign_modes,
        schedule_ceremony=_passes(signatures.check_new_ceremony, state, _ceremony(actor, now), now),
        decide_renewal=_passes(term.check_renewal, state, DecideRenewal(actor=actor, renew=True)),
        report_progress=tuple(m.id for m in state.milestones if _may_report(state, actor, m.id)),
        confirm=tuple(m.id for m in state.milestones if _may_confirm(state, actor, m.id)),
        make_again=tuple(
            (m.kind, m.version) for m in state.paperwork.missing if _may_make_again(state, actor, m.kind, m.version)
        ),
        withdraw=_passes(drafting.check_withdraw, state, Close(actor=actor, reason=TYPED_REASON)),
        terminate_ways=_terminate_ways(state, actor),
        void_signatures=_passes(signatures.check_void, state, VoidSignatures(actor=actor, reason=TYPED_REASON)),
        reopen=_passes(drafting.check_reopen, state, Reopen(actor=actor, reason=TYPED_REASON)),
        amend_milestones=_passes(followup.check_new_amendment, state, _amendment(state, actor, now), now),
        reschedule=tuple(m.id for m in state.milestones if _may_reschedule(state, actor, m.id, now)),
        remove=tuple(m.id for m in state.milestones if _may_remove(state, actor, m.id, now)),
        answer_comments=tuple(c.id for c in state.comments if _may_answer(state, actor, c.id)),
    )


def _passes(check: Callable[Params, None], *args: Params.args, **kwargs: Params.kwargs) -> bool:
    """Whether the check lets the action through: it refuses with a RuleViolation, and changes nothing."""
    try:
        check(*args, **kwargs)
    except RuleViolation:
        return False
    return True


def _submit_version(state: MouState, actor: Actor) -> int | None:
    version = state.current_version.number  # the form submits the draft the page shows
    submit = Submit(actor=actor, version=version, review_days=FORM_REVIEW_DAYS)
    return version if _passes(drafting.check_submit, state, submit) else None


def _draft_version(state: MouState, actor: Actor) -> int | None:
    """The editor starts from the page's version: offered when a revision of it with some valid text would be
    accepted, so on the role, the stage and the version (`check_revise`), the current text standing for what
    the officer types. The typed text's dates and size are the Save's to judge: a date the current text let
    age out of its window is fixed in the editor, which must not be hidden for it."""
    current = state.current_version
    revise = Revise(actor=actor, base_version=current.number, content=current.content)
    return current.number if _passes(drafting.check_revise, state, revise) else None


def _simplified_version(state: MouState, actor: Actor) -> int | None:
    current = state.current_version.number
    return current if _passes(drafting.check_writes_simplified, state, actor) else None


def _review_version(state: MouState, actor: Actor) -> int | None:
    """Approving stands for both buttons: requesting changes differs only by the comment the officer types."""
    version = state.current_version.number  # the form reviews the draft the page shows
    approve = Review(actor=actor, version=version, decision=ReviewDecision.APPROVE)
    return version if _passes(review.check_review, state, approve) else None


def _sign_modes(state: MouState, actor: Actor, now: datetime) -> tuple[SigningMode, ...]:
    version = state.approved_version  # the form signs the approved version
    if version is None:
        return ()  # nothing approved: the form would have no version to send
    ways = (Sign(actor=actor, version=version, signatory=TYPED_SIGNATORY, mode=mode) for mode in SigningMode)
    return tuple(sign.mode for sign in ways if _passes(signatures.check_sign, state, sign, now))


def _ceremony(actor: Actor, now: datetime) -> ScheduleCeremony:
    return ScheduleCeremony(actor=actor, starts_at=now + TYPED_CEREMONY_LEAD, venue=TYPED_VENUE)


def _may_report(state: MouState, actor: Actor, milestone_id: str) -> bool:
    """One status stands for both the form offers (in progress, done): the check does not read it."""
    report = ReportProgress(actor=actor, milestone_id=milestone_id, status=MilestoneStatus.IN_PROGRESS)
    return _passes(followup.check_progress, state, report)


def _may_confirm(state: MouState, actor: Actor, milestone_id: str) -> bool:
    return _passes(followup.check_confirm, state, ConfirmMilestone(actor=actor, milestone_id=milestone_id))


def _may_make_again(state: MouState, actor: Actor, kind: DocumentKind, version: int | None) -> bool:
    ask = paperwork.RequestDocument(actor=actor, kind=kind, version=version)
    return _passes(paperwork.check_request, state, ask)


def _terminate_ways(state: MouState, actor: Actor) -> tuple[TerminationWay, ...]:
    ways = (Terminate(actor=actor, reason=TYPED_REASON, by=way) for way in TERMINATION_WAYS)
    return tuple(terminate.by for terminate in ways if _passes(termination.check_terminate, state, terminate))


def _amendment(state: MouState, actor: Actor, now: datetime) -> AmendMilestones:
    """One new milestone the check accepts whenever it accepts any (the module's docstring says why)."""
    months, days = _offset_to_first_day(state, local_date(now))
    added = MilestonePlanItem(
        id=_unused_milestone_id(state),
        title=TYPED_MILESTONE_TITLE,
        owner_party_id=actor.party_id if actor.party_id in state.party_ids else state.owner.id,
        offset_months=months,
        offset_days=days,
    )
    return AmendMilestones(actor=actor, milestones=[added], reason=TYPED_REASON)


def _may_reschedule(state: MouState, actor: Actor, milestone_id: str, now: datetime) -> bool:
    """To the first day a milestone may be due, or the next when it is due then already: were that refused,
    so would every later day."""
    today = local_date(now)
    first_day = followup.first_due_day(state.term, today) if state.term else today
    milestone = state.milestone(milestone_id)
    if milestone is not None and milestone.due_date == first_day:
        first_day += timedelta(days=1)
    try:
        moved = Reschedule(milestone_id=milestone_id, due_date=first_day)
    except ValidationError:  # past the last day a date may be: every day it could be moved to is earlier
        return False
    amend = AmendMilestones(actor=actor, reschedule=[moved], reason=TYPED_REASON)
    return _passes(followup.check_new_amendment, state, amend, now)


def _may_remove(state: MouState, actor: Actor, milestone_id: str, now: datetime) -> bool:
    amend = AmendMilestones(actor=actor, remove=[milestone_id], reason=TYPED_REASON)
    return _passes(followup.check_new_amendment, state, amend, now)


def _may_answer(state: MouState, actor: Actor, comment_id: str) -> bool:
    addressed = AnswerComment(actor=actor, comment_id=comment_id, resolution=CommentResolution.ADDRESSED)
    return _passes(discussion.check_answer, state, addressed)


def _offset_to_first_day(state: MouState, today: date) -> tuple[int, int]:
    """The offset from the term's effective date to the first day a new milestone may be due. An offset, not
    a date: a fixed date recurs a term later in each renewed term (`followup.due_date_in_term`)."""
    if state.term is None:
        return 0, 0  # no term: the check refuses any amendment before it reads a date
    effective = state.term.effective_date
    first_day = followup.first_due_day(state.term, today)
    if add_months(effective, MAX_OFFSET_MONTHS) <= first_day:
        return MAX_OFFSET_MONTHS, 0  # past the longest term: refused whatever the offset, as any date would be
    months = (first_day.year - effective.year) * 12 + first_day.month - effective.month
    while add_months(effective, months) > first_day:
        months -= 1  # the 31st plus a month can land past a shorter month's end
    return months, (first_day - add_months(effective, months)).days


def _unused_milestone_id(state: MouState) -> str:
    taken = {m.id for m in state.milestones}
    return next(f"new-milestone-{n}" for n in range(len(taken) + 1) if f"new-milestone-{n}" not in taken)
