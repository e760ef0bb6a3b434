"""The parties to MoUs over HTTP (api/services/parties.py)."""

from fastapi import APIRouter, status

from api.deps import CurrentUser, RequestId, SessionDep
from api.services.parties import PartyRecord, list_party_records, register_party

router = APIRouter(prefix="/parties", tags=["parties"])


@router.get("")
def list_all(user: CurrentUser, session: SessionDep) -> list[PartyRecord]:
    return list_party_records(session=session)


@router.post("", status_code=status.HTTP_201_CREATED)
def create(body: PartyRecord, user: CurrentUser, session: SessionDep, rid: RequestId) -> PartyRecord:
    return register_party(session=session, user=user, record=body, request_id=rid)
