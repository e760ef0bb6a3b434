"""Served beyond this machine without MOUFLOW_PUBLIC_URL, the API warns once that feed URLs follow the Host
header; on loopback, or with the setting, it says nothing."""

import logging

import httpx
import pytest
from sqlalchemy.orm import Session, sessionmaker
from temporalio.testing import WorkflowEnvironment

from api.main import create_app
from mouflow.config import Settings


@pytest.mark.parametrize(
    "base_url, public_url, warned",
    [
        ("http://mouflow.hkte.example", None, True),
        ("http://10.0.0.5:8000", None, True),
        ("http://127.0.0.1:8000", None, False),
        ("http://mouflow.hkte.example", "https://mouflow.hkte.example", False),
    ],
)
async def test_a_warning_once_where_the_feed_url_would_follow_the_host_header(
    base_url: str,
    public_url: str | None,
    warned: bool,
    sessions: sessionmaker[Session],
    temporal: WorkflowEnvironment,
    caplog: pytest.LogCaptureFixture,
) -> None:
    app = create_app(Settings(public_url=public_url), sessions=sessions, temporal=temporal.client)
    with caplog.at_level(logging.WARNING, logger="mouflow.api"):
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=base_url) as client:
            for _ in range(3):
                assert (await client.get("/healthz")).status_code == 200
    said = [r.getMessage() for r in caplog.records if "MOUFLOW_PUBLIC_URL" in r.getMessage()]
    assert len(said) == (1 if warned else 0), said
