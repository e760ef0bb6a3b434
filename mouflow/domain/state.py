"""What the workflow remembers about one MoU. It is carried whole across continue-as-new."""

from datetime import date, datetime

from pydantic import BaseModel, Field

from mouflow.domain.actions import Actor, Official, Signatory
from mouflow.domain.content import Bilingual, DraftContent, MilestonePlanItem, Party
from mouflow.domain.enums import (
    CommentResolution,
    DocumentKind,
    EventKind,
    MilestoneStatus,
    ReviewDecision,
    SigningMode,
    Stage,
    TerminationWay,
    TextLanguage,
)
from mouflow.domain.event_words import EventWords


class DraftVersion(BaseModel):
    number: int
    content: DraftContent
    author: Actor
    created_at: datetime


class ReviewRecord(BaseModel):
    party_id: str
    decision: ReviewDecision
    comment: str
    reviewer: Actor
    at: datetime


class CommentAnswer(BaseModel):
    resolution: CommentResolution
    reply: str
    by: Actor
    at: datetime
    version: int  # the current version when it was answered: where an addressed comment was addressed


class ReviewComment(BaseModel):
    """A comment from a review, on the whole version (no clause) or on one clause in one language."""

    id: str
    version: int
    party_id: str
    clause: int | None = None  # its number in `version`
    language: TextLanguage | None = None
    text: str
    author: Actor
    at: datetime
    answer: CommentAnswer | None = None


class ReviewRound(BaseModel):
    version: int
    submitted_at: datetime
    deadline: datetime
    reviews: dict[str, ReviewRecord] = {}
    reminders_sent: list[int] = []  # days before the deadline
    escalated_at: datetime | None = None
    closed: bool = False


class Ceremony(BaseModel):
    starts_at: datetime
    time_zone: str
    venue: Bilingual
    witnesses: list[Official]
    scheduled_by: Actor
    scheduled_at: datetime
    version: int | None = None  # the approved version it was scheduled for (None: before versions were kept)


class SignatureRecord(BaseModel):
    party_id: str
    version: int
    signatory: Signatory
    signed_by: Actor
    at: datetime
    mode: SigningMode = SigningMode.AT_CEREMONY


class VoidedSignatures(BaseModel):
    signatures: list[SignatureRecord]
    reason: str
    by: Actor
    at: datetime


class TerminationNotice(BaseModel):
    """Written notice by one party: the MoU stays in force until `ends_on`, then it is terminated."""

    party_id: str
    reason: str
    given_by: Actor
    given_at: datetime
    ends_on: date


class TerminationConsent(BaseModel):
    party_id: str
    reason: str
    by: Actor
    at: datetime


class ProgressRecord(BaseModel):
    status: MilestoneStatus
    note: str
    reporter: Actor
    at: datetime


class Milestone(BaseModel):
    id: str
    title: Bilingual
    owner_party_id: str
    due_date: date
    requires_confirmation: bool
    term_number: int
    status: MilestoneStatus = MilestoneStatus.PENDING
    progress: list[ProgressRecord] = []
    reminders_sent: list[int] = []  # days before the due date
    overdue_since: datetime | None = None
    confirmed_by: Actor | None = None
    confirmed_at: datetime | None = None

    @property
    def is_overdue(self) -> bool:
        return self.overdue_since is not None and self.status is not MilestoneStatus.DONE


class RenewalDecisionRecord(BaseModel):
    renew: bool
    comment: str
    decided_by: Actor
    at: datetime


class Term(BaseModel):
    number: int
    effective_date: date
    end_date: date  # first day no longer covered
    renewal_notice_sent: bool = False
    decisions: dict[str, RenewalDecisionRecord] = {}
    past_milestones: list[Milestone] = []


class Closure(BaseModel):
    stage: Stage
    reason: str
    by: Actor | None
    at: datetime
    way: TerminationWay | None = None  # how a termination came about


class Event(BaseModel):
    """One thing that happened, as the store, the audit log and notifications will see it."""

    kind: EventKind
    at: datetime
    actor: Actor | None = None
    version: int | None = None
    milestone_id: str | None = None
    party_id: str | None = None
    detail: str = ""
    words: EventWords | None = None  # the detail, for a page to say in its own language
    request_id: str | None = None  # set by the workflow from the action that caused the event


class MouState(BaseModel):
    mou_id: str
    owner: Party
    partners: list[Party]
    stage: Stage = Stage.DRAFTING
    versions: list[DraftVersion]
    review_rounds: list[ReviewRound] = []
    approved_version: int | None = None
    ceremonies: list[Ceremony] = []  # the last one is current; earlier ones were rescheduled
    signatures: list[SignatureRecord] = []
    executed_version: int | None = None
    milestone_plan: list[MilestonePlanItem] = []
    milestones: list[Milestone] = []
    terms: list[Term] = []  # the last one is current
    closure: Closure | None = None
    seq: int = 0  # transitions recorded so far: the idempotency key of the next one
    rules: int = 1  # the edition of the rules this MoU lives under (mouflow.domain.rules)
    voided_signatures: list[VoidedSignatures] = []
    termination_notice: TerminationNotice | None = None
    termination_consents: dict[str, TerminationConsent] = {}
    paperwork: "Paperwork" = Field(default_factory=lambda: Paperwork())  # documents owed, and those missing
    comments: list[ReviewComment] = []  # every review's comments, in the order made, with their answers

    @property
    def parties(self) -> list[Party]:
        return [self.owner, *self.partners]

    @property
    def party_ids(self) -> list[str]:
        return [party.id for party in self.parties]

    @property
    def current_version(self) -> DraftVersion:
        return self.versions[-1]

    @property
    def executed_content(self) -> DraftContent:
        """The signed text once executed; until then the current draft."""
        return self.versions[(self.executed_version or self.current_version.number) - 1].content

    @property
    def open_round(self) -> ReviewRound | None:
        if self.review_rounds and not self.review_rounds[-1].closed:
            return self.review_rounds[-1]
        return None

    @property
    def ceremony(self) -> Ceremony | None:
        return self.ceremonies[-1] if self.ceremonies else None

    @property
    def term(self) -> Term | None:
        return self.terms[-1] if self.terms else None

    @property
    def has_overdue(self) -> bool:
        return any(milestone.is_overdue for milestone in self.milestones)

    def milestone(self, milestone_id: str) -> Milestone | None:
        return next((m for m in self.milestones if m.id == milestone_id), None)

    def comment(self, comment_id: str) -> ReviewComment | None:
        return next((c for c in self.comments if c.id == comment_id), None)


class DocumentOrder(BaseModel):
    """One document the MoU owes: `version` None is the current draft's, or the ceremony programme."""

    kind: DocumentKind
    version: int | None = None

    def names(self, kind: DocumentKind, version: int | None) -> bool:
        return (self.kind, self.version) == (kind, version)


class MissingDocument(DocumentOrder):
    """A document whose render failed for good: the MoU went on without it."""

    error: str
    at: datetime
    requested_at: datetime | None = None  # asked for again and being made; None while nobody asked


class Paperwork(BaseModel):
    owed: list[DocumentOrder] = []  # in order; the first is being rendered, and stays here until it is done
    missing: list[MissingDocument] = []


MouState.model_rebuild()
