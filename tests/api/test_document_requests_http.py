"""POST /mous/{id}/documents/requests: asking again for a document whose render failed for good."""

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy.orm import Session, sessionmaker
from temporalio.testing import WorkflowEnvironment

from activities.documents import DocumentActivities
from api.main import create_app
from mouflow.documents.storage import DiskStorage
from mouflow.domain.enums import Role
from tests.api.conftest import Users
from tests.api.test_access_matrix import MOU, prepare
from tests.api.test_documents_http import documents
from tests.conftest import TEST_SETTINGS, running_worker
from tests.documents.jammed import JammedPress

REQUESTS = f"{MOU}/documents/requests"
DRAFT = {"kind": "draft", "version": 1}


@pytest.fixture
def press(sessions: sessionmaker[Session], tmp_path: Path) -> JammedPress:
    return JammedPress(DocumentActivities(DiskStorage(tmp_path / "documents"), sessions))


@pytest.fixture
async def api(
    temporal: WorkflowEnvironment, task_queue: str, sessions: sessionmaker[Session], tmp_path: Path, press: JammedPress
) -> AsyncIterator[httpx.AsyncClient]:
    """As tests/api/conftest.py's, with the jammed press serving the documents queue."""
    storage = DiskStorage(tmp_path / "documents")
    app = create_app(
        TEST_SETTINGS.model_copy(update={"task_queue": task_queue}),
        sessions=sessions,
        temporal=temporal.client,
        storage=storage,
    )
    async with running_worker(temporal.client, task_queue, sessions, storage, renders=[press.render]):
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://mouflow.test") as client:
            yield client


async def missing(api: httpx.AsyncClient, users: Users, count: int) -> list[tuple[str, int]]:
    """GET /mous/{id} serves the projection: the list changes once the workflow recorded it."""
    for _ in range(300):
        status = (await api.get(MOU, headers=users.headers("qianhai", Role.VIEWER))).json()
        found = sorted((m["kind"], m["version"]) for m in status["missing_documents"])
        if len(found) == count:
            return found
        await asyncio.sleep(0.05)
    raise AssertionError(f"never {count} missing documents; have {found}")


async def test_asking_again_for_a_missing_document(
    api: httpx.AsyncClient, users: Users, time_env: WorkflowEnvironment, press: JammedPress
) -> None:
    await prepare(api, users)
    await time_env.sleep(timedelta(minutes=5))  # every attempt at both first documents fails
    assert await missing(api, users, 2) == [("draft", 1), ("partner_copy", 1)]

    async def ask(party: str, role: Role, body: dict[str, object], key: str | None = None) -> httpx.Response:
        headers = users.headers(party, role) | ({"Idempotency-Key": key} if key else {})
        return await api.post(REQUESTS, json=body, headers=headers)

    assert (await ask("nansha", Role.OFFICER, DRAFT)).status_code == 404  # not party to it: hidden
    for party, role in [("qianhai", Role.OFFICER), ("hkte", Role.VIEWER), ("hkte", Role.MANAGER)]:
        refused = await ask(party, role, DRAFT)
        assert refused.status_code == 403 and "or an operator" in refused.json()["detail"], refused.text
    refused = await ask("hkte", Role.OFFICER, {"kind": "executed", "version": 1})
    assert refused.status_code == 409 and "is not missing" in refused.json()["detail"], refused.text
    assert (await ask("hkte", Role.OFFICER, {"kind": "invoice"})).status_code == 422

    press.jammed = False
    accepted = await ask("hkte", Role.OFFICER, DRAFT, key="again-1")
    assert accepted.status_code == 202 and accepted.json()["mou_id"] == "hkte-qianhai-2025", accepted.text
    assert (await ask("hkte", Role.OFFICER, DRAFT, key="again-1")).json() == accepted.json()  # the same answer
    assert (await ask("hkte", Role.ADMIN, {"kind": "partner_copy", "version": 1})).status_code == 202
    await documents(api, users, {"draft", "partner_copy"})
    assert await missing(api, users, 0) == []
    refused = await ask("hkte", Role.OFFICER, DRAFT)
    assert refused.status_code == 409 and "is not missing" in refused.json()["detail"], refused.text
