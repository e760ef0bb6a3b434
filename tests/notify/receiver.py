"""A webhook receiver on 127.0.0.1 for the tests: checks each signature, answers as scripted."""

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from mouflow.notify.webhook_signatures import verify_signature


@dataclass(frozen=True)
class Received:
    path: str
    event: str
    delivery_id: str
    body: bytes
    signed: bool  # the signature verified with the secret registered for the path


@dataclass
class Receiver:
    base_url: str
    secrets: dict[str, str] = field(default_factory=dict)  # path -> the webhook's secret
    # path -> status codes to answer, in turn; 200 once they run out
    script: dict[str, list[int]] = field(default_factory=dict)
    received: list[Received] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def on(self, path: str) -> list[Received]:
        with self.lock:
            return [request for request in self.received if request.path == path]

    def answer(self, path: str, headers: dict[str, str], body: bytes) -> int:
        signed = verify_signature(self.secrets.get(path, ""), headers.get("mouflow-signature", ""), body)
        request = Received(path, headers.get("mouflow-event", ""), headers.get("mouflow-delivery", ""), body, signed)
        with self.lock:
            self.received.append(request)
            plan = self.script.get(path, [])
            return plan.pop(0) if plan else 200


class PostHandler(BaseHTTPRequestHandler):
    """Reads a POST and answers with the status `respond` gives, and an empty body; logs nothing."""

    def respond(self, path: str, headers: dict[str, str], body: bytes) -> int:
        raise NotImplementedError

    def do_POST(self) -> None:  # noqa: N802  the name http.server calls
        length = int(self.headers.get("content-length", "0"))
        body = self.rfile.read(length)
        if len(body) < length:  # the sender died mid-body: no request arrived, as any HTTP server sees it
            self.close_connection = True
            return
        headers = {name.lower(): value for name, value in self.headers.items()}
        self.send_response(self.respond(self.path, headers, body))
        self.send_header("content-length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002  quiet
        pass


@contextmanager
def serving(server: ThreadingHTTPServer) -> Iterator[str]:
    """Serves in a thread of its own until the block ends; yields the base URL."""
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def receiving() -> Iterator[Receiver]:
    receiver = Receiver(base_url="")

    class Handler(PostHandler):
        def respond(self, path: str, headers: dict[str, str], body: bytes) -> int:
            return receiver.answer(path, headers, body)

    with serving(ThreadingHTTPServer(("127.0.0.1", 0), Handler)) as base_url:
        receiver.base_url = base_url
        yield receiver
