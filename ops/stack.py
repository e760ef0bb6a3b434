"""A whole mouflow system on free loopback ports, whose parts can be killed and restarted one by one.

What `ops.up` runs (Temporal dev server on a file database, workers, API), but as separate
processes that the fault tests, the load script and the benchmarks control: SIGKILL the worker in the
middle of an activity, stop the Temporal server and start it again on the same file, restart the API.
By default one MoU worker that renders too and one API process; more of each, and render workers of their
own, on request. The first of each kind is "worker", "api"; the others "worker-2", "api-2", and render
workers "renders-1", "renders-2".
Each process writes its output to `<root>/logs/<name>.log`, appending across restarts.
"""

import asyncio
import contextlib
import os
import socket
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import httpx
from temporalio.client import Client

from mouflow.audit_key import audit_key
from mouflow.config import Settings
from mouflow.store.db import make_engine
from mouflow.store.migrate import create_schema
from mouflow.temporal import connect
from ops.up import HOST, api_command, render_worker_command, temporal_command, worker_command

START_TIMEOUT = 60.0  # seconds for a process to answer after it started


class StackError(Exception):
    """A part of the stack did not start; the message names it and where its log is."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def postgres_url_with_schema(url: str, schema: str) -> str:
    """The same database, but with `schema` first on the search path: how subprocesses get a test schema."""
    separator = "&" if "?" in url else "?"
    return f"{url}{separator}options={quote(f'-csearch_path={schema}')}"


@dataclass
class Stack:
    root: Path
    database_url: str
    task_queue: str = "mouflow"
    temporal_port: int = field(default_factory=free_port)
    ui_port: int = field(default_factory=free_port)
    api_port: int = field(default_factory=free_port)
    mou_workers: int = 1
    render_workers: int = 0  # none: the MoU workers render
    api_processes: int = 1
    processes: dict[str, asyncio.subprocess.Process] = field(default_factory=dict)
    extra_api_ports: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.extra_api_ports = [free_port() for _ in range(self.api_processes - 1)]

    @property
    def settings(self) -> Settings:
        return Settings(
            data_dir=self.root,
            temporal_address=f"{HOST}:{self.temporal_port}",
            task_queue=self.task_queue,
            database_url=self.database_url,
        )

    @property
    def api_url(self) -> str:
        return f"http://{HOST}:{self.api_port}"

    @property
    def api_names(self) -> list[str]:
        return ["api", *(f"api-{number}" for number in range(2, self.api_processes + 1))]

    @property
    def worker_names(self) -> list[str]:
        return ["worker", *(f"worker-{number}" for number in range(2, self.mou_workers + 1))]

    @property
    def render_worker_names(self) -> list[str]:
        return [f"renders-{number}" for number in range(1, self.render_workers + 1)]

    def api_url_of(self, name: str) -> str:
        return f"http://{HOST}:{self._api_port_of(name)}"

    def environment(self) -> dict[str, str]:
        settings = self.settings
        return {
            **os.environ,
            "MOUFLOW_DATA_DIR": str(settings.data_dir),
            "MOUFLOW_TEMPORAL_ADDRESS": settings.temporal_address,
            "MOUFLOW_TASK_QUEUE": settings.task_queue,
            "DATABASE_URL": self.database_url,
            "MOUFLOW_RENDER_WORKERS": str(self.render_workers),
        }

    async def client(self) -> Client:
        return await connect(self.settings)

    async def start_server(self) -> None:
        await self._spawn("temporal", temporal_command(self.settings, ui_port=self.ui_port))
        await self._wait_until(self._temporal_answers, "temporal")

    async def start_worker(self, name: str = "worker") -> None:
        await self._spawn(name, worker_command())

    async def start_render_worker(self, name: str = "renders-1") -> None:
        await self._spawn(name, render_worker_command())

    async def start_api(self, name: str = "api") -> None:
        await self._spawn(name, [*api_command(self._api_port_of(name)), "--log-level", "warning"])
        async with httpx.AsyncClient(timeout=2) as http:  # one for all the polls: each new one loads the CA bundle
            await self._wait_until(lambda: self._api_answers(http, self.api_url_of(name)), name)

    async def start_all(self) -> None:
        """After the server: the workers first, so that the API's first writes find one."""
        for name in self.worker_names:
            await self.start_worker(name)
        for name in self.render_worker_names:
            await self.start_render_worker(name)
        for name in self.api_names:
            await self.start_api(name)

    async def kill(self, name: str) -> None:
        """SIGKILL: no shutdown code runs, as when a machine or a container dies."""
        process = self.processes.pop(name)
        with contextlib.suppress(ProcessLookupError):
            process.kill()
        await process.wait()

    async def stop(self, name: str, timeout: float = 15.0) -> None:
        """SIGTERM, as an operator's restart does; SIGKILL if it does not exit in time."""
        process = self.processes.pop(name, None)
        if process is None or process.returncode is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            process.terminate()
        try:
            await asyncio.wait_for(process.wait(), timeout)
        except TimeoutError:
            with contextlib.suppress(ProcessLookupError):
                process.kill()
            await process.wait()

    async def stop_all(self) -> None:
        for name in [*self.api_names, *self.render_worker_names, *self.worker_names, "temporal"]:
            await self.stop(name)

    def log(self, name: str) -> str:
        path = self.root / "logs" / f"{name}.log"
        return path.read_text(errors="replace") if path.exists() else ""

    async def _spawn(self, name: str, command: list[str]) -> None:
        if name in self.processes and self.processes[name].returncode is None:
            raise StackError(f"{name} is running already")
        logs = self.root / "logs"
        logs.mkdir(parents=True, exist_ok=True)
        with (logs / f"{name}.log").open("ab") as log:
            self.processes[name] = await asyncio.create_subprocess_exec(
                *command, stdin=asyncio.subprocess.DEVNULL, stdout=log, stderr=log, env=self.environment()
            )

    async def _wait_until(self, answers: Callable[[], Awaitable[bool]], name: str) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while not await answers():
            process = self.processes[name]
            if process.returncode is not None:
                raise StackError(f"{name} exited with {process.returncode}; see {self.root}/logs/{name}.log")
            if time.monotonic() > deadline:
                raise StackError(f"{name} did not answer within {START_TIMEOUT:.0f} s; see {self.root}/logs")
            await asyncio.sleep(0.2)

    async def _temporal_answers(self) -> bool:
        try:
            await asyncio.wait_for(self.client(), 5)
        except (RuntimeError, TimeoutError):  # the SDK reports a refused connection as RuntimeError
            return False
        return True

    def _api_port_of(self, name: str) -> int:
        return self.api_port if name == "api" else self.extra_api_ports[self.api_names.index(name) - 1]

    async def _api_answers(self, http: httpx.AsyncClient, url: str) -> bool:
        try:
            return (await http.get(f"{url}/healthz")).status_code == 200
        except httpx.TransportError:
            return False


@asynccontextmanager
async def running_stack(
    root: Path,
    database_url: str | None = None,
    *,
    mou_workers: int = 1,
    render_workers: int = 0,
    api_processes: int = 1,
) -> AsyncIterator[Stack]:
    """Migrates the database, then starts the Temporal server, the workers and the API; stops all after."""
    stack = Stack(
        root=root,
        database_url=database_url or f"sqlite:///{root / 'mouflow.db'}",
        mou_workers=mou_workers,
        render_workers=render_workers,
        api_processes=api_processes,
    )
    root.mkdir(parents=True, exist_ok=True)
    engine = make_engine(stack.database_url)
    create_schema(engine, audit_key=audit_key(stack.settings))
    engine.dispose()
    try:
        await stack.start_server()
        await stack.start_all()
        yield stack
    finally:
        await stack.stop_all()
