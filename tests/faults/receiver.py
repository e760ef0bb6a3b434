"""A webhook receiver on 127.0.0.1 that misbehaves on cue: it holds requests (so a kill lands mid-delivery)
or answers 500 for a while.

Every request is recorded as it arrives, before any answer: a sender killed while the request is held
has still reached the receiver, as in life, and its retry is a duplicate the receiver must dedupe.
"""

import asyncio
import json
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import ThreadingHTTPServer

from mouflow.notify.webhook_signatures import verify_signature
from tests.notify.receiver import PostHandler, serving

HELD_TIMEOUT = 60.0  # seconds for a delivery to reach the receiver once it is owed


@dataclass(frozen=True)
class Received:
    path: str
    delivery_id: str  # the Mouflow-Delivery header
    body_delivery_id: str  # and the body's own, which must agree
    event: str
    signed: bool  # the signature verified with the secret registered for the path
    status: int  # what the receiver answered, or would have, had the sender still been there


@dataclass
class FaultyReceiver:
    base_url: str
    secrets: dict[str, str] = field(default_factory=dict)  # path -> the webhook's secret
    hold: float = 0.0  # seconds each request waits before its answer
    failing: bool = False  # answer 500 to everything
    held: int = 0  # requests waiting right now
    received: list[Received] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def arrive(self, path: str, headers: dict[str, str], body: bytes) -> tuple[int, float]:
        """Records the request; returns the status to answer and how long to hold it first."""
        signed = verify_signature(self.secrets.get(path, ""), headers.get("mouflow-signature", ""), body)
        status = 500 if self.failing else 200
        delivery, event = headers.get("mouflow-delivery", ""), headers.get("mouflow-event", "")
        request = Received(path, delivery, _body_id(body), event, signed, status)
        with self.lock:
            self.received.append(request)
            return status, self.hold

    @contextmanager
    def holding(self, seconds: float) -> Iterator[None]:
        self.hold = seconds
        try:
            yield
        finally:
            self.hold = 0.0

    async def wait_for_a_held_request(self) -> None:
        deadline = asyncio.get_running_loop().time() + HELD_TIMEOUT
        while not self.held:
            assert asyncio.get_running_loop().time() < deadline, "no delivery reached the receiver"
            await asyncio.sleep(0.02)

    async def wait_for_failures(self, count: int) -> None:
        """Until `count` requests were answered 500, at least one of them a retry of an earlier 500."""
        deadline = asyncio.get_running_loop().time() + HELD_TIMEOUT
        while not ((failed := self.failures()).total() >= count and max(failed.values()) > 1):
            assert asyncio.get_running_loop().time() < deadline, f"500s answered: {failed}"
            await asyncio.sleep(0.1)

    def failures(self) -> Counter[str]:
        """How many times each delivery id was answered 500."""
        return Counter(r.delivery_id for r in self.snapshot() if r.status == 500)

    def snapshot(self) -> list[Received]:
        with self.lock:
            return list(self.received)


def _body_id(body: bytes) -> str:
    try:
        return str(json.loads(body).get("delivery_id", ""))
    except ValueError:
        return ""


class _Server(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):
            return  # the sender was killed while its request was held: expected here
        super().handle_error(request, client_address)  # type: ignore[arg-type]


@contextmanager
def faulty_receiver() -> Iterator[FaultyReceiver]:
    receiver = FaultyReceiver(base_url="")

    class Handler(PostHandler):
        def respond(self, path: str, headers: dict[str, str], body: bytes) -> int:
            status, hold = receiver.arrive(path, headers, body)
            if hold:
                with receiver.lock:
                    receiver.held += 1
                time.sleep(hold)
                with receiver.lock:
                    receiver.held -= 1
            return status

    with serving(_Server(("127.0.0.1", 0), Handler)) as base_url:
        receiver.base_url = base_url
        yield receiver
