"""Record a MouWorkflow history in which renders fail for good and a missing document is asked for again.

Run `python -m tests.histories.record_documents tests/histories/vN` beside `tests.histories.record` after
a deliberate change of how MouWorkflow makes its documents (behind `workflow.patched`).
"""

import asyncio
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

from activities.documents import DocumentActivities
from mouflow.demo import HKTE, NANSHA, officer, symposium_mou
from mouflow.documents.models import DocumentKind
from mouflow.documents.storage import DiskStorage
from mouflow.domain.actions import Close, Submit
from mouflow.domain.paperwork import RequestDocument
from mouflow.store.db import make_engine, session_factory
from mouflow.store.migrate import create_schema
from tests.conftest import TEST_AUDIT_KEY, running_worker
from tests.documents.jammed import JammedPress
from tests.histories.record import save_chain
from tests.servers import start_time_skipping
from tests.workflows.driver import eventually, start
from workflows.mou import MouWorkflow

TASK_QUEUE = "mouflow-histories"
MOU = symposium_mou(NANSHA, "hkte-nansha-documents")


async def main(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    env = await start_time_skipping()
    with tempfile.TemporaryDirectory() as scratch:
        engine = make_engine(f"sqlite:///{scratch}/record.db")
        create_schema(engine)
        sessions = session_factory(engine, audit_key=TEST_AUDIT_KEY)
        press = JammedPress(DocumentActivities(DiskStorage(Path(scratch) / "documents"), sessions))
        async with env, running_worker(env.client, TASK_QUEUE, sessions, renders=[press.render]):
            mou = await start(env.client, TASK_QUEUE, MOU)
            await mou.execute_update(MouWorkflow.submit, Submit(actor=officer(HKTE), version=1, review_days=5))
            await env.sleep(timedelta(minutes=5))
            await eventually(mou, lambda s: len(s.paperwork.missing) == 2, "both first documents missing")
            press.jammed = False
            ask = RequestDocument(actor=officer(HKTE), kind=DocumentKind.DRAFT, version=1)
            await mou.execute_update(MouWorkflow.request_document, ask)
            await eventually(mou, lambda s: len(s.paperwork.missing) == 1, "the draft made after all")
            await env.sleep(timedelta(days=3))  # a review reminder
            await mou.execute_update(MouWorkflow.withdraw, Close(actor=officer(HKTE), reason="Recorded for replay"))
            await mou.result()
            for path in await save_chain(env.client, mou, folder):
                print(path)
        engine.dispose()


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1])))
