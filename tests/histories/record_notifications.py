"""Record NotificationWorkflow histories for the replay test: one delivered at once, one after a 500,
one refused for good (410), so the plan, the deliveries and the mark-failed path are all in history.

Run `python -m tests.histories.record_notifications tests/histories/vN` after a deliberate change of
NotificationWorkflow's logic (behind `workflow.patched`), and commit the files beside the old ones.
"""

import asyncio
import sys
import tempfile
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from temporalio.client import Client

from mouflow.demo import HKTE, QIANHAI, officer
from mouflow.domain.actions import Submit
from mouflow.names import notification_workflow_id
from mouflow.sealed_secrets import Sealer
from mouflow.store.db import make_engine, session_factory, session_scope
from mouflow.store.migrate import create_schema
from mouflow.store.notify_tables import NotificationRow
from mouflow.store.parties import create_party
from mouflow.store.webhooks import create_webhook
from tests import symposium as case
from tests.conftest import TEST_AUDIT_KEY, TEST_SETTINGS, running_worker
from tests.notify.receiver import receiving
from tests.servers import start_time_skipping
from tests.workflows.driver import start
from workflows.mou import MouWorkflow

HERE = Path(__file__).parent
TASK_QUEUE = "mouflow-histories"
ANSWERS = {"/ok": [], "/flaky": [500], "/gone": [410]}  # each webhook's answers in turn; 200 after them


def register_webhooks(sessions: sessionmaker[Session], base_url: str) -> None:
    with session_scope(sessions) as session:
        for party in (HKTE, QIANHAI):
            create_party(session=session, party=party)
        session.flush()
        for path in ANSWERS:
            create_webhook(
                session=session,
                sealer=Sealer(TEST_SETTINGS),
                party_id=HKTE.id,
                url=base_url + path,
                events=[],
                created_by="recorder",
            )


async def dispatched_ids(sessions: sessionmaker[Session]) -> list[str]:
    """The outbox rows once the dispatcher has started each one's workflow."""
    while True:
        with sessions() as session:
            rows = list(session.scalars(select(NotificationRow)))
        if rows and all(row.dispatched_at for row in rows):
            return [row.id for row in rows]
        await asyncio.sleep(0.2)


async def save(client: Client, notification_id: str, folder: Path) -> Path:
    handle = client.get_workflow_handle(notification_workflow_id(notification_id))
    await handle.result()  # on the time-skipping server this skips the retries' backoff
    path = folder / f"{handle.id}-run1.json"
    path.write_text((await handle.fetch_history()).to_json())
    return path


async def main(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    env = await start_time_skipping()
    with tempfile.TemporaryDirectory() as scratch, receiving() as receiver:
        receiver.script.update({path: list(answers) for path, answers in ANSWERS.items()})
        engine = make_engine(f"sqlite:///{scratch}/record.db")
        create_schema(engine)
        sessions = session_factory(engine, audit_key=TEST_AUDIT_KEY)
        register_webhooks(sessions, receiver.base_url)
        async with env, running_worker(env.client, TASK_QUEUE, sessions):
            mou = await start(env.client, TASK_QUEUE, case.QIANHAI_MOU)
            await mou.execute_update(MouWorkflow.submit, Submit(actor=officer(HKTE), version=1, review_days=14))
            for notification_id in await dispatched_ids(sessions):
                print(await save(env.client, notification_id, folder))
        engine.dispose()


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "v5"))
