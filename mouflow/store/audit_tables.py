"""The audit log: one row per event or administrative action, appended and never changed, in chains.

Each MoU has a chain of its own, and actions that belong to no MoU share one more (`SYSTEM_CHAIN`), so
writers to different MoUs never wait on each other. A row's `hash` is an HMAC, under a key kept outside the
database, of its fields and the hash of the row before it in its chain: altering or removing a row breaks
the chain from there, and nobody without the key can write a chain that verifies.

`audit_heads` holds each chain's newest row (its lock makes one chain's writers take turns). The anchor,
`audit_anchor` with `audit_anchored`, taken by the worker each minute, registers the chains begun since its
last round and records every head, so a chain removed whole shows too (mouflow.store.audit_anchor).
"""

from datetime import datetime

from sqlalchemy import JSON, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from mouflow.store.tables import Base

GENESIS_HASH = "0" * 64  # the prev_hash of a chain's first entry
# the chain of actions on no MoU (a party or a user registered); no MoU id is empty
SYSTEM_CHAIN = ""


class AuditRow(Base):
    __tablename__ = "audit_log"
    # a retried store activity carries the same (MoU, seq): the projection finds it and adds nothing, and the
    # unique key stops a second copy if anything ever tried
    __table_args__ = (
        UniqueConstraint("mou_id", "seq", "position"),
        UniqueConstraint("chain", "chain_seq"),
        Index("ix_audit_log_mou_id_id", "mou_id", "id"),  # one MoU's entries, page after page
        Index("ix_audit_log_mou_id_request_id", "mou_id", "request_id"),  # did this keyed request happen?
        Index("ix_audit_log_at", "at"),
    )

    # in the order entries were added; only one chain's ids are also in the order its entries committed
    id: Mapped[int] = mapped_column(primary_key=True)
    chain: Mapped[str] = mapped_column(String(64))  # the MoU's id, or SYSTEM_CHAIN
    chain_seq: Mapped[int]  # 1, 2, 3… within the chain, without gaps
    at: Mapped[datetime]
    mou_id: Mapped[str | None] = mapped_column(String(64))
    workflow_id: Mapped[str | None] = mapped_column(String(80))
    seq: Mapped[int | None]  # the workflow's transition: None for an action outside the workflow
    position: Mapped[int | None]
    what: Mapped[str] = mapped_column(String(40))  # an EventKind for events, an action's name otherwise
    actor_user_id: Mapped[str | None] = mapped_column(String(500))  # None for the system: reminders, clocks
    actor_name: Mapped[str | None] = mapped_column(String(500))
    actor_party_id: Mapped[str | None] = mapped_column(String(64))
    actor_role: Mapped[str | None] = mapped_column(String(20))
    version: Mapped[int | None]
    milestone_id: Mapped[str | None] = mapped_column(String(64))
    party_id: Mapped[str | None] = mapped_column(String(64))
    request_id: Mapped[str | None] = mapped_column(String(100))
    detail: Mapped[str] = mapped_column(Text)
    # mouflow.domain.event_words.EventWords as JSON: the detail for a page to say in its own language
    words: Mapped[dict[str, object] | None] = mapped_column(JSON, default=None)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditHeadRow(Base):
    """A chain's newest entry. Its `mac` covers the three, so a head set back to an older entry shows."""

    __tablename__ = "audit_heads"

    chain: Mapped[str] = mapped_column(String(64), primary_key=True)
    last_seq: Mapped[int]
    last_hash: Mapped[str] = mapped_column(String(64))
    # when the chain began, by the database's writer: a chain the anchor has not registered yet must be younger
    # than the anchor's last round
    began_at: Mapped[datetime]
    mac: Mapped[str] = mapped_column(String(64))


class AnchoredChainRow(Base):
    """A chain in the anchor's register, with its head as the newest anchor saw it. `number` counts chains in
    the order the anchor registered them, and `previous_chain` names the one numbered before, so a row removed
    leaves a gap that names its chain."""

    __tablename__ = "audit_anchored"

    chain: Mapped[str] = mapped_column(String(64), primary_key=True)
    number: Mapped[int] = mapped_column(unique=True)
    previous_chain: Mapped[str | None] = mapped_column(String(64))
    seq: Mapped[int]
    hash: Mapped[str] = mapped_column(String(64))
    mac: Mapped[str] = mapped_column(String(64))


class AuditAnchorRow(Base):
    """Exactly one row (id 1): how many chains there are, the newest, and when the heads were last anchored."""

    __tablename__ = "audit_anchor"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    number: Mapped[int]  # how many times the heads were anchored
    at: Mapped[datetime]  # when they were last anchored, or when the row was made
    chains: Mapped[int]
    last_chain: Mapped[str | None] = mapped_column(String(64))
    mac: Mapped[str] = mapped_column(String(64))
