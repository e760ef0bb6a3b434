"""An API client over the real app, a real Temporal server and a real database, with users per role."""

from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from sqlalchemy.orm import Session, sessionmaker
from temporalio.testing import WorkflowEnvironment

from api.main import create_app
from mouflow.demo import HKTE, NANSHA, QIANHAI
from mouflow.documents.storage import DiskStorage
from mouflow.domain.content import Bilingual, Party
from mouflow.domain.enums import Role
from mouflow.store.db import session_scope
from mouflow.store.parties import create_party
from mouflow.store.users import create_user
from tests.conftest import TEST_SETTINGS, running_worker

MACAO = Party(id="macao-talent", name=Bilingual(en="Macao Talent Development Committee", zh="澳門人才發展委員會"))
PARTIES = (HKTE, QIANHAI, NANSHA, MACAO)


@dataclass(frozen=True)
class Users:
    """`users.token("qianhai", Role.OFFICER)` is the bearer token of that party's officer."""

    tokens: dict[tuple[str, Role], str]

    def token(self, party_id: str, role: Role) -> str:
        return self.tokens[(party_id, role)]

    def headers(self, party_id: str, role: Role) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token(party_id, role)}"}


@pytest.fixture
def users(sessions: sessionmaker[Session]) -> Users:
    return make_users(sessions)


def make_users(sessions: sessionmaker[Session]) -> Users:
    """The four parties, and a user of every role in each."""
    tokens = {}
    with session_scope(sessions) as session:
        for party in PARTIES:
            create_party(session=session, party=party, owns_mous=party is HKTE)
        session.flush()
        for party in PARTIES:
            for role in Role:
                _, tokens[(party.id, role)] = create_user(
                    session=session, name=f"{party.name.en} {role.value}", party_id=party.id, role=role
                )
    return Users(tokens)


@pytest.fixture
async def api(
    temporal: WorkflowEnvironment, task_queue: str, sessions: sessionmaker[Session], tmp_path: Path
) -> AsyncIterator[httpx.AsyncClient]:
    storage = DiskStorage(tmp_path / "documents")  # the worker writes PDFs where the API reads them
    settings = TEST_SETTINGS.model_copy(update={"task_queue": task_queue})  # webhooks to the tests' own receivers
    app = create_app(settings, sessions=sessions, temporal=temporal.client, storage=storage)
    async with running_worker(temporal.client, task_queue, sessions, storage):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://mouflow.test") as client:
            yield client
