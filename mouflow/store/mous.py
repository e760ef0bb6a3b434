"""Reading the MoU projection: lists with filters and keyset pagination, one MoU with its parts."""

from sqlalchemy import ColumnElement, Select, or_, select
from sqlalchemy.orm import Session, aliased

from mouflow.chinese import in_every_script
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
    query = list_query(
        visible_to=visible_to, party_id=party_id, stage=stage, overdue=overdue, text=text, after=after, limit=limit
    )
    return list(session.scalars(query))


def list_query(
    *,
    visible_to: str | None,
    party_id: str | None,
    stage: str | None,
    overdue: bool | None,
    text: str | None,
    after: str | None,
    limit: int,
) -> Select[MouRow]:
    """A page walks an index in id order and stops after `limit` rows, so its cost does not grow with the table.

    With a party, the walk is along mou_parties (party_id, mou_id): the page order and the cursor are put on
    that column, since the database carries `mous.id = mou_id` over to ORDER BY but not to `>`. Stage and
    overdue each have an index (stage, id), (has_overdue, id) for when no party is given.
    """
    members = [aliased(MouPartyRow) for _ in _parties(visible_to, party_id)]
    key = members[0].mou_id if members else MouRow.id
    query = select(MouRow)
    for member, party in zip(members, _parties(visible_to, party_id), strict=True):
        query = query.join(member, member.mou_id == MouRow.id).where(member.party_id == party)
    if stage is not None:
        query = query.where(MouRow.stage == stage)
    if overdue is not None:
        query = query.where(MouRow.has_overdue == overdue)
    if text:
        query = query.where(_title_contains(text))
    if after is not None:
        query = query.where(key > after)
    return query.order_by(key).limit(limit)


def _parties(visible_to: str | None, party_id: str | None) -> list[str]:
    return list(dict.fromkeys(party for party in (visible_to, party_id) if party is not None))


def _title_contains(text: str) -> ColumnElement[bool]:
    """In either title; the Chinese one in whichever script it is written, whichever the query is typed in."""
    english = MouRow.title_en.ilike(_containing(text), escape="\\")
    return or_(
        english, *(MouRow.title_zh.like(_containing(spelling), escape="\\") for spelling in in_every_script(text))
    )


def _containing(text: str) -> str:
    return f"%{_escape_like(text)}%"


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def list_milestones(*, session: Session, mou_id: str) -> list[MilestoneRow]:
    query = select(MilestoneRow).where(MilestoneRow.mou_id == mou_id)
    return list(
        session.scalars(query.order_by(MilestoneRow.term_number, MilestoneRow.due_date, MilestoneRow.milestone_id))
    )


def get_version(*, session: Session, mou_id: str, number: int) -> VersionRow | None:
    return session.get(VersionRow, (mou_id, number))
