"""The one message the workflow sends to the store at each transition."""

from pydantic import BaseModel

from mouflow.domain.state import Event, Milestone
from mouflow.domain.view import MouSummary


class RecordTransition(BaseModel):
    """`(workflow_id, seq)` identifies a transition: recording it twice changes nothing."""

    workflow_id: str
    seq: int
    summary: MouSummary
    events: list[Event]
    milestones: list[Milestone]
