"""The parties to MoUs: Hong Kong agencies and partner regions."""

from fastapi import APIRouter, status

from api.access import require_role
from api.deps import CurrentUser, RequestId, SessionDep
from api.errors import ConflictError
from mouflow.domain.content import Party
from mouflow.domain.enums import Role
from mouflow.store.audit import append_action
from mouflow.store.errors import PartyExists
from mouflow.store.parties import create_party, list_parties, to_party
from mouflow.store.users import to_actor

router = APIRouter(prefix="/parties", tags=["parties"])


@router.get("")
def list_all(user: CurrentUser, session: SessionDep) -> list[Party]:
    return [to_party(row) for row in list_parties(session=session)]


@router.post("", status_code=status.HTTP_201_CREATED)
def create(body: Party, user: CurrentUser, session: SessionDep, rid: RequestId) -> Party:
    require_role(user, Role.ADMIN)
    try:
        row = create_party(session=session, party=body)
    except PartyExists as exists:
        raise ConflictError(exists.message) from None
    append_action(session=session, actor=to_actor(user), what="party_created", detail=body.name.en, request_id=rid)
    session.commit()
    return to_party(row)
