"""Webhook URLs into our own network are refused unless the setting allows them."""

import pytest

from mouflow.notify.destinations import RefusedDestination, destination, is_public


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.1.2.3",
        "172.16.0.1",
        "192.168.1.1",
        "169.254.169.254",
        "::1",
        "fe80::1",
        "::ffff:127.0.0.1",
        "0.0.0.0",
        "100.64.0.1",
    ],
)
def test_internal_addresses_are_not_public(address: str) -> None:
    assert not is_public(address)


def test_a_public_address_is() -> None:
    assert is_public("93.184.216.34") and is_public("2606:2800:220:1:248:1893:25c8:1946")


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:8080/hook", "http://localhost/hook", "https://[::1]/x", "http://169.254.169.254/latest"]
)
def test_a_url_into_our_network_is_refused_unless_allowed(url: str) -> None:
    with pytest.raises(RefusedDestination):
        destination(url, allow_private=False)
    destination(url, allow_private=True)


@pytest.mark.parametrize("url", ["ftp://example.com/x", "file:///etc/passwd", "http:///nohost"])
def test_only_http_and_https_urls_with_a_host_are_called(url: str) -> None:
    with pytest.raises(RefusedDestination):
        destination(url, allow_private=True)


@pytest.mark.parametrize("url", ["http://h.example:99999/", "http://h.example:abc/", f"http://{'a' * 64}.example/"])
def test_a_url_no_request_can_reach_is_refused_even_where_private_ones_are_allowed(url: str) -> None:
    with pytest.raises(RefusedDestination, match="cannot be called"):
        destination(url, allow_private=True)
