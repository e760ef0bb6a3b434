"""Schemathesis, driven by the OpenAPI schema, against the real server process, with every check and both
schema-valid and schema-violating data, as a user of each role: no request gets a 5xx; every answer has a
status, a content type, headers and a body the schema declares for it; what the schema allows is accepted and
what it does not is refused; no operation takes a request without a valid token. tests/api/schemathesis.toml
names the few operations whose rules reach past what a schema can say (a date ahead of now, a version the MoU
has), where a schema-valid request may get a 422.

One test item per role, each with its own servers, so that the test workers (scripts/test) run them side by
side.
"""

import asyncio
import re
import socket
import sys
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from temporalio.testing import WorkflowEnvironment

from mouflow.documents.storage import DiskStorage
from mouflow.domain.enums import Role
from mouflow.store.db import make_engine, session_factory
from mouflow.store.migrate import create_schema
from tests.api.conftest import Users, make_users
from tests.api.test_access_matrix import CONTENT
from tests.conftest import TEST_AUDIT_KEY, running_worker

BIN = Path(sys.executable).parent
API_START_TIMEOUT = 60.0  # seconds, as the fault tests' stack allows each of its processes
RULES = Path(__file__).with_name("schemathesis.toml")
# the owner's officer, who may write; the other roles on the partner's side, where they read, review and sign,
# and the owner's admin, who registers parties. The coverage phase, half of a run's time, sends the schema's
# boundary values, which the API judges before it looks at the user's role (a body is read before the route
# runs): the officer's run sends them, and the other roles' runs fuzz and follow links only.
EVERY_PHASE = "examples,coverage,fuzzing,stateful"
SEATS = [
    ("hkte", Role.OFFICER, EVERY_PHASE),
    ("qianhai", Role.VIEWER, "examples,fuzzing,stateful"),
    ("qianhai", Role.MANAGER, "examples,fuzzing,stateful"),
    ("hkte", Role.ADMIN, "examples,fuzzing,stateful"),
]


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


@asynccontextmanager
async def fuzzed_api(dev_env: WorkflowEnvironment, task_queue: str, tmp_path: Path) -> AsyncIterator[tuple[str, Users]]:
    """The API process and a worker on a fresh database, with the users of tests.api.conftest and one MoU."""
    database_url = f"sqlite:///{tmp_path / 'fuzz.db'}"
    engine = make_engine(database_url)
    create_schema(engine)
    sessions = session_factory(engine, audit_key=TEST_AUDIT_KEY)
    users = make_users(sessions)
    env = {
        "PATH": str(BIN),
        "DATABASE_URL": database_url,
        "MOUFLOW_TASK_QUEUE": task_queue,
        "MOUFLOW_DATA_DIR": str(tmp_path),
        "MOUFLOW_TEMPORAL_ADDRESS": dev_env.client.service_client.config.target_host,
        "MOUFLOW_AUDIT_KEY": TEST_AUDIT_KEY.decode(),
    }
    storage = DiskStorage(tmp_path / "documents")  # where the API process looks, from MOUFLOW_DATA_DIR
    async with running_worker(dev_env.client, task_queue, sessions, storage), api_server(env, free_port()) as base:
        officer = users.headers("hkte", Role.OFFICER)
        async with httpx.AsyncClient(base_url=base, headers=officer) as client:
            # an id of its own: the dev server, and the workflows on it, outlive the test
            mou = {"mou_id": f"fuzz-{uuid.uuid4().hex[:12]}", "partner_ids": ["qianhai"], "content": CONTENT}
            created = await client.post("/mous", json=mou)
            assert created.status_code == 201, created.text
        yield base, users


def config_with_an_address_per_operation(schema: dict[str, Any], folder: Path) -> Path:
    """RULES, and for each operation an address of its own in X-Forwarded-For, which uvicorn believes from
    127.0.0.1 (its --forwarded-allow-ips). `ignored_auth` sends a token that is not valid to every operation,
    on purpose; from one address, the sign-in limit (api/sign_in_limits.py) would answer every request after
    the tenth 429, a valid token's too once it is looked up again, and leave the checks nothing else to see."""
    operations = [(path, method) for path, methods in schema["paths"].items() for method in methods]
    assert len(operations) < 250, "one address each, in 192.0.2.0/24"
    entries = [
        f'[[operations]]\ninclude-path = "{path}"\ninclude-method = "{method.upper()}"\n'
        f'headers = {{ "X-Forwarded-For" = "192.0.2.{number}" }}\n'
        for number, (path, method) in enumerate(operations, start=1)
    ]
    config = folder / "schemathesis.toml"
    config.write_text("\n".join([RULES.read_text(), *entries]))
    return config


async def schemathesis(base: str, token: dict[str, str], phases: str, cwd: Path) -> None:
    """Runs it as the token's user; every test case passes, or the test fails with the report's end."""
    async with httpx.AsyncClient() as client:
        schema = (await client.get(f"{base}/openapi.json")).json()
    fuzz = await asyncio.create_subprocess_exec(
        BIN / "schemathesis",
        "--config-file",
        str(config_with_an_address_per_operation(schema, cwd)),
        "run",
        f"{base}/openapi.json",
        "--phases",
        phases,
        # every check is on unless the config turns it off for an operation; one named here, even as `--checks
        # all`, would outrank those
        "--mode",
        "all",  # schema-valid data and schema-violating data
        "--header",
        f"Authorization: {token['Authorization']}",
        "--max-examples",
        "10",
        "--seed",
        "20251125",
        "--request-timeout",
        "30",
        "--no-color",
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
        cwd=cwd,
    )
    output, _ = await fuzz.communicate()
    report = output.decode(errors="replace")
    assert fuzz.returncode == 0, report[-8000:]
    assert re.search(r"(\d+) generated, \1 passed", report), report[-3000:]


@pytest.mark.parametrize(("party", "role", "phases"), SEATS, ids=[role.value for _, role, _ in SEATS])
async def test_every_answer_is_as_documented(
    dev_env: WorkflowEnvironment, task_queue: str, tmp_path: Path, party: str, role: Role, phases: str
) -> None:
    async with fuzzed_api(dev_env, task_queue, tmp_path) as (base, users):
        await schemathesis(base, users.headers(party, role), phases, tmp_path)
