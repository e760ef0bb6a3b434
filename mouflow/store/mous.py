"""Reading the MoU projection: lists with filters and keyset pagination, one MoU with its parts."""

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session

from mouflow.store.tables import MilestoneRow, MouPartyRow, MouRow, VersionRow


def get_mou(*, session: Session, mou_id: str) -> MouRow | None:
    return session.get(MouRow, mou_id)


def list_mous(
    *,
    session: Session,
    visible_to: str | None,
    party_id: str | None = None,
    stage: str | None = None,
    overdue: bool | None = None,
    text: str | None = None,
    after: str | None = None,
    limit: int = 50,
) -> list[MouRow]:
    """`visible_to` limits to one party's MoUs (None: all, for managers). Ordered by id, after a cursor."""
    query = select(MouRow).order_by(MouRow.id).limit(limit)
    for member in (visible_to, party_id):
        if member is not None:
            query = _with_party(query, member)
    if stage is not None:
        query = query.where(MouRow.stage == stage)
    if overdue is not None:
        query = query.where(MouRow.has_overdue == overdue)
    if text:
        pattern = f"%{_escape_like(text)}%"
        query = query.where(
            or_(MouRow.title_en.ilike(pattern, escape="\\"), MouRow.title_zh.like(pattern, escape="\\"))
        )
    if after is not None:
        query = query.where(MouRow.id > after)
    return list(session.scalars(query))


def _with_party(query: Select[MouRow], party_id: str) -> Select[MouRow]:
    member = select(MouPartyRow.mou_id).where(MouPartyRow.party_id == party_id)
    return query.where(MouRow.id.in_(member))


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def list_milestones(*, session: Session, mou_id: str) -> list[MilestoneRow]:
    query = select(MilestoneRow).where(MilestoneRow.mou_id == mou_id)
    return list(
        session.scalars(query.order_by(MilestoneRow.term_number, MilestoneRow.due_date, MilestoneRow.milestone_id))
    )


def get_version(*, session: Session, mou_id: str, number: int) -> VersionRow | None:
    return session.get(VersionRow, (mou_id, number))
