"""`Idempotency-Key` on writes: a client that retries after a dropped connection gets the first answer.

Three layers, because the API may die at any point of a write:
1. the answer kept in the database once the write succeeded: a retry gets it back as it was;
2. the key as the Temporal Update id: a retry while the first attempt is still running joins it;
3. the key as the request id in the audit log: a write that the store recorded but whose answer was
   never kept (the API died in between) is not applied again; the retry gets the MoU as it is now.
"""

import hashlib
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated, TypeVar

from fastapi import Depends, Header, Request
from pydantic import BaseModel
from sqlalchemy.orm import Session

from api.deps import CurrentUser, SessionDep
from mouflow.errors import InvalidError
from mouflow.store.audit import request_was_recorded
from mouflow.store.idempotency import find_answer, fingerprint, forget_old_answers, keep_answer

Answer = TypeVar("Answer", bound=BaseModel)

KEY_HELP = (
    "A key of your choosing, unique per request (a UUID): send the same key when you retry the same "
    "request, and you get the first answer instead of a second change. Kept for 7 days."
)

# answers kept past KEPT_FOR are deleted by a write at most this often in each API process, not by every write
FORGET_EVERY_SECONDS = 60.0
_forgotten_at = [float("-inf")]  # monotonic time of this process's last deletion

# printable ASCII without spaces, and no longer than the audit log's request id, which it becomes
KEY_HEADER = Header(alias="Idempotency-Key", min_length=1, max_length=100, pattern=r"^[!-~]+$", description=KEY_HELP)


@dataclass(frozen=True)
class Idempotency:
    session: Session
    user_id: str
    key: str | None
    request: str  # fingerprint of method, path and body

    def earlier_answer(self, answer_type: type[Answer]) -> Answer | None:
        if self.key is None:
            return None
        row = find_answer(session=self.session, user_id=self.user_id, key=self.key)
        if row is None:
            return None
        if row.fingerprint != self.request:
            raise InvalidError(
                f"Idempotency-Key {self.key!r} was sent before with a different request; "
                "use a new key for a new request"
            )
        return answer_type.model_validate(row.body)

    def was_recorded(self, mou_id: str) -> bool:
        """True when the store holds a transition this key caused, though no answer was kept."""
        if self.key is None:
            return False
        return request_was_recorded(session=self.session, mou_id=mou_id, user_id=self.user_id, request_id=self.key)

    @property
    def update_id(self) -> str | None:
        """The request's fingerprint is in it: the same key with another request never joins the first."""
        if self.key is None:
            return None
        return f"request-{hashlib.sha256(f'{self._digest()}{self.request}'.encode()).hexdigest()[:40]}"

    def derived_mou_id(self, party_id: str) -> str | None:
        """A new MoU's id that a retry of the same start derives again, so it cannot start a second one."""
        return None if self.key is None else f"{party_id}-{self._digest()[:10]}"

    def keep(self, answer: BaseModel, status_code: int) -> None:
        """Written in the caller's transaction, which the caller ends (api/workflows.py `keep_answer`)."""
        if self.key is None:
            return
        keep_answer(
            session=self.session,
            user_id=self.user_id,
            key=self.key,
            fingerprint=self.request,
            status_code=status_code,
            body=answer.model_dump(mode="json"),
        )
        if time.monotonic() - _forgotten_at[0] >= FORGET_EVERY_SECONDS:
            _forgotten_at[0] = time.monotonic()  # two threads may both delete once: harmless
            forget_old_answers(session=self.session, now=datetime.now(UTC))

    def _digest(self) -> str:
        return hashlib.sha256(f"{self.user_id}\n{self.key}".encode()).hexdigest()


async def idempotency(
    request: Request,
    user: CurrentUser,
    session: SessionDep,
    key: Annotated[str | None, KEY_HEADER] = None,
) -> Idempotency:
    body = await request.body()
    return Idempotency(
        session=session, user_id=user.id, key=key, request=fingerprint(request.method, request.url.path, body)
    )


IdempotencyDep = Annotated[Idempotency, Depends(idempotency)]
