"""The Mouflow-Signature header: made and checked the way receivers check it."""

import hashlib
import hmac

from mouflow.notify.webhook_signatures import signature_header, verify_signature

SECRET, BODY, NOW = "whsec_test", b'{"type":"signed"}', 1_750_000_000


def test_the_header_is_hmac_sha256_over_timestamp_dot_body() -> None:
    expected = hmac.new(SECRET.encode(), f"{NOW}.".encode() + BODY, hashlib.sha256).hexdigest()
    assert signature_header(SECRET, BODY, NOW) == f"t={NOW},v1={expected}"


def test_a_fresh_signature_verifies() -> None:
    assert verify_signature(SECRET, signature_header(SECRET, BODY, NOW), BODY, now=NOW + 10)


def test_a_tampered_body_fails() -> None:
    assert not verify_signature(SECRET, signature_header(SECRET, BODY, NOW), BODY + b" ", now=NOW)


def test_a_wrong_secret_fails() -> None:
    assert not verify_signature("whsec_other", signature_header(SECRET, BODY, NOW), BODY, now=NOW)


def test_an_old_or_future_timestamp_fails_beyond_the_tolerance() -> None:
    header = signature_header(SECRET, BODY, NOW)
    assert not verify_signature(SECRET, header, BODY, tolerance=300, now=NOW + 301)
    assert not verify_signature(SECRET, header, BODY, tolerance=300, now=NOW - 301)
    assert verify_signature(SECRET, header, BODY, tolerance=300, now=NOW + 299)


def test_a_malformed_header_fails_rather_than_raising() -> None:
    for header in ("", "t=abc,v1=00", "v1=00", f"t={NOW}", "garbage"):
        assert not verify_signature(SECRET, header, BODY, now=NOW)
