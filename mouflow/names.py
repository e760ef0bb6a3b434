"""Names the worker, the API, the tests and operators must agree on."""

from temporalio.common import SearchAttributeKey

# the notification workflow's registered type: the outbox dispatcher starts it by this name, and the
# committed histories replay only while it stays the same
NOTIFICATION_WORKFLOW = "NotificationWorkflow"

STAGE = SearchAttributeKey.for_keyword("MouStage")
PARTIES = SearchAttributeKey.for_keyword_list("MouParties")
OVERDUE = SearchAttributeKey.for_bool("MouOverdue")
SEARCH_ATTRIBUTES = (STAGE, PARTIES, OVERDUE)


def mou_workflow_id(mou_id: str) -> str:
    return f"mou-{mou_id}"


def notification_workflow_id(notification_id: str) -> str:
    """One workflow per outbox row, started at most once."""
    return f"notify-{notification_id}"


def documents_queue(task_queue: str) -> str:
    """Where the workflows on `task_queue` send their PDF renders."""
    return f"{task_queue}-documents"


def notify_queue(task_queue: str) -> str:
    """Where the notification workflows and their deliveries run, beside the MoUs on `task_queue`."""
    return f"{task_queue}-notify"
