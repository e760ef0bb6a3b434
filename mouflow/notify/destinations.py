"""Which webhook URLs the worker may call: no request into our own network unless configured so.

A party registers the URL, so without this check it could make the worker probe or call services
that only listen on loopback or a private network (server-side request forgery).
"""

import ipaddress
import socket
from urllib.parse import urlsplit

SCHEMES = frozenset({"http", "https"})


class RefusedDestination(Exception):
    """The URL is not one the worker will call; trying again will not change that."""


def check_destination(url: str, *, allow_private: bool) -> None:
    hostname, port = check_callable(url)
    if allow_private:
        return
    for address in _addresses(hostname, port):
        if not is_public(address):
            # the address itself stays out: the party reads this message, and it would map our network
            raise RefusedDestination(f"{hostname} resolves to an address that is not public")


def check_callable(url: str) -> tuple[str, int]:
    """The host and port of an http(s) URL a request can be made to, whatever it resolves to."""
    parts = urlsplit(url)
    if parts.scheme not in SCHEMES or not parts.hostname:
        raise RefusedDestination(f"only http and https URLs with a host are called, not {url!r}")
    try:
        port = parts.port  # a port over 65535 or not a number raises here
        parts.hostname.encode("idna")  # so does a host name no resolver takes (an empty or too long label)
    except ValueError as error:
        raise RefusedDestination(f"the URL cannot be called: {error}") from None
    return parts.hostname, port or (443 if parts.scheme == "https" else 80)


def is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # an IPv6 zone id is not part of the address
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped  # ::ffff:127.0.0.1 is loopback too
    return ip.is_global and not ip.is_multicast


def _addresses(host: str, port: int) -> list[str]:
    # a name that does not resolve raises socket.gaierror, an OSError: DNS may recover, so the caller retries
    found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return sorted({str(info[4][0]) for info in found})
