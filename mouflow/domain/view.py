"""What the outside world sees of an MoU after each transition."""

from datetime import date, datetime

from pydantic import BaseModel

from mouflow.domain.clock import next_deadline
from mouflow.domain.enums import EventKind, Stage
from mouflow.domain.review import awaiting_review
from mouflow.domain.state import Event, Milestone, MouState

WHOLE_PLAN_EVENTS = frozenset({EventKind.EXECUTED, EventKind.RENEWED, EventKind.MILESTONES_AMENDED})


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
    next_deadline: datetime | None
    seq: int


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
    )


def touched_milestones(state: MouState, events: list[Event]) -> list[Milestone]:
    """The milestones a transition changed, so the projection need not be sent the whole plan."""
    if any(event.kind in WHOLE_PLAN_EVENTS for event in events):
        return list(state.milestones)
    ids = {event.milestone_id for event in events if event.milestone_id}
    return [milestone for milestone in state.milestones if milestone.id in ids]
