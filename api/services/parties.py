"""The parties to MoUs: Hong Kong agencies, which start MoUs, and the partner regions."""

from sqlalchemy.orm import Session

from api.access import require_role
from mouflow.domain.content import Party, YesNo
from mouflow.domain.enums import Role
from mouflow.store.access_tables import PartyRow, UserRow
from mouflow.store.audit import append_action
from mouflow.store.parties import create_party, list_parties, to_party
from mouflow.store.users import to_actor


class PartyRecord(Party):
    owns_mous: YesNo = False  # a Hong Kong agency, which starts MoUs; partner regions review and sign


def list_party_records(*, session: Session) -> list[PartyRecord]:
    """Every registered party: any signed-in user may read them, as every MoU names its parties."""
    return [_record(row) for row in list_parties(session=session)]


def register_party(*, session: Session, user: UserRow, record: PartyRecord, request_id: str) -> PartyRecord:
    """An admin's; a party whose id is taken already is refused (mouflow.errors.PartyExists)."""
    require_role(user, Role.ADMIN)
    party = Party(**record.model_dump(exclude={"owns_mous"}))
    row = create_party(session=session, party=party, owns_mous=record.owns_mous)
    actor = to_actor(user)
    append_action(session=session, actor=actor, what="party_created", detail=record.name.en, request_id=request_id)
    return _record(row)


def _record(row: PartyRow) -> PartyRecord:
    return PartyRecord(**to_party(row).model_dump(), owns_mous=row.owns_mous)
