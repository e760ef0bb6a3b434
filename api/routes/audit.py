"""The audit log: every action, in keyed hash chains (one per MoU), so a changed or missing entry is found."""

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel, ConfigDict

from api.access import require_auditor, visible_mou
from api.deps import CurrentUser, SessionDep
from mouflow.store.audit import list_entries
from mouflow.store.audit_verify import ChainVerification, verify_chain, verify_mou_chain

router = APIRouter(tags=["audit"])
AfterId = Annotated[int, Query(ge=0, le=2**62, description="the last id of the previous page")]
Limit = Annotated[int, Query(ge=1, le=500)]


class AuditEntry(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    at: datetime
    mou_id: str | None
    seq: int | None
    what: str
    actor_user_id: str | None
    actor_name: str | None
    actor_party_id: str | None
    actor_role: str | None
    version: int | None
    request_id: str | None
    detail: str
    hash: str


@router.get("/mous/{mou_id}/audit")
def mou_audit(
    mou_id: str, user: CurrentUser, session: SessionDep, after_id: AfterId = 0, limit: Limit = 100
) -> list[AuditEntry]:
    visible_mou(session=session, user=user, mou_id=mou_id)
    rows = list_entries(session=session, mou_id=mou_id, after_id=after_id, limit=limit)
    return [AuditEntry.model_validate(row) for row in rows]


@router.get("/audit")
def all_audit(user: CurrentUser, session: SessionDep, after_id: AfterId = 0, limit: Limit = 100) -> list[AuditEntry]:
    require_auditor(session, user)
    return [AuditEntry.model_validate(row) for row in list_entries(session=session, after_id=after_id, limit=limit)]


@router.get("/audit/verify")
def verify(user: CurrentUser, session: SessionDep) -> ChainVerification:
    """Recomputes every chain, and checks the anchor over them: names the first entry that was altered or
    follows a removed one, and the MoU whose entries were removed whole."""
    require_auditor(session, user)
    return verify_chain(session=session)


@router.get("/mous/{mou_id}/audit/verify")
def verify_mou(mou_id: str, user: CurrentUser, session: SessionDep) -> ChainVerification:
    """Recomputes one MoU's chain, without reading any other MoU's entries."""
    require_auditor(session, user)
    visible_mou(session=session, user=user, mou_id=mou_id)
    return verify_mou_chain(session=session, mou_id=mou_id)
