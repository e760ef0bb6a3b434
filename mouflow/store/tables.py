"""The projection tables. Rows are written only by the store activities, keyed by (MoU, seq)."""

from datetime import UTC, date, datetime

from sqlalchemy import JSON, DateTime, Dialect, ForeignKey, Index, String, TypeDecorator
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class UtcDateTime(TypeDecorator[datetime]):
    """Aware datetimes in, aware UTC datetimes out, on every backend: SQLite keeps no offset itself."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return value.astimezone(UTC) if value is not None else None

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    type_annotation_map = {datetime: UtcDateTime()}


TRIGRAMS = "public.gin_trgm_ops"  # pg_trgm lives in public, whichever schema the tables are in


class MouRow(Base):
    __tablename__ = "mous"
    # a filtered page walks one of these in id order and stops at the page's end (bench/growth.py)
    __table_args__ = (
        Index("ix_mous_stage_id", "stage", "id"),
        Index("ix_mous_has_overdue_id", "has_overdue", "id"),
        # title search is a substring match: trigram indexes on PostgreSQL (plain ones on SQLite)
        *(
            Index(f"ix_mous_{title}_trgm", title, postgresql_using="gin", postgresql_ops={title: TRIGRAMS})
            for title in ("title_en", "title_zh")
        ),
    )

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    workflow_id: Mapped[str] = mapped_column(String(80), unique=True)
    stage: Mapped[str] = mapped_column(String(20))
    title_en: Mapped[str] = mapped_column(String(500))
    title_zh: Mapped[str] = mapped_column(String(500))
    owner_party_id: Mapped[str] = mapped_column(String(64), index=True)
    party_ids: Mapped[list[str]] = mapped_column(JSON)
    current_version: Mapped[int]
    approved_version: Mapped[int | None]
    executed_version: Mapped[int | None]
    has_overdue: Mapped[bool]
    term_end: Mapped[date | None]
    next_deadline: Mapped[datetime | None]
    last_seq: Mapped[int]
    updated_at: Mapped[datetime]
    status: Mapped[dict[str, object]] = mapped_column(JSON)  # MouStatus, as the API returns it


class MouPartyRow(Base):
    """One row per (MoU, party): the index that party filters and access checks use."""

    __tablename__ = "mou_parties"
    # one party's MoUs in id order: a party's page reads 50 entries, however many MoUs there are
    __table_args__ = (Index("ix_mou_parties_party_id_mou_id", "party_id", "mou_id"),)

    mou_id: Mapped[str] = mapped_column(ForeignKey("mous.id"), primary_key=True)
    party_id: Mapped[str] = mapped_column(String(64), primary_key=True)


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


class DocumentRow(Base):
    """A rendered PDF. `request_key` hashes the render inputs, so the same request never renders twice."""

    __tablename__ = "documents"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    mou_id: Mapped[str] = mapped_column(String(64), index=True)  # no foreign key: documents may precede the projection
    kind: Mapped[str] = mapped_column(String(30))
    version: Mapped[int | None]
    language: Mapped[str] = mapped_column(String(20))
    sha256: Mapped[str] = mapped_column(String(64), index=True)  # of the PDF bytes: the storage key
    size: Mapped[int]
    created_at: Mapped[datetime]
    request_key: Mapped[str] = mapped_column(String(64), unique=True)
