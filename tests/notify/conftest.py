"""The API over a real worker, as in tests/api, and a local SMTP server for the e-mail tests."""

import socket
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope
from aiosmtpd.smtp import Session as SmtpSession
from sqlalchemy.orm import Session, sessionmaker
from temporalio.testing import WorkflowEnvironment

from api.main import create_app
from mouflow.documents.storage import DiskStorage
from tests.api.conftest import api, users  # noqa: F401  the same fixtures as the API tests
from tests.conftest import TEST_SETTINGS, running_worker


class Mailbox:
    """Every message the SMTP server accepted, as (recipients, raw bytes)."""

    def __init__(self) -> None:
        self.messages: list[tuple[list[str], bytes]] = []

    async def handle_DATA(self, server: SMTP, session: SmtpSession, envelope: Envelope) -> str:  # noqa: N802
        self.messages.append((list(envelope.rcpt_tos), bytes(envelope.original_content or b"")))
        return "250 Message accepted for delivery"


@pytest.fixture
def mailbox() -> Iterator[tuple[Mailbox, int]]:
    with socket.socket() as probe:  # a free port on loopback
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    box = Mailbox()
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield box, port
    finally:
        controller.stop()


@pytest.fixture
async def mail_api(
    temporal: WorkflowEnvironment,
    task_queue: str,
    sessions: sessionmaker[Session],
    tmp_path: Path,
    mailbox: tuple[Mailbox, int],
) -> AsyncIterator[httpx.AsyncClient]:
    """The API, with a worker that sends e-mail through the test's SMTP server."""
    smtp = {"smtp_host": "127.0.0.1", "smtp_port": mailbox[1], "smtp_from": "mouflow <mouflow@hkte.example>"}
    settings = TEST_SETTINGS.model_copy(update={"task_queue": task_queue, **smtp})
    storage = DiskStorage(tmp_path / "documents")
    app = create_app(settings, sessions=sessions, temporal=temporal.client, storage=storage)
    async with running_worker(temporal.client, task_queue, sessions, storage, settings):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://mouflow.test") as client:
            yield client
