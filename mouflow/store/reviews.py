"""Reading what was submitted and who reviewed what from the projection's timeline."""

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mouflow.domain.enums import EventKind
from mouflow.store.audit_tables import AuditRow


def last_reviewed_version(*, session: Session, mou_id: str, party_id: str) -> int | None:
    """The latest version the party approved or asked changes to, in any round; None if it never reviewed.

    Read from the events, not the status: the status keeps only the last round, which a party may not
    have reviewed yet (a new round opens with the new version)."""
    query = select(func.max(AuditRow.version)).where(
        AuditRow.mou_id == mou_id, AuditRow.what == EventKind.REVIEWED.value, AuditRow.party_id == party_id
    )
    return session.scalar(query)


def last_submitted_version(*, session: Session, mou_id: str) -> int | None:
    """The latest version submitted for review, in any round; None before the first submission.

    Read from the events, as above: a reopened MoU's status no longer says which version was reviewed last."""
    query = select(func.max(AuditRow.version)).where(
        AuditRow.mou_id == mou_id, AuditRow.what == EventKind.SUBMITTED.value
    )
    return session.scalar(query)
