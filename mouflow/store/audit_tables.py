"""The audit log: one hash-chained row per event or administrative action, appended and never changed.

Each row's `hash` covers its own fields and the previous row's hash, so altering or removing a row
breaks the chain from that point. `audit_head` remembers the last row, so removing the newest rows
shows too, and its row lock makes concurrent writers append one after the other.
"""

from datetime import datetime

from sqlalchemy import Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from mouflow.store.tables import Base

GENESIS_HASH = "0" * 64  # the prev_hash of the first entry


class AuditRow(Base):
    __tablename__ = "audit_log"
    # a retried store activity carries the same (MoU, seq): the second append finds it and adds nothing
    __table_args__ = (
        UniqueConstraint("mou_id", "seq", "position"),
        Index("ix_audit_log_mou_id_id", "mou_id", "id"),  # one MoU's entries, page after page
        Index("ix_audit_log_mou_id_request_id", "mou_id", "request_id"),  # did this keyed request happen?
    )

    # not a database sequence: the appender takes the next id from the locked audit_head, so ids
    # are gapless and in chain order even when a transaction rolls back
    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    at: Mapped[datetime]
    mou_id: Mapped[str | None] = mapped_column(String(64))
    workflow_id: Mapped[str | None] = mapped_column(String(80))
    seq: Mapped[int | None]
    position: Mapped[int | None]
    what: Mapped[str] = mapped_column(String(40))
    actor_user_id: Mapped[str | None] = mapped_column(String(500))  # None for the system: reminders, clocks
    actor_name: Mapped[str | None] = mapped_column(String(500))
    actor_party_id: Mapped[str | None] = mapped_column(String(64))
    actor_role: Mapped[str | None] = mapped_column(String(20))
    version: Mapped[int | None]
    milestone_id: Mapped[str | None] = mapped_column(String(64))
    party_id: Mapped[str | None] = mapped_column(String(64))
    request_id: Mapped[str | None] = mapped_column(String(100))
    detail: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditHead(Base):
    """Exactly one row (id 1): the newest entry. Appenders lock it, so they never fork the chain."""

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    last_id: Mapped[int]
    last_hash: Mapped[str] = mapped_column(String(64))
