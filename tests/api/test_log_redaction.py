"""No secret in a log: a calendar feed's URL, its only credential, is served with its token redacted from the
access log, and so are API tokens and webhook secrets in any line the system writes."""

import asyncio
import copy
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
import uvicorn
from sqlalchemy.orm import Session, sessionmaker
from temporalio.testing import WorkflowEnvironment
from uvicorn.config import LOGGING_CONFIG

from api.main import create_app
from mouflow.logs import REDACTION, redacted
from tests.web.conftest import free_port

TOKEN = "mfcal_" + "x7Yq2" * 8


@asynccontextmanager
async def _serving(server: uvicorn.Server) -> AsyncIterator[None]:
    serving = asyncio.create_task(server.serve())
    while not server.started:
        assert not serving.done(), "uvicorn stopped before it started serving"
        await asyncio.sleep(0.05)
    try:
        yield
    finally:
        server.should_exit = True
        await serving


async def test_the_access_log_never_writes_a_feed_token(
    tmp_path: Path, sessions: sessionmaker[Session], temporal: WorkflowEnvironment
) -> None:
    log = tmp_path / "access.log"
    config = copy.deepcopy(LOGGING_CONFIG)
    config["handlers"]["access"] = {"formatter": "access", "class": "logging.FileHandler", "filename": str(log)}
    app = create_app(sessions=sessions, temporal=temporal.client)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_config=config, lifespan="on"))
    try:
        async with _serving(server):
            async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as client:
                answered = await client.get(f"/calendars/{TOKEN}.ics")
    finally:
        for handler in logging.getLogger("uvicorn.access").handlers:
            handler.removeFilter(REDACTION)
    assert answered.status_code == 404
    written = log.read_text()
    assert "GET /calendars/mfcal_[redacted].ics" in written and TOKEN not in written


def test_every_kind_of_secret_is_redacted() -> None:
    line = f"user mf_{'a' * 43} called {TOKEN} and got whsec_{'b' * 43}"
    assert redacted(line) == "user mf_[redacted] called mfcal_[redacted] and got whsec_[redacted]"
