"""Registration refuses every webhook URL into our own network, in any spelling of its address, and any URL
with credentials, as each delivery does (mouflow.notify.destinations). Registration only: no request leaves
the machine."""

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy.orm import Session, sessionmaker
from temporalio.testing import WorkflowEnvironment

from api.main import create_app
from mouflow.config import Settings
from mouflow.documents.storage import DiskStorage
from mouflow.domain.enums import Role
from mouflow.notify.destinations import RefusedDestination, destination, embedded_ipv4, is_public, literal_address
from tests.api.conftest import Users

INTERNAL = [
    "http://127.0.0.1/hook",
    "http://localhost/hook",
    "http://localhost./hook",
    "http://api.localhost/hook",
    "http://127.1/hook",
    "http://0177.0.0.1/hook",
    "http://0x7f000001/hook",
    "http://2130706433/hook",
    "http://127。0。0。1/hook",
    "http://[::1]/hook",
    "http://[::ffff:127.0.0.1]/hook",
    "http://[fe80::1%25lo]/hook",
    "http://[::127.0.0.1]/hook",
    "http://[::ffff:0:127.0.0.1]/hook",
    "http://[64:ff9b::7f00:1]/hook",
    "http://[2002:7f00:1::]/hook",
    "http://0.0.0.0/hook",
    "http://0/hook",
    "http://169.254.169.254/latest/meta-data",
    "http://10.0.0.1/hook",
]


@pytest.fixture
async def strict_api(
    temporal: WorkflowEnvironment, task_queue: str, sessions: sessionmaker[Session], tmp_path: Path
) -> AsyncIterator[httpx.AsyncClient]:
    """The API as it is deployed: webhooks into private networks refused (no worker: nothing is delivered)."""
    settings = Settings(task_queue=task_queue, data_dir=tmp_path)  # its secrets' key is made there
    app = create_app(settings, sessions=sessions, temporal=temporal.client, storage=DiskStorage(tmp_path))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://mouflow.test") as client:
        yield client


@pytest.mark.parametrize("url", INTERNAL)
async def test_registration_refuses_every_spelling_of_an_internal_address(
    strict_api: httpx.AsyncClient, users: Users, url: str
) -> None:
    headers = users.headers("hkte", Role.OFFICER)
    response = await strict_api.post("/parties/hkte/webhooks", json={"url": url}, headers=headers)
    assert response.status_code == 422, response.text
    assert response.json()["field"] == "url" and (
        "not public" in response.text or "names this machine" in response.text
    )
    assert (await strict_api.get("/parties/hkte/webhooks", headers=headers)).json() == []


async def test_registration_refuses_credentials_in_the_url(strict_api: httpx.AsyncClient, users: Users) -> None:
    headers = users.headers("hkte", Role.OFFICER)
    for url in (
        "http://user:pw@127.0.0.1/hook",
        "https://user:pw@hooks.example.org/hook",
        "https://u@hooks.example.org/",
    ):
        response = await strict_api.post("/parties/hkte/webhooks", json={"url": url}, headers=headers)
        assert response.status_code == 422 and "no user name or password" in response.text, response.text
    assert "pw" not in (await strict_api.get("/audit?limit=50", headers=users.headers("hkte", Role.MANAGER))).text


async def test_a_name_that_does_not_resolve_now_is_kept_for_each_delivery_to_check(
    strict_api: httpx.AsyncClient, users: Users
) -> None:
    body = {"url": "https://hooks.example.invalid/mouflow"}  # .invalid never resolves (RFC 6761)
    response = await strict_api.post("/parties/hkte/webhooks", json=body, headers=users.headers("hkte", Role.OFFICER))
    assert response.status_code == 201, response.text


@pytest.mark.parametrize(
    "host, address",
    [
        ("127.1", "127.0.0.1"),
        ("0177.0.0.1", "127.0.0.1"),
        ("0x7f000001", "127.0.0.1"),
        ("0x7f.1", "127.0.0.1"),
        ("2130706433", "127.0.0.1"),
        ("0", "0.0.0.0"),
        ("10.1", "10.0.0.1"),
        ("example.org", None),
        ("1.2.3.4.5", None),
        ("256.1.1.1", None),
        ("08.1.1.1", None),  # 8 is no octal digit
        ("0x-1.0.0.1", None),  # int() would take a sign, an underscore or spaces; inet_aton does not
        ("0x7_f.0.0.1", None),
        (" 127.0.0.1", None),
    ],
)
def test_an_address_is_read_in_every_form_inet_aton_reads(host: str, address: str | None) -> None:
    found = literal_address(host)
    assert (str(found) if found is not None else None) == address


@pytest.mark.parametrize(
    "address",
    [
        "::127.0.0.1",
        "::ffff:0:127.0.0.1",
        "64:ff9b::7f00:1",
        "64:ff9b:1::a00:1",
        "64:ff9b:1:7f00:0:100:808:808",  # local-use NAT64 puts the IPv4 address where its prefix length says
        "2002:7f00:1::",
        "::ffff:10.0.0.1",
    ],
)
def test_ipv4_inside_ipv6_is_judged_too(address: str) -> None:
    import ipaddress

    assert not is_public(address)
    if not address.startswith("64:ff9b:1:"):  # local-use NAT64 is refused whole
        assert embedded_ipv4(ipaddress.IPv6Address(address))


def test_the_delivery_connects_to_the_address_checked_with_the_name_as_host() -> None:
    target = destination("https://[2606:2800:220:1:248:1893:25c8:1946]:8443/hook?x=1", allow_private=False)
    assert target.pinned_url == "https://[2606:2800:220:1:248:1893:25c8:1946]:8443/hook?x=1"
    assert target.host_header == "[2606:2800:220:1:248:1893:25c8:1946]:8443"
    local = destination("http://localhost:8080/hook", allow_private=True)
    assert local.address in {"127.0.0.1", "::1"} and local.host_header == "localhost:8080"
    assert local.pinned_url.startswith(f"http://{'[::1]' if local.address == '::1' else '127.0.0.1'}:8080/hook")
    with pytest.raises(RefusedDestination, match="localhost names this machine"):
        destination("http://localhost:8080/hook", allow_private=False)
