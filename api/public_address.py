"""A warning, once, when the API serves beyond this machine without `MOUFLOW_PUBLIC_URL`: feed URLs then
follow the request's Host header, which a client chooses, so a feed link handed out could point elsewhere.

ASGI does not tell an app where it listens before a request comes in, so the first request says: the
`server` of its scope is the address it arrived at."""

import ipaddress
import logging

from starlette.types import ASGIApp, Receive, Scope, Send

from mouflow.config import Settings

log = logging.getLogger("mouflow.api")
WARNING = (
    "MOUFLOW_PUBLIC_URL is not set and the API is reached at %s, beyond this machine: feed URLs follow each "
    "request's Host header, which a client chooses. Set MOUFLOW_PUBLIC_URL to the address people use."
)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class PublicAddressCheck:
    """Pure ASGI, and done after the first request: nothing is added to the others."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app, self.settings, self.checked = app, settings, False

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not self.checked and scope["type"] == "http":
            self.checked = True
            server = scope.get("server")
            if self.settings.public_url is None and server and not is_loopback(str(server[0])):
                log.warning(WARNING, f"{server[0]}:{server[1]}")
        await self.app(scope, receive, send)
