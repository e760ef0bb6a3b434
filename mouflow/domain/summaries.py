"""What the outside world sees of an MoU after each transition."""

from datetime import date, datetime

from pydantic import BaseModel

from mouflow.domain.clock import next_moment
from mouflow.domain.deadlines import next_deadline
from mouflow.domain.enums import EventKind, Stage
from mouflow.domain.review import awaiting_review
from mouflow.domain.state import (
    Ceremony,
    Closure,
    DraftVersion,
    Event,
    Milestone,
    MissingDocument,
    MouState,
    ReviewComment,
    ReviewRound,
    SignatureRecord,
    TerminationNotice,
    VoidedSignatures,
)

WHOLE_PLAN_EVENTS = frozenset({EventKind.EXECUTED, EventKind.RENEWED, EventKind.MILESTONES_AMENDED})
NEW_VERSION_EVENTS = frozenset({EventKind.STARTED, EventKind.REVISED})


class MouSummary(BaseModel):
    mou_id: str
    stage: Stage
    title_en: str
    title_zh: str
    owner_party_id: str
    party_ids: list[str]
    current_version: int
    approved_version: int | None
    executed_version: int | None
    awaiting_review: list[str]
    signed_by: list[str]
    has_overdue: bool
    term_end: date | None
    next_deadline: datetime | None  # the next thing due: a review, a milestone, the end of a notice or a term
    seq: int
    next_reminder: datetime | None = None  # when the clock next acts: a reminder, an escalation, a flag


class VersionInfo(BaseModel):
    number: int
    author_name: str
    author_party_id: str
    created_at: datetime
    simplified: bool = False  # it holds a Simplified Chinese text, authentic once executed


class TermInfo(BaseModel):
    number: int
    effective_date: date
    end_date: date
    renewal_notice_sent: bool
    renewal_decisions: dict[str, bool]


class MouStatus(MouSummary):
    """Everything a reader needs except the draft texts and the milestones, which have their own tables."""

    versions: list[VersionInfo]
    review_round: ReviewRound | None
    ceremony: Ceremony | None
    ceremonies_scheduled: int
    signatures: list[SignatureRecord]
    term: TermInfo | None
    closure: Closure | None
    rules: int = 1
    voided_signatures: list[VoidedSignatures] = []
    termination_notice: TerminationNotice | None = None
    termination_consents: list[str] = []  # parties that agreed to end the MoU at once
    missing_documents: list[MissingDocument] = []  # renders that failed for good; the MoU went on without them
    comments: list[ReviewComment] = []  # every review's comments, with the drafter's answers


def describe(state: MouState) -> MouStatus:
    term = state.term
    return MouStatus(
        **summarize(state).model_dump(),
        versions=[
            VersionInfo(
                number=v.number,
                author_name=v.author.name,
                author_party_id=v.author.party_id,
                created_at=v.created_at,
                simplified=v.content.simplified is not None,
            )
            for v in state.versions
        ],
        review_round=state.review_rounds[-1] if state.review_rounds else None,
        ceremony=state.ceremony,
        ceremonies_scheduled=len(state.ceremonies),
        signatures=state.signatures,
        term=TermInfo(
            number=term.number,
            effective_date=term.effective_date,
            end_date=term.end_date,
            renewal_notice_sent=term.renewal_notice_sent,
            renewal_decisions={party: d.renew for party, d in term.decisions.items()},
        )
        if term
        else None,
        closure=state.closure,
        rules=state.rules,
        voided_signatures=state.voided_signatures,
        termination_notice=state.termination_notice,
        termination_consents=sorted(state.termination_consents),
        missing_documents=state.paperwork.missing,
        comments=state.comments,
    )


def summarize(state: MouState) -> MouSummary:
    title = state.current_version.content.title
    term = state.term
    return MouSummary(
        mou_id=state.mou_id,
        stage=state.stage,
        title_en=title.en,
        title_zh=title.zh,
        owner_party_id=state.owner.id,
        party_ids=state.party_ids,
        current_version=state.current_version.number,
        approved_version=state.approved_version,
        executed_version=state.executed_version,
        awaiting_review=awaiting_review(state),
        signed_by=[signature.party_id for signature in state.signatures],
        has_overdue=state.has_overdue,
        term_end=term.end_date if term else None,
        next_deadline=next_deadline(state),
        seq=state.seq,
        next_reminder=next_moment(state),
    )


def touched_milestones(state: MouState, events: list[Event]) -> list[Milestone]:
    """The milestones a transition changed, so the projection need not be sent the whole plan."""
    if any(event.kind in WHOLE_PLAN_EVENTS for event in events):
        return list(state.milestones)
    ids = {event.milestone_id for event in events if event.milestone_id}
    return [milestone for milestone in state.milestones if milestone.id in ids]


class MilestoneKey(BaseModel):
    term_number: int
    milestone_id: str


def removed_milestones(state: MouState, events: list[Event]) -> list[MilestoneKey]:
    """The current term's milestones a transition removed, for the projection to delete."""
    if state.term is None:
        return []
    number = state.term.number
    return [
        MilestoneKey(term_number=number, milestone_id=event.milestone_id)
        for event in events
        if event.kind is EventKind.MILESTONE_REMOVED and event.milestone_id
    ]


def new_versions(state: MouState, events: list[Event]) -> list[DraftVersion]:
    numbers = {event.version for event in events if event.kind in NEW_VERSION_EVENTS}
    return [version for version in state.versions if version.number in numbers]
