"""The parties to MoUs: Hong Kong agencies and partner regions."""

from fastapi import APIRouter, status

from api.access import require_role
from api.deps import CurrentUser, RequestId, SessionDep
from api.errors import ConflictError
from mouflow.domain.content import Party
from mouflow.domain.enums import Role
from mouflow.store.access_tables import PartyRow
from mouflow.store.audit import append_action
from mouflow.store.errors import PartyExists
from mouflow.store.parties import create_party, list_parties, to_party
from mouflow.store.users import to_actor

router = APIRouter(prefix="/parties", tags=["parties"])


class PartyRecord(Party):
    owns_mous: bool = False  # a Hong Kong agency, which starts MoUs; partner regions review and sign


def _record(row: PartyRow) -> PartyRecord:
    return PartyRecord(**to_party(row).model_dump(), owns_mous=row.owns_mous)


@router.get("")
def list_all(user: CurrentUser, session: SessionDep) -> list[PartyRecord]:
    return [_record(row) for row in list_parties(session=session)]


@router.post("", status_code=status.HTTP_201_CREATED)
def create(body: PartyRecord, user: CurrentUser, session: SessionDep, rid: RequestId) -> PartyRecord:
    require_role(user, Role.ADMIN)
    party = Party(**body.model_dump(exclude={"owns_mous"}))
    try:
        row = create_party(session=session, party=party, owns_mous=body.owns_mous)
    except PartyExists as exists:
        raise ConflictError(exists.message) from None
    append_action(session=session, actor=to_actor(user), what="party_created", detail=body.name.en, request_id=rid)
    session.commit()
    return _record(row)
