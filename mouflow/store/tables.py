"""The projection tables. Rows are written only by the store activities, keyed by (MoU, seq)."""

from datetime import date, datetime

from sqlalchemy import JSON, DateTime, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    type_annotation_map = {datetime: DateTime(timezone=True)}


class MouRow(Base):
    __tablename__ = "mous"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    workflow_id: Mapped[str] = mapped_column(String(80), unique=True)
    stage: Mapped[str] = mapped_column(String(20), index=True)
    title_en: Mapped[str] = mapped_column(String(500))
    title_zh: Mapped[str] = mapped_column(String(500))
    owner_party_id: Mapped[str] = mapped_column(String(64), index=True)
    party_ids: Mapped[list[str]] = mapped_column(JSON)
    current_version: Mapped[int]
    approved_version: Mapped[int | None]
    executed_version: Mapped[int | None]
    has_overdue: Mapped[bool] = mapped_column(index=True)
    term_end: Mapped[date | None]
    next_deadline: Mapped[datetime | None]
    last_seq: Mapped[int]
    updated_at: Mapped[datetime]
    status: Mapped[dict[str, object]] = mapped_column(JSON)  # MouStatus, as the API returns it


class MouPartyRow(Base):
    """One row per (MoU, party): the index that party filters and access checks use."""

    __tablename__ = "mou_parties"

    mou_id: Mapped[str] = mapped_column(ForeignKey("mous.id"), primary_key=True)
    party_id: Mapped[str] = mapped_column(String(64), primary_key=True, index=True)


class VersionRow(Base):
    __tablename__ = "mou_versions"

    mou_id: Mapped[str] = mapped_column(ForeignKey("mous.id"), primary_key=True)
    number: Mapped[int] = mapped_column(primary_key=True)
    content: Mapped[dict[str, object]] = mapped_column(JSON)  # DraftContent
    author_name: Mapped[str] = mapped_column(String(500))
    author_party_id: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]


class MilestoneRow(Base):
    __tablename__ = "mou_milestones"

    mou_id: Mapped[str] = mapped_column(ForeignKey("mous.id"), primary_key=True)
    term_number: Mapped[int] = mapped_column(primary_key=True)
    milestone_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    title_en: Mapped[str] = mapped_column(String(500))
    title_zh: Mapped[str] = mapped_column(String(500))
    owner_party_id: Mapped[str] = mapped_column(String(64))
    due_date: Mapped[date] = mapped_column(index=True)
    status: Mapped[str] = mapped_column(String(20))
    overdue: Mapped[bool] = mapped_column(index=True)
    confirmed: Mapped[bool]
    last_seq: Mapped[int]


class EventRow(Base):
    __tablename__ = "mou_events"
    __table_args__ = (UniqueConstraint("mou_id", "seq", "position"), Index("ix_mou_events_at", "at"))

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    mou_id: Mapped[str] = mapped_column(ForeignKey("mous.id"), index=True)
    seq: Mapped[int]
    position: Mapped[int]
    kind: Mapped[str] = mapped_column(String(40))
    at: Mapped[datetime]
    actor_user_id: Mapped[str | None] = mapped_column(String(500))
    actor_party_id: Mapped[str | None] = mapped_column(String(64))
    version: Mapped[int | None]
    milestone_id: Mapped[str | None] = mapped_column(String(64))
    party_id: Mapped[str | None] = mapped_column(String(64))
    detail: Mapped[str] = mapped_column(Text)
