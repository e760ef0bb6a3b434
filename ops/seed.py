"""Starts the demo MoUs of the 3 June 2025 symposium, once: running it again changes nothing."""

import asyncio
import os
import sys

from sqlalchemy.orm import Session, sessionmaker
from temporalio.client import Client
from temporalio.common import WorkflowIDReusePolicy
from temporalio.exceptions import WorkflowAlreadyStartedError

from mouflow.audit_key import audit_key
from mouflow.config import Settings
from mouflow.demo import HKTE, NANSHA, QIANHAI, READS, symposium_mou
from mouflow.domain.actions import StartMou
from mouflow.domain.enums import Role
from mouflow.names import mou_workflow_id
from mouflow.sessions import sessions_from
from mouflow.store.db import make_engine, session_scope
from mouflow.store.migrate import create_schema
from mouflow.store.parties import create_party, get_party
from mouflow.store.users import create_user, list_users
from mouflow.temporal import connect
from workflows.mou import MouWorkflow, MouWorkflowInput

DEMO_ROLES = {
    HKTE.id: (Role.OFFICER, Role.MANAGER, Role.ADMIN),
    QIANHAI.id: (Role.OFFICER, Role.VIEWER),
    NANSHA.id: (Role.OFFICER, Role.VIEWER),
}


def seed_directory(sessions: sessionmaker[Session]) -> list[str]:
    """Registers the demo parties and, on the first run only, one user per demo role.

    Tokens are stored hashed, so they are printed this once; `python -m ops.cli create-user`
    makes more.
    """
    lines = []
    with session_scope(sessions) as session:
        for party in (HKTE, QIANHAI, NANSHA):
            row = get_party(session=session, party_id=party.id)
            if row is None:
                create_party(session=session, party=party, owns_mous=party is HKTE, language=READS.get(party.id))
            elif row.language is None:  # seeded before parties had languages
                row.language = READS.get(party.id)
        if list_users(session=session):
            return []
        for party_id, roles in DEMO_ROLES.items():
            for role in roles:
                user, token = create_user(
                    session=session,
                    name=f"Demo {party_id} {role.value}",
                    party_id=party_id,
                    role=role,
                    email=f"{role.value}@{party_id}.example",  # .example never delivers (RFC 2606)
                )
                lines.append(f"  {party_id:8} {role.value:8} {token}")
    return ["demo users (tokens shown once; use them as 'Authorization: Bearer <token>'):", *lines]


def demo_mous() -> list[StartMou]:
    return [symposium_mou(QIANHAI, "hkte-qianhai-2025"), symposium_mou(NANSHA, "hkte-nansha-2025")]


async def seed(client: Client, task_queue: str) -> list[str]:
    """Returns the ids of the workflows it started; an empty list means the data was already there."""
    started = []
    for start in demo_mous():
        if await start_once(client, task_queue, start):
            started.append(mou_workflow_id(start.mou_id))
    return started


async def start_once(client: Client, task_queue: str, start: StartMou) -> bool:
    try:
        await client.start_workflow(
            MouWorkflow.run,
            MouWorkflowInput(start=start),
            id=mou_workflow_id(start.mou_id),
            task_queue=task_queue,
            # a demo MoU that was withdrawn or expired stays so: it is never started a second time
            id_reuse_policy=WorkflowIDReusePolicy.REJECT_DUPLICATE,
        )
    except WorkflowAlreadyStartedError:
        return False
    return True


def report(started: list[str]) -> str:
    return f"seeded {', '.join(started)}" if started else "demo MoUs already seeded"


def exit_at_once(code: int) -> None:
    """Ends a process that held a Temporal client without the interpreter's finalization.

    The SDK's Rust threads can outlive the event loop and crash CPython while it finalizes: a
    short-lived client exited 139 about once in twenty runs here (temporalio/sdk-python#300).
    """
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def prepare_database(settings: Settings) -> sessionmaker[Session]:
    """Migrates the store to the newest schema: done once here, before the worker and the API start."""
    engine = make_engine(settings.resolved_database_url)
    create_schema(engine, audit_key=audit_key(settings))
    return sessions_from(settings, engine)


async def main() -> None:
    settings = Settings()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    print("\n".join(seed_directory(prepare_database(settings))))
    print(report(await seed(await connect(settings), settings.task_queue)))


if __name__ == "__main__":
    asyncio.run(main())
    exit_at_once(0)
