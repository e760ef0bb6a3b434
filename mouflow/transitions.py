"""The one message the workflow sends to the store at each transition."""

from pydantic import BaseModel

from mouflow.domain.state import DraftVersion, Event, Milestone, MouState
from mouflow.domain.summaries import (
    MilestoneKey,
    MouStatus,
    describe,
    new_versions,
    removed_milestones,
    touched_milestones,
)


class RecordTransition(BaseModel):
    """`(workflow_id, seq)` identifies a transition: recording it twice changes nothing."""

    workflow_id: str
    seq: int
    summary: MouStatus
    events: list[Event]
    milestones: list[Milestone]
    versions: list[DraftVersion] = []
    removed_milestones: list[MilestoneKey] = []  # taken out of the plan by an amendment


def transition_of(workflow_id: str, state: MouState, events: list[Event]) -> RecordTransition:
    """Transition `state.seq` as the store needs it: the state after `events`, and what they touched."""
    return RecordTransition(
        workflow_id=workflow_id,
        seq=state.seq,
        summary=describe(state),
        events=events,
        milestones=touched_milestones(state, events),
        versions=new_versions(state, events),
        removed_milestones=removed_milestones(state, events),
    )
