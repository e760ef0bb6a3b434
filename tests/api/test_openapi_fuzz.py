"""Schemathesis, driven by the OpenAPI schema, against the real server process: no request gets a 5xx, and
every answer has a status, a content type and a body the schema declares for it."""

import asyncio
import re
import socket
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
from temporalio.testing import WorkflowEnvironment

from mouflow.documents.storage import DiskStorage
from mouflow.domain.enums import Role
from mouflow.store.db import make_engine, session_factory
from mouflow.store.migrate import create_schema
from tests.api.conftest import make_users
from tests.api.test_access_matrix import CONTENT
from tests.conftest import running_worker

BIN = Path(sys.executable).parent
API_START_TIMEOUT = 60.0  # seconds, as the fault tests' stack allows each of its processes


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@asynccontextmanager
async def api_server(env: dict[str, str], port: int) -> AsyncIterator[str]:
    server = await asyncio.create_subprocess_exec(
        BIN / "uvicorn", "api.main:app", "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning", env=env
    )
    base = f"http://127.0.0.1:{port}"
    try:
        async with httpx.AsyncClient() as client:
            # its imports alone take seconds of CPU, and more on a machine the other test workers keep busy
            deadline = asyncio.get_running_loop().time() + API_START_TIMEOUT
            while True:
                try:
                    if (await client.get(f"{base}/healthz")).status_code == 200:
                        break
                except httpx.TransportError:
                    assert server.returncode is None, f"the API exited with {server.returncode} while starting"
                    assert asyncio.get_running_loop().time() < deadline, f"the API did not answer at {base}"
                    await asyncio.sleep(0.05)
        yield base
    finally:
        server.terminate()
        await server.wait()


async def test_no_request_gets_a_server_error(dev_env: WorkflowEnvironment, task_queue: str, tmp_path: Path) -> None:
    database_url = f"sqlite:///{tmp_path / 'fuzz.db'}"
    engine = make_engine(database_url)
    create_schema(engine)
    sessions = session_factory(engine)
    users = make_users(sessions)
    env = {
        "PATH": str(BIN),
        "DATABASE_URL": database_url,
        "MOUFLOW_TASK_QUEUE": task_queue,
        "MOUFLOW_DATA_DIR": str(tmp_path),
        "MOUFLOW_TEMPORAL_ADDRESS": dev_env.client.service_client.config.target_host,
    }
    storage = DiskStorage(tmp_path / "documents")  # where the API process looks, from MOUFLOW_DATA_DIR
    async with running_worker(dev_env.client, task_queue, sessions, storage), api_server(env, free_port()) as base:
        officer = users.headers("hkte", Role.OFFICER)
        async with httpx.AsyncClient(base_url=base, headers=officer) as client:
            created = await client.post(
                "/mous", json={"mou_id": "fuzz-mou", "partner_ids": ["qianhai"], "content": CONTENT}
            )
            assert created.status_code == 201, created.text
        fuzz = await asyncio.create_subprocess_exec(
            BIN / "schemathesis",
            "run",
            f"{base}/openapi.json",
            "--checks",
            "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance",
            "--header",
            f"Authorization: {officer['Authorization']}",
            "--max-examples",
            "15",
            "--seed",
            "20251125",
            "--request-timeout",
            "30",
            "--no-color",
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
            cwd=tmp_path,
        )
        output, _ = await fuzz.communicate()
    report = output.decode(errors="replace")
    assert fuzz.returncode == 0, report[-6000:]
    assert re.search(r"(\d+) generated, \1 passed", report), report[-3000:]
