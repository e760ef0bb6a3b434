"""The web pages in headless Chromium: the real app served by uvicorn on a loopback port, in the test's
own event loop (the Temporal test client lives there), driven by Playwright through Debian's chromium."""

import asyncio
import socket
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import uvicorn
from playwright.async_api import Browser, async_playwright
from sqlalchemy.orm import Session, sessionmaker
from temporalio.testing import WorkflowEnvironment

from api.main import create_app
from mouflow.documents.storage import DiskStorage
from tests.conftest import TEST_SETTINGS, running_worker
from tests.symposium import SCREENSHOTS  # noqa: F401  the browser tests' screenshots, tests/web/screenshots

CHROMIUM = "/usr/bin/chromium"  # Debian's; Playwright's own browser download cannot run here
# the machine's network is closed: without these, Chromium keeps trying to reach Google's services
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture
async def site(
    temporal: WorkflowEnvironment, task_queue: str, sessions: sessionmaker[Session], tmp_path: Path
) -> AsyncIterator[str]:
    """The base URL of the whole system: API and pages, a worker, the time-skipping Temporal server."""
    storage = DiskStorage(tmp_path / "documents")
    app = create_app(
        TEST_SETTINGS.model_copy(update={"task_queue": task_queue}),
        sessions=sessions,
        temporal=temporal.client,
        storage=storage,
    )
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on"))
    async with running_worker(temporal.client, task_queue, sessions, storage):
        serving = asyncio.create_task(server.serve())
        while not server.started:
            if serving.done():  # it could not bind, or failed to start: say why now, not at the test timeout
                serving.result()
                pytest.fail("uvicorn stopped before it started serving")
            await asyncio.sleep(0.05)
        try:
            yield f"http://127.0.0.1:{port}"
        finally:
            server.should_exit = True
            await serving


@pytest.fixture(scope="session")
async def chromium() -> AsyncIterator[Browser]:
    """One Chromium for the session (it takes seconds to start); each test's people get contexts of their own."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: scripts/install installs Debian's chromium")
    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        await launched.close()


@pytest.fixture
async def browser(chromium: Browser) -> AsyncIterator[Browser]:
    """The session's Chromium; the contexts (cookies, pages) a test opened are closed after it."""
    before = set(chromium.contexts)
    yield chromium
    for context in chromium.contexts:
        if context not in before:
            await context.close()
