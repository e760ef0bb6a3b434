"""Answers already given to writes that carried an `Idempotency-Key`, so a retry gets the same answer.

Keys belong to the user who sent them: two users may pick the same key. The fingerprint hashes the
method, path and body, so the same key sent with a different request is refused rather than
answered with another request's result.
"""

import hashlib
from datetime import UTC, datetime, timedelta

from sqlalchemy import JSON, String, delete
from sqlalchemy.orm import Mapped, Session, mapped_column

from mouflow.store.db import insert_unless_present
from mouflow.store.tables import Base

KEPT_FOR = timedelta(days=7)  # longer than any client keeps retrying one request


class IdempotentAnswerRow(Base):
    __tablename__ = "idempotent_answers"

    user_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(64))
    status_code: Mapped[int]
    body: Mapped[object] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(index=True)


def fingerprint(method: str, path: str, body: bytes) -> str:
    digest = hashlib.sha256(f"{method} {path}\n".encode())
    digest.update(body)
    return digest.hexdigest()


def find_answer(*, session: Session, user_id: str, key: str) -> IdempotentAnswerRow | None:
    return session.get(IdempotentAnswerRow, (user_id, key))


def keep_answer(*, session: Session, user_id: str, key: str, fingerprint: str, status_code: int, body: object) -> None:
    """Keeps the first answer: a concurrent retry that finished second does not overwrite it."""
    values = {
        "user_id": user_id,
        "key": key,
        "fingerprint": fingerprint,
        "status_code": status_code,
        "body": body,
        "created_at": datetime.now(UTC),
    }
    insert_unless_present(session, IdempotentAnswerRow, values)


def forget_old_answers(*, session: Session, now: datetime) -> int:
    result = session.execute(delete(IdempotentAnswerRow).where(IdempotentAnswerRow.created_at < now - KEPT_FOR))
    return int(getattr(result, "rowcount", 0) or 0)
