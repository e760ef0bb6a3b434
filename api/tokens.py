"""A few seconds' memory of whose bearer token is whose, so that a read costs one query fewer.

Every request names its user by token. Looking the token up was the dearest single step of a status
read (bench/status_reads.py): a connection checkout, a transaction and a query before the route starts.
The price: a user deactivated in the database keeps access for up to `TTL_SECONDS` in each API process
that saw them in that time. Unknown tokens are never remembered, so a new user works at once.
"""

import asyncio
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy.orm import Session

from mouflow.store.access_tables import UserRow
from mouflow.store.users import get_user_by_token, hash_token

TTL_SECONDS = 5.0
MOST_REMEMBERED = 10_000  # tokens; past that the memory starts afresh rather than grow without end


@dataclass(frozen=True)
class _Seen:
    user: dict[str, object]  # the row's columns: each request gets a new row, never one shared across threads
    until: float


class RecentTokens:
    def __init__(self, ttl: float = TTL_SECONDS, clock: Callable[[], float] = time.monotonic) -> None:
        self._ttl, self._clock = ttl, clock
        self._seen: dict[str, _Seen] = {}
        self._lock = threading.Lock()

    def remembered(self, token: str) -> UserRow | None:
        """The token's user if it was looked up in the last `ttl` seconds; no database, so no thread needed."""
        seen = self._seen.get(hash_token(token))
        return UserRow(**seen.user) if seen is not None and seen.until > self._clock() else None

    def look_up(self, *, session: Session, token: str) -> UserRow | None:
        row = get_user_by_token(session=session, token=token)
        if row is not None:
            self._remember(hash_token(token), row)
        return row

    def _remember(self, key: str, row: UserRow) -> None:
        columns = {column: getattr(row, column) for column in _COLUMNS}
        with self._lock:
            if len(self._seen) >= MOST_REMEMBERED:
                self._seen.clear()
            self._seen[key] = _Seen(columns, self._clock() + self._ttl)


class LookupsInFlight:
    """One lookup at a time per token, on the event loop: the requests that come with a token while it is
    being looked up wait for that lookup instead of making their own. A burst of requests with a token not
    yet remembered (a client's first, or every one after the memory expired under load) would otherwise
    each take a place among the sign-in attempts (api/sign_in_limits.py) and all but ten get 429."""

    def __init__(self) -> None:
        self._running: dict[str, asyncio.Event] = {}

    async def waited_for(self, token: str) -> bool:
        """True when another request was looking this token up; that lookup has ended when this returns."""
        running = self._running.get(hash_token(token))
        if running is None:
            return False
        await running.wait()
        return True

    @contextmanager
    def leading(self, token: str) -> Iterator[None]:
        key, done = hash_token(token), asyncio.Event()
        self._running[key] = done
        try:
            yield
        finally:
            del self._running[key]
            done.set()


_COLUMNS = tuple(column.key for column in UserRow.__table__.columns)
recent_tokens = RecentTokens()
lookups_in_flight = LookupsInFlight()
