"""What a workflow history tells about the work done: updates, activities by type and how long they
queued and ran, timers, events and bytes; and the runs of a continue-as-new chain."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from temporalio.api.enums.v1 import EventType
from temporalio.api.history.v1 import HistoryEvent
from temporalio.client import Client, WorkflowHistory

SCHEDULED = EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED
STARTED = EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED
COMPLETED = EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED
UPDATE_ACCEPTED = EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED
TIMER_STARTED = EventType.EVENT_TYPE_TIMER_STARTED
CONTINUED = EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW


@dataclass
class HistoryCounts:
    events: int = 0
    size: int = 0  # bytes of the events as stored
    updates: int = 0
    timers: int = 0
    activities: Counter[str] = field(default_factory=Counter)
    queued: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))  # scheduled to started, s
    ran: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))  # started to completed, s

    def add(self, history: WorkflowHistory) -> None:
        self.events += len(history.events)
        self.size += sum(event.ByteSize() for event in history.events)
        by_id = {event.event_id: event for event in history.events}
        for event in history.events:
            self._count(event, by_id)

    def _count(self, event: HistoryEvent, by_id: dict[int, HistoryEvent]) -> None:
        if event.event_type == UPDATE_ACCEPTED:
            self.updates += 1
        elif event.event_type == TIMER_STARTED:
            self.timers += 1
        elif event.event_type == SCHEDULED:
            self.activities[event.activity_task_scheduled_event_attributes.activity_type.name] += 1
        elif event.event_type == COMPLETED:
            attributes = event.activity_task_completed_event_attributes
            scheduled, started = by_id[attributes.scheduled_event_id], by_id[attributes.started_event_id]
            name = scheduled.activity_task_scheduled_event_attributes.activity_type.name
            self.queued[name].append(_seconds(scheduled, started))
            self.ran[name].append(_seconds(started, event))


def _seconds(first: HistoryEvent, then: HistoryEvent) -> float:
    return (then.event_time.ToDatetime() - first.event_time.ToDatetime()).total_seconds()


async def counts_of(client: Client, workflow_ids: list[str]) -> HistoryCounts:
    counts = HistoryCounts()
    for workflow_id in workflow_ids:
        counts.add(await client.get_workflow_handle(workflow_id).fetch_history())
    return counts


async def chain(client: Client, workflow_id: str, first_run_id: str) -> list[WorkflowHistory]:
    """The history of each run of a continue-as-new chain, first run first."""
    runs, run_id = [], first_run_id
    while run_id:
        history = await client.get_workflow_handle(workflow_id, run_id=run_id).fetch_history()
        runs.append(history)
        last = history.events[-1]
        continued = last.event_type == CONTINUED
        run_id = last.workflow_execution_continued_as_new_event_attributes.new_execution_run_id if continued else ""
    return runs
