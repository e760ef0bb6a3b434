"""Failed sign-ins, counted per client address with the `limits` library (a moving window, in this process's
memory): after `FAILED_SIGN_INS` within the window, the next attempt from that address is answered 429 with
Retry-After, whatever its token, until the oldest failure leaves the window. A right token signs in as
before while under the limit; the count is of failures only, so a user who signs in often is never held."""

import math
import time

from limits import parse, storage, strategies

from mouflow.errors import TooManyAttempts

FAILED_SIGN_INS = parse("10/minute")
_failures = strategies.MovingWindowRateLimiter(storage.MemoryStorage())


def require_not_throttled(client: str) -> None:
    if not _failures.test(FAILED_SIGN_INS, client):
        reset = _failures.get_window_stats(FAILED_SIGN_INS, client).reset_time
        wait = max(1, math.ceil(reset - time.time()))
        raise TooManyAttempts(
            "too many failed sign-ins from this address; try again in {seconds} seconds", retry_after=wait
        )


def record_failure(client: str) -> None:
    _failures.hit(FAILED_SIGN_INS, client)


def forget_all() -> None:
    """For tests, which sign in from one address far more often than any person does."""
    _failures.storage.reset()
