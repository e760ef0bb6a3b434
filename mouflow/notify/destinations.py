"""Which webhook URLs the worker may call: no request into our own network unless configured so.

A party registers the URL, so without this check it could make the worker probe or call services that only
listen on loopback or a private network (server-side request forgery). One check serves the registration and
every delivery: the host is read in every spelling an address can take (`127.1`, `0x7f000001`,
`2130706433`, `0177.0.0.1`, `127。0。0。1`, and IPv4 inside IPv6: mapped, compatible, translated, NAT64,
6to4, Teredo), a name is resolved and each of its addresses judged, and the delivery connects to the very
address judged (`Destination.address`), so that a second lookup cannot answer otherwise (DNS rebinding).
"""

import ipaddress
import re
import socket
from dataclasses import dataclass
from urllib.parse import SplitResult, urlsplit

SCHEMES = frozenset({"http", "https"})
DEFAULT_PORTS = {"http": 80, "https": 443}
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
NAT64 = ipaddress.ip_network("64:ff9b::/96")
# local-use NAT64 (RFC 8215): its translators may put the IPv4 address anywhere in the prefix, so none of it is
# public, whatever Python's is_global says
LOCAL_NAT64 = ipaddress.ip_network("64:ff9b:1::/48")
HEX, OCTAL, DECIMAL = re.compile(r"0[xX]([0-9a-fA-F]*)"), re.compile(r"0([0-7]+)"), re.compile(r"(0|[1-9][0-9]*)")
NOT_PUBLIC = "{host} is an address that is not public"


class RefusedDestination(Exception):
    """The URL is not one the worker will call; trying again will not change that."""


@dataclass(frozen=True)
class Destination:
    """Where one delivery goes: the URL as registered, and the address checked for it, which it connects to."""

    url: str
    scheme: str
    host: str  # as the Host header and TLS's server name say it: the name, or the address as written
    port: int
    address: str  # what the connection is made to

    @property
    def pinned_url(self) -> str:
        """The URL with the checked address in place of the name; the Host header and SNI keep the name."""
        parts = urlsplit(self.url)
        address = f"[{self.address}]" if ":" in self.address else self.address
        return parts._replace(netloc=f"{address}:{self.port}").geturl()

    @property
    def host_header(self) -> str:
        shown = f"[{self.host}]" if ":" in self.host else self.host
        return shown if self.port == DEFAULT_PORTS[self.scheme] else f"{shown}:{self.port}"


def check_registration(url: str, *, allow_private: bool) -> None:
    """At registration: a URL no request can reach, with credentials, or into our network is refused. A name
    that does not resolve now is kept: DNS may recover, and each delivery checks it again."""
    try:
        destination(url, allow_private=allow_private)
    except OSError:
        return


def destination(url: str, *, allow_private: bool) -> Destination:
    """At each delivery: where to connect. A name that does not resolve raises OSError, which may pass."""
    parts = _callable(url)
    host, port = _host(parts), parts.port or DEFAULT_PORTS[parts.scheme]
    literal = literal_address(host)
    if not allow_private and literal is None and _is_loopback_name(host):
        raise RefusedDestination(f"{host} names this machine")  # before any lookup, which may not know it
    addresses = [literal] if literal is not None else _resolved(host, port)
    if not allow_private and not all(is_public(address) for address in addresses):
        # the address a name resolves to stays out: the party reads this message, and it would map our network
        said = NOT_PUBLIC if literal is not None else "{host} resolves to an address that is not public"
        raise RefusedDestination(said.format(host=host))
    return Destination(url=url, scheme=parts.scheme, host=host, port=port, address=str(addresses[0]))


def check_callable(url: str) -> None:
    """What the URL says, without resolving it: http(s), a host a resolver takes, a port, no credentials."""
    _host(_callable(url))


def _is_loopback_name(host: str) -> bool:
    """localhost and every name under it, with or without the root's dot, always mean loopback (RFC 6761)."""
    name = host.rstrip(".")
    return name == "localhost" or name.endswith(".localhost")


def _callable(url: str) -> SplitResult:
    parts = urlsplit(url)
    if parts.scheme not in SCHEMES or not parts.hostname:
        raise RefusedDestination(f"only http and https URLs with a host are called, not {url!r}")
    if parts.username is not None or parts.password is not None:
        raise RefusedDestination("a webhook URL carries no user name or password: its signature authenticates it")
    try:
        parts.port  # noqa: B018  a port over 65535 or not a number raises here
    except ValueError as error:
        raise RefusedDestination(f"the URL cannot be called: {error}") from None
    return parts


def _host(parts: SplitResult) -> str:
    """The host as a resolver takes it: IDNA, whose label separators include 。 and ．, and no IPv6 zone."""
    hostname = str(parts.hostname).split("%", 1)[0]
    if ":" in hostname:
        return hostname  # an IPv6 literal: the brackets are gone already
    try:
        return hostname.encode("idna").decode("ascii").lower()
    except UnicodeError as error:  # an empty or too long label: no resolver takes it
        raise RefusedDestination(f"the URL cannot be called: {error}") from None


def literal_address(host: str) -> IPAddress | None:
    """The address a host written as one means, in any form `inet_aton` reads (1 to 4 parts, each decimal,
    octal with a leading 0 or hex with 0x); None for a name."""
    if ":" in host:
        try:
            return ipaddress.IPv6Address(host)
        except ValueError:
            return None
    parts = host.split(".")
    if not 1 <= len(parts) <= 4:
        return None
    try:
        numbers = [_number(part) for part in parts]
    except ValueError:
        return None
    *leading, last = numbers
    if any(n > 255 for n in leading) or last >= 256 ** (5 - len(parts)):
        return None
    value = sum(n << (8 * (3 - i)) for i, n in enumerate(leading)) + last
    return ipaddress.IPv4Address(value)


def _number(part: str) -> int:
    """One part as inet_aton reads it, digits only: no sign, no `_`, no spaces, which int() would take."""
    for form, base in ((HEX, 16), (OCTAL, 8), (DECIMAL, 10)):
        found = form.fullmatch(part)
        if found:
            return int(found.group(1) or "0", base)
    raise ValueError(part)


def embedded_ipv4(ip: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """Every IPv4 address an IPv6 one carries to somewhere: mapped, compatible, translated (RFC 2765),
    NAT64 (RFC 6052), 6to4 and Teredo."""
    value = int(ip)
    found = [ip.ipv4_mapped, ip.sixtofour, *(ip.teredo or ())]
    if value >> 32 == 0 and value > 1:  # ::a.b.c.d, the deprecated IPv4-compatible form
        found.append(ipaddress.IPv4Address(value))
    if value >> 32 == 0xFFFF0000:  # ::ffff:0:a.b.c.d
        found.append(ipaddress.IPv4Address(value & 0xFFFFFFFF))
    if ip in NAT64:
        found.append(ipaddress.IPv4Address(value & 0xFFFFFFFF))
    return [address for address in found if address is not None]


def is_public(address: str | IPAddress) -> bool:
    ip = ipaddress.ip_address(str(address).split("%", 1)[0])  # an IPv6 zone id is not part of the address
    inside = embedded_ipv4(ip) if isinstance(ip, ipaddress.IPv6Address) else []
    if ip in LOCAL_NAT64:
        return False
    return all(each.is_global and not each.is_multicast for each in (ip, *inside))


def _resolved(host: str, port: int) -> list[IPAddress]:
    # a name that does not resolve raises socket.gaierror, an OSError: DNS may recover, so the caller retries
    found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [ipaddress.ip_address(str(info[4][0]).split("%", 1)[0]) for info in found]
