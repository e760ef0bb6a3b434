"""The MoU page lists documents that could not be made, with a form to make one again for whom may ask."""

import asyncio
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
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
from tests.conftest import TEST_SETTINGS, running_worker
from tests.documents.jammed import JAMMED, JammedPress
from tests.web.helpers import BASE_URL, Site, users_fixture  # noqa: F401  the fixture

Q = "hkte-qianhai-2025"
MAKE_DRAFT, MAKE_COPY = "form-make-again-draft-1", "form-make-again-partner_copy-1"


@pytest.fixture
def press(sessions: sessionmaker[Session], tmp_path: Path) -> JammedPress:
    return JammedPress(DocumentActivities(DiskStorage(tmp_path / "documents"), sessions))


@pytest.fixture
async def web(
    temporal: WorkflowEnvironment,
    task_queue: str,
    sessions: sessionmaker[Session],
    users: Users,
    tmp_path: Path,
    press: JammedPress,
) -> AsyncIterator[Site]:
    """tests/web/helpers.py's `web`, with the jammed press serving the documents queue."""
    storage = DiskStorage(tmp_path / "documents")
    app = create_app(
        TEST_SETTINGS.model_copy(update={"task_queue": task_queue}),
        sessions=sessions,
        temporal=temporal.client,
        storage=storage,
    )
    renders = [press.render]
    async with (
        running_worker(temporal.client, task_queue, sessions, storage, renders=renders),
        AsyncExitStack() as stack,
    ):
        transport = httpx.ASGITransport(app=app)
        api = await stack.enter_async_context(httpx.AsyncClient(transport=transport, base_url=BASE_URL))
        yield Site(transport, users, api, stack)


async def missing_count(web: Site, count: int) -> None:
    for _ in range(300):
        if len((await web.detail(Q))["missing_documents"]) == count:
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"never {count} missing documents")


async def test_missing_documents_are_shown_and_made_again_from_the_page(
    web: Site, time_env: WorkflowEnvironment, press: JammedPress
) -> None:
    await web.start(Q)
    await time_env.sleep(timedelta(minutes=5))
    await missing_count(web, 2)

    officer = await web.signed_in("hkte")
    page = await officer.get(f"/web/mous/{Q}")
    assert {MAKE_DRAFT, MAKE_COPY} <= set(page.forms) and JAMMED in page.text("missing-draft-1")
    for party, role in [("qianhai", Role.OFFICER), ("hkte", Role.VIEWER), ("hkte", Role.MANAGER)]:
        other = await (await web.signed_in(party, role)).get(f"/web/mous/{Q}")
        assert "missing-draft-1" in other.texts and not {MAKE_DRAFT, MAKE_COPY} & set(other.forms), (party, role)
    chinese = await (await web.signed_in("hkte", headers={"Accept-Language": "zh-HK"})).get(f"/web/mous/{Q}")
    assert "未能製作的文件" in chinese.response.text and "重新製作" in chinese.text("do-make-again-draft-1")

    press.jammed = False
    done = await officer.post(page.forms[MAKE_DRAFT])
    assert done.status == 303, done.response.text
    await missing_count(web, 1)
    page = await officer.get(f"/web/mous/{Q}")
    assert "missing-draft-1" not in page.texts and MAKE_COPY in page.forms
    assert "document_rendered" in await web.audit(Q)
