"""One input model per human action. Every action names the actor it is taken by."""

from datetime import datetime
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AfterValidator, AwareDatetime, Field, field_validator, model_validator

from mouflow.domain.content import (
    A_WHOLE_NUMBER,
    Bilingual,
    Day,
    DraftContent,
    Frozen,
    LongText,
    MilestonePlanItem,
    Party,
    ShortText,
    Slug,
    YesNo,
)
from mouflow.domain.enums import (
    CommentResolution,
    MilestoneStatus,
    ReviewDecision,
    Role,
    SigningMode,
    TerminationWay,
    TextLanguage,
)

Comment = Annotated[str, Field(max_length=5_000)]
Reason = Annotated[str, Field(min_length=1, max_length=5_000)]
Version = Annotated[int, Field(ge=1, le=1_000_000), A_WHOLE_NUMBER]
MouId = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9-]{2,63}$")]
COMMENT_ID_PATTERN = r"^c[1-9][0-9]{0,6}$"
CommentId = Annotated[str, Field(pattern=COMMENT_ID_PATTERN, description="c1, c2, ...: in the order made")]
MAX_CLAUSE_COMMENTS = 100  # in one review: every clause of a long MoU, in both languages, is rarely commented on


class Actor(Frozen):
    """Who acts. The API fills this from the authenticated user; the workflow re-checks it."""

    user_id: ShortText
    name: ShortText
    party_id: Slug
    role: Role


class Action(Frozen):
    """Every human action: who takes it, and the API request it came from (for the audit log)."""

    actor: Actor
    request_id: Annotated[str, Field(max_length=100)] | None = None


class StartMou(Action):
    mou_id: MouId
    owner: Party
    partners: Annotated[list[Party], Field(min_length=1, max_length=20)]
    content: DraftContent


# What a user says in each action; the API takes these as request bodies and adds the actor.


class DraftRequest(Frozen):
    base_version: Version  # the version the officer edited, so a concurrent edit is caught
    content: DraftContent


class SubmitRequest(Frozen):
    version: Version
    review_days: Annotated[int, Field(ge=1, le=180), A_WHOLE_NUMBER] = 14


class ClauseComment(Frozen):
    """A reviewer's comment on one clause of the version under review, in one of its two languages."""

    clause: Annotated[
        int, Field(ge=1, le=200, description="the clause's number in the version under review"), A_WHOLE_NUMBER
    ]
    language: TextLanguage
    text: Annotated[LongText, Field(max_length=5_000)]


class ReviewRequest(Frozen):
    version: Version
    decision: ReviewDecision
    comment: Annotated[Comment, Field(description="on the version as a whole")] = ""
    clause_comments: Annotated[list[ClauseComment], Field(max_length=MAX_CLAUSE_COMMENTS)] = []


class AnswerRequest(Frozen):
    """The drafter's answer to a review comment, once: addressed in the text, or answered with a reply."""

    resolution: CommentResolution
    reply: Annotated[Comment, Field(description="needed to answer; optional when marking it addressed")] = ""


class Official(Frozen):
    name: Bilingual
    title: Bilingual


def _within_the_calendar(moment: datetime) -> datetime:
    """A moment every zone can show: one at the calendar's ends cannot be converted to Hong Kong time."""
    if not 1990 <= moment.year <= 2199:
        raise ValueError("must be between the years 1990 and 2199")
    return moment


class CeremonyRequest(Frozen):
    starts_at: Annotated[AwareDatetime, AfterValidator(_within_the_calendar)]
    time_zone: ShortText = "Asia/Hong_Kong"
    venue: Bilingual
    witnesses: Annotated[list[Official], Field(max_length=20)] = []

    @field_validator("time_zone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError, OSError) as error:  # OSError: a name too long for a file
            raise ValueError(f"unknown time zone {value!r}") from error
        return value


class Signatory(Frozen):
    name_en: ShortText
    title_en: ShortText
    name_zh: ShortText | None = None
    title_zh: ShortText | None = None


class SignatureRequest(Frozen):
    version: Version
    signatory: Signatory
    mode: Annotated[
        SigningMode,
        Field(description="at_ceremony: from the ceremony's start; in_counterpart: a party that cannot attend"),
    ] = SigningMode.AT_CEREMONY


REPORTABLE = [MilestoneStatus.IN_PROGRESS.value, MilestoneStatus.DONE.value]  # pending is where a milestone starts


class ProgressRequest(Frozen):
    status: Annotated[MilestoneStatus, Field(description="in_progress or done", json_schema_extra={"enum": REPORTABLE})]
    note: Comment = ""

    @field_validator("status")
    @classmethod
    def _reportable(cls, value: MilestoneStatus) -> MilestoneStatus:
        if value is MilestoneStatus.PENDING:
            raise ValueError("progress can be in_progress or done, not pending")
        return value


class ConfirmRequest(Frozen):
    note: Comment = ""


class Reschedule(Frozen):
    milestone_id: Slug
    due_date: Day


class AmendRequest(Frozen):
    """Changes to the milestones of an MoU in force, with the reason every party reads."""

    milestones: Annotated[list[MilestonePlanItem], Field(max_length=200, description="milestones to add")] = []
    reschedule: Annotated[list[Reschedule], Field(max_length=200, description="this term's milestones moved")] = []
    remove: Annotated[list[Slug], Field(max_length=200, description="ids of milestones taken out of the plan")] = []
    reason: Reason

    @model_validator(mode="after")
    def _changes_each_milestone_once(self) -> "AmendRequest":
        if not (self.milestones or self.reschedule or self.remove):
            raise ValueError("add, reschedule or remove at least one milestone")
        changed = [item.milestone_id for item in self.reschedule] + list(self.remove)
        if len(set(changed)) != len(changed):
            raise ValueError("each milestone may be rescheduled or removed once in an amendment")
        return self


class RenewalRequest(Frozen):
    renew: YesNo
    comment: Comment = ""


class CloseRequest(Frozen):
    """Withdrawal before signing, termination after: both need a reason on record."""

    reason: Annotated[LongText, Field(max_length=5_000)]


class TerminationRequest(CloseRequest):
    by: Annotated[
        Literal[TerminationWay.NOTICE, TerminationWay.AGREEMENT],
        Field(
            description="notice: the MoU ends when the notice period does; agreement: this party consents to end it "
            "at once, which it does when every party has"
        ),
    ] = TerminationWay.NOTICE


class ReasonRequest(Frozen):
    """Reopening an approved version, or voiding signatures: every party is told why."""

    reason: Annotated[LongText, Field(max_length=5_000)]


# The actions the workflow receives: what was said, by whom.


class Revise(DraftRequest, Action):
    pass


class Submit(SubmitRequest, Action):
    pass


class Review(ReviewRequest, Action):
    pass


class ScheduleCeremony(CeremonyRequest, Action):
    pass


class Sign(SignatureRequest, Action):
    pass


class ReportProgress(ProgressRequest, Action):
    milestone_id: Slug


class ConfirmMilestone(ConfirmRequest, Action):
    milestone_id: Slug


class AmendMilestones(AmendRequest, Action):
    pass


class AnswerComment(AnswerRequest, Action):
    comment_id: CommentId


class DecideRenewal(RenewalRequest, Action):
    pass


class Close(CloseRequest, Action):
    pass


class Terminate(TerminationRequest, Action):
    pass


class Reopen(ReasonRequest, Action):
    pass


class VoidSignatures(ReasonRequest, Action):
    pass
