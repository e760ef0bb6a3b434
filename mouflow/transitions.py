"""The one message the workflow sends to the store at each transition."""

from pydantic import BaseModel

from mouflow.domain.state import DraftVersion, Event, Milestone
from mouflow.domain.view import MouStatus


class RecordTransition(BaseModel):
    """`(workflow_id, seq)` identifies a transition: recording it twice changes nothing."""

    workflow_id: str
    seq: int
    summary: MouStatus
    events: list[Event]
    milestones: list[Milestone]
    versions: list[DraftVersion] = []
