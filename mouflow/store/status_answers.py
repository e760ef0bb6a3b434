"""`GET /mous/{id}`'s answer, kept whole in the projection (`mous.status`, milestones included) by the writer
(mouflow.store.projection), so that a read is one statement: the row and the reader's access check together.

Rows written before the milestones were kept there have no `milestones` key; their reads take one more
statement, until the MoU's next transition writes it.
"""

from dataclasses import dataclass

from sqlalchemy import ColumnElement, exists, false, select
from sqlalchemy.orm import Session

from mouflow.store.access_tables import PartyRow
from mouflow.store.mous import list_milestones
from mouflow.store.tables import MilestoneRow, MouRow

MILESTONES = "milestones"


@dataclass(frozen=True)
class Reader:
    """Who reads: a party's user sees that party's MoUs; an agency's manager sees every MoU."""

    party_id: str
    is_manager: bool


def read_visible_status(*, session: Session, reader: Reader, mou_id: str) -> dict[str, object] | None:
    """The answer, or None when there is no such MoU or the reader may not see it: the two look alike."""
    query = select(MouRow.status, MouRow.party_ids, _sees_everything(reader)).where(MouRow.id == mou_id)
    # one statement alone sees one snapshot: it needs no transaction, so none is begun and ended around it
    connection = session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})
    found = connection.execute(query).first()
    if found is None or not (reader.party_id in found.party_ids or found.sees_everything):
        return None
    status: dict[str, object] = found.status
    if MILESTONES not in status:
        return {**status, MILESTONES: milestone_answers(session=session, mou_id=mou_id)}
    return status


def _sees_everything(reader: Reader) -> ColumnElement[bool]:
    """api/access.py `sees_everything`, in the read's own statement: a manager of a party that owns MoUs."""
    if not reader.is_manager:
        return false().label("sees_everything")
    return exists().where(PartyRow.id == reader.party_id, PartyRow.owns_mous).label("sees_everything")


def milestone_answers(*, session: Session, mou_id: str) -> list[dict[str, object]]:
    """The MoU's milestones as the answer lists them (api/schemas.py MilestoneOut), in the table's order."""
    return [_milestone_json(row) for row in list_milestones(session=session, mou_id=mou_id)]


def _milestone_json(row: MilestoneRow) -> dict[str, object]:
    return {
        "id": row.milestone_id,
        "term_number": row.term_number,
        "title": {"en": row.title_en, "zh": row.title_zh},
        "owner_party_id": row.owner_party_id,
        "due_date": row.due_date.isoformat(),
        "status": row.status,
        "overdue": row.overdue,
        "confirmed": row.confirmed,
    }
