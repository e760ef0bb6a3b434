"""A delivery connects to the address its check judged, never to a second lookup of the name, and keeps the
name for the Host header and for TLS: the receiver's certificate names `localhost` only, so it verifies only
when the server name sent is the URL's name, not the address connected to."""

import ssl
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import ThreadingHTTPServer
from pathlib import Path

import httpx
from sqlalchemy.orm import Session, sessionmaker

from tests.notify.receiver import PostHandler, serving
from tests.notify.test_activities import attempt, planned_delivery, record_of


def certificate_for_localhost(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for the name `localhost` alone (no IP address in it), made by Debian's openssl."""
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost"]
        + ["-addext", "subjectAltName=DNS:localhost", "-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
    )
    return cert, key


@contextmanager
def tls_receiver(cert: Path, key: Path, seen: list[dict[str, str]]) -> Iterator[int]:
    class Handler(PostHandler):
        def respond(self, path: str, headers: dict[str, str], body: bytes) -> int:
            seen.append(headers)
            return 200

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    with serving(server):
        yield int(server.server_address[1])


async def test_an_https_delivery_is_pinned_to_the_address_and_verified_for_the_name(
    sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    cert, key = certificate_for_localhost(tmp_path)
    seen: list[dict[str, str]] = []
    with tls_receiver(cert, key, seen) as port:
        delivery = planned_delivery(sessions, f"https://localhost:{port}/hook")
        trusting = ssl.create_default_context(cafile=str(cert))
        async with httpx.AsyncClient(timeout=5, trust_env=False, verify=trusting) as http:
            await attempt(sessions, http, delivery)
    assert record_of(sessions, delivery)[0] == "delivered", record_of(sessions, delivery)
    assert seen[0]["host"] == f"localhost:{port}"
