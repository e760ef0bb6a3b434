"""The activity as Temporal runs it: in an activity context, and through a real worker."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy.orm import Session, sessionmaker
from temporalio.exceptions import ApplicationError
from temporalio.testing import ActivityEnvironment, WorkflowEnvironment
from temporalio.worker import Worker

from activities.documents import DocumentActivities
from mouflow.documents.models import DocumentKind, DocumentRef
from mouflow.documents.storage import DiskStorage
from tests.documents.builders import EXECUTED, request
from tests.documents.conftest import stored_files
from tests.documents.render_workflow import RenderTwiceWorkflow
from tests.documents.test_idempotency import count_rows


async def test_a_workflow_rendering_twice_gets_one_document(
    time_env: WorkflowEnvironment,
    task_queue: str,
    documents: DocumentActivities,
    storage: DiskStorage,
    sessions: sessionmaker[Session],
) -> None:
    executed = request(DocumentKind.EXECUTED, EXECUTED)
    direct = ActivityEnvironment().run(documents.render, executed)
    with ThreadPoolExecutor(max_workers=2) as executor:
        worker = Worker(
            time_env.client,
            task_queue=task_queue,
            workflows=[RenderTwiceWorkflow],
            activities=[documents.render],
            activity_executor=executor,
        )
        async with worker:
            refs: list[DocumentRef] = await time_env.client.execute_workflow(
                RenderTwiceWorkflow.run, executed, id=f"render-{task_queue}", task_queue=task_queue
            )
    assert refs == [direct, direct]
    assert len(stored_files(storage)) == 1 and count_rows(sessions) == 1


def test_an_impossible_request_fails_for_good(documents: DocumentActivities) -> None:
    with pytest.raises(ApplicationError, match="no executed version 2") as raised:
        ActivityEnvironment().run(documents.render, request(DocumentKind.EXECUTED, EXECUTED, version=2))
    assert raised.value.non_retryable and raised.value.type == "DocumentError"
