"""Reading who reviewed what from the projection's timeline."""

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mouflow.domain.enums import EventKind
from mouflow.store.tables import EventRow


def last_reviewed_version(*, session: Session, mou_id: str, party_id: str) -> int | None:
    """The latest version the party approved or asked changes to, in any round; None if it never reviewed.

    Read from the events, not the status: the status keeps only the last round, which a party may not
    have reviewed yet (a new round opens with the new version)."""
    query = select(func.max(EventRow.version)).where(
        EventRow.mou_id == mou_id, EventRow.kind == EventKind.REVIEWED.value, EventRow.party_id == party_id
    )
    return session.scalar(query)
