"""Prometheus scrapes a real MoU worker, render worker and API process (mouflow.metrics_endpoint), against
the Temporal dev server: after an MoU is started and submitted, with webhooks to deliver to, the counters of
requests, store writes, renders and deliveries have moved, the Temporal SDK's own metrics are there, and no
MoU id or token is in any label."""

import asyncio
import sys
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families
from temporalio.testing import WorkflowEnvironment

from mouflow.domain.enums import Role
from mouflow.store.db import make_engine, session_factory
from mouflow.store.migrate import create_schema
from ops.stack import free_port
from tests.api.conftest import Users, make_users
from tests.api.test_access_matrix import CONTENT
from tests.conftest import TEST_AUDIT_KEY, TEST_SETTINGS
from tests.notify.receiver import Receiver, receiving

BIN = Path(sys.executable).parent
START_TIMEOUT = 60.0  # seconds, as the fault tests' stack allows each of its processes
SETTLE_TIMEOUT = 60.0  # seconds for the worker to render and deliver after the submission


@dataclass(frozen=True)
class Ports:
    api: int
    api_metrics: int
    worker_metrics: int
    render_metrics: int


def scrape_samples(text: str) -> Iterator[tuple[str, dict[str, str], float]]:
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            yield sample.name, sample.labels, sample.value


def value(text: str, name: str, **labels: str) -> float:
    """The sum of the samples named `name` whose labels include `labels`."""
    found = [v for n, have, v in scrape_samples(text) if n == name and labels.items() <= have.items()]
    return sum(found)


async def answers(url: str) -> bool:
    try:
        async with httpx.AsyncClient(timeout=2) as http:
            return (await http.get(url)).status_code == 200
    except httpx.TransportError:
        return False


@asynccontextmanager
async def process(command: list[str], env: dict[str, str], ready_url: str, log: Path) -> AsyncIterator[None]:
    with log.open("ab") as output:
        child = await asyncio.create_subprocess_exec(*command, env=env, stdout=output, stderr=output)
    try:
        deadline = asyncio.get_running_loop().time() + START_TIMEOUT
        while not await answers(ready_url):
            assert child.returncode is None, f"{command} exited with {child.returncode}:\n{log.read_text()[-3000:]}"
            assert asyncio.get_running_loop().time() < deadline, f"{ready_url} did not answer:\n{log.read_text()}"
            await asyncio.sleep(0.2)
        yield
    finally:
        child.terminate()
        await child.wait()


def environment(dev_env: WorkflowEnvironment, task_queue: str, tmp_path: Path, ports: Ports) -> dict[str, str]:
    assert TEST_SETTINGS.secrets_key is not None
    return {
        "PATH": str(BIN),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'metrics.db'}",
        "MOUFLOW_TASK_QUEUE": task_queue,
        "MOUFLOW_DATA_DIR": str(tmp_path),
        "MOUFLOW_TEMPORAL_ADDRESS": dev_env.client.service_client.config.target_host,
        "MOUFLOW_AUDIT_KEY": TEST_AUDIT_KEY.decode(),
        "MOUFLOW_SECRETS_KEY": TEST_SETTINGS.secrets_key.get_secret_value(),
        "MOUFLOW_WEBHOOK_ALLOW_PRIVATE_NETWORKS": "true",  # the receiver is on 127.0.0.1
        "MOUFLOW_RENDER_WORKERS": "1",  # the MoU worker leaves the renders to it
        # one environment for all three: each kind takes its own port
        "MOUFLOW_WORKER_METRICS_PORT": str(ports.worker_metrics),
        "MOUFLOW_RENDER_METRICS_PORT": str(ports.render_metrics),
        "MOUFLOW_API_METRICS_PORT": str(ports.api_metrics),
    }


@asynccontextmanager
async def workers_and_api(env: dict[str, str], ports: Ports, logs: Path) -> AsyncIterator[str]:
    worker, renders = [sys.executable, "-m", "worker"], [sys.executable, "-m", "worker", "renders"]
    api = [str(BIN / "uvicorn"), "api.main:app", "--host", "127.0.0.1", "--port", str(ports.api)]
    base = f"http://127.0.0.1:{ports.api}"
    async with (
        process(worker, env, f"http://127.0.0.1:{ports.worker_metrics}/metrics", logs / "worker.log"),
        process(renders, env, f"http://127.0.0.1:{ports.render_metrics}/metrics", logs / "renders.log"),
        process(api, env, f"{base}/healthz", logs / "api.log"),
    ):
        yield base


async def start_and_submit(base: str, users: Users, receiver: Receiver, mou_id: str) -> None:
    async with httpx.AsyncClient(base_url=base, timeout=60) as api:
        for party in ("hkte", "qianhai"):
            hook = {"url": f"{receiver.base_url}/{party}", "events": ["submitted_for_review"]}
            made = await api.post(f"/parties/{party}/webhooks", json=hook, headers=users.headers(party, Role.OFFICER))
            assert made.status_code == 201, made.text
        officer = users.headers("hkte", Role.OFFICER)
        created = await api.post(
            "/mous", json={"mou_id": mou_id, "partner_ids": ["qianhai"], "content": CONTENT}, headers=officer
        )
        assert created.status_code == 201, created.text
        submitted = await api.post(f"/mous/{mou_id}/submit", json={"version": 1}, headers=officer)
        assert submitted.status_code == 200, submitted.text


async def scrape(port: int) -> str:
    async with httpx.AsyncClient(timeout=10) as http:
        answer = await http.get(f"http://127.0.0.1:{port}/metrics")
    assert answer.status_code == 200
    return answer.text


async def once_counted(port: int, name: str, **labels: str) -> str:
    """The process's metrics once `name` has counted something: the worker renders and delivers after the
    submission has answered."""
    deadline = asyncio.get_running_loop().time() + SETTLE_TIMEOUT
    while True:
        text = await scrape(port)
        if value(text, name, **labels) >= 1:
            return text
        assert asyncio.get_running_loop().time() < deadline, text
        await asyncio.sleep(0.5)


@pytest.fixture
def users(tmp_path: Path) -> Users:
    engine = make_engine(f"sqlite:///{tmp_path / 'metrics.db'}")
    create_schema(engine)
    try:
        return make_users(session_factory(engine, audit_key=TEST_AUDIT_KEY))
    finally:
        engine.dispose()


async def test_the_worker_and_the_api_serve_their_metrics(
    dev_env: WorkflowEnvironment, task_queue: str, tmp_path: Path, users: Users
) -> None:
    ports = Ports(api=free_port(), api_metrics=free_port(), worker_metrics=free_port(), render_metrics=free_port())
    mou_id = f"metrics-{uuid.uuid4().hex[:12]}"  # the dev server, and its workflows, outlive the test
    env = environment(dev_env, task_queue, tmp_path, ports)
    with receiving() as receiver:
        async with workers_and_api(env, ports, tmp_path) as base:
            await start_and_submit(base, users, receiver, mou_id)
            delivered = {"channel": "webhook", "outcome": "delivered"}
            worker = await once_counted(ports.worker_metrics, "mouflow_deliveries_total", **delivered)
            renders = await once_counted(ports.render_metrics, "mouflow_renders_total", outcome="rendered")
            api = await scrape(ports.api_metrics)

    assert value(worker, "mouflow_store_writes_total", outcome="written") >= 2  # started, submitted
    assert value(worker, "mouflow_store_write_seconds_count") >= 2
    assert value(renders, "mouflow_render_seconds_count") >= 1
    assert value(worker, "mouflow_renders_total") == 0  # a render worker runs: the MoU worker renders nothing
    assert value(worker, "mouflow_delivery_seconds_count", channel="webhook") >= 1
    assert value(api, "mouflow_http_requests_total", method="POST", path="/mous", status_code="201") == 1
    submits = value(api, "mouflow_http_requests_total", method="POST", path="/mous/{mou_id}/submit")
    assert submits == 1
    assert value(api, "mouflow_http_request_duration_seconds_count", path="/mous/{mou_id}/submit") == 1
    for text in (worker, renders, api):
        assert any(name.startswith("temporal_") for name, _, _ in scrape_samples(text)), text
        assert value(text, "temporal_request_total") >= 1  # the SDK's client calls, from its own core
        assert mou_id not in text
        assert not any(token in text for token in users.tokens.values())
