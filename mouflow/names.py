"""Names the worker, the API, the tests and operators must agree on."""

from temporalio.common import SearchAttributeKey

TASK_QUEUE = "mouflow"

STAGE = SearchAttributeKey.for_keyword("MouStage")
PARTIES = SearchAttributeKey.for_keyword_list("MouParties")
OVERDUE = SearchAttributeKey.for_bool("MouOverdue")
SEARCH_ATTRIBUTES = (STAGE, PARTIES, OVERDUE)


def mou_workflow_id(mou_id: str) -> str:
    return f"mou-{mou_id}"


def documents_queue(task_queue: str) -> str:
    """Where the workflows on `task_queue` send their PDF renders."""
    return f"{task_queue}-documents"


def notify_queue(task_queue: str) -> str:
    """Where the notification workflows and their deliveries run, beside the MoUs on `task_queue`."""
    return f"{task_queue}-notify"
