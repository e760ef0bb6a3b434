"""Failed sign-ins, counted per client address with the `limits` library (a moving window, in this process's
memory): after `FAILED_SIGN_INS` within the window, the next attempt from that address is answered 429 with
Retry-After, whatever its token, until the oldest failure leaves the window. A right token signs in as
before while under the limit; the count is of failures only, so a user who signs in often is never held.

An attempt takes its place as it is let in, before its lookup, and under one lock with the check: a burst
sent at once meets the failures still being looked up as well as those counted, so no more than the limit
are tried. The window has no way to give an entry back, so a place is held beside it, in `_trying`, and
becomes a failure in the window only if the token was not valid.
"""

import math
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from limits import parse, storage, strategies

from mouflow.errors import TooManyAttempts

FAILED_SIGN_INS = parse("10/minute")
_failures = strategies.MovingWindowRateLimiter(storage.MemoryStorage())
_trying: Counter[str] = Counter()  # attempts let in whose lookup has not ended, per address
_lock = threading.Lock()  # held for a count, never across a lookup: the web form's threads and the event loop


@dataclass
class Attempt:
    """What the caller says of its lookup; an attempt that raised before saying is not counted as failed."""

    failed: bool = False


@contextmanager
def sign_in_attempt(client: str) -> Iterator[Attempt]:
    """Lets the attempt in, or raises TooManyAttempts; a failed one is counted as it ends."""
    _let_in(client)
    attempt = Attempt()
    try:
        yield attempt
    finally:
        _end(client, failed=attempt.failed)


def _let_in(client: str) -> None:
    with _lock:
        if not _failures.test(FAILED_SIGN_INS, client, cost=_trying[client] + 1):
            raise _held(client)
        _trying[client] += 1


def _end(client: str, *, failed: bool) -> None:
    with _lock:
        _trying[client] -= 1
        if not _trying[client]:
            del _trying[client]
        if failed:
            _failures.hit(FAILED_SIGN_INS, client)


def _held(client: str) -> TooManyAttempts:
    # with none counted yet (all places held by lookups), a minute: what a burst of failures would wait
    reset = _failures.get_window_stats(FAILED_SIGN_INS, client).reset_time
    wait = max(1, math.ceil(reset - time.time()))
    return TooManyAttempts(
        "too many failed sign-ins from this address; try again in {seconds} seconds", retry_after=wait
    )


def forget_all() -> None:
    """For tests, which sign in from one address far more often than any person does."""
    _failures.storage.reset()
    _trying.clear()
