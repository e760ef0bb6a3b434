"""A few seconds' memory of whose bearer token is whose, so that a read costs one query fewer.

Every request names its user by token. Looking the token up was the dearest single step of a status
read (bench/status_reads.py): a connection checkout, a transaction and a query before the route starts.
The price: a user deactivated in the database keeps access for up to `TTL_SECONDS` in each API process
that saw them in that time. Unknown tokens are never remembered, so a new user works at once.
"""

import threading
import time
from collections.abc import Callable
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


_COLUMNS = tuple(column.key for column in UserRow.__table__.columns)
recent_tokens = RecentTokens()
