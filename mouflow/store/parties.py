"""The registered parties: created once by an administrator, then read by every request."""

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from mouflow.domain.content import Bilingual, Party
from mouflow.domain.reading import known_language
from mouflow.errors import InvalidParty, PartyExists
from mouflow.store.access_tables import PartyRow


def create_party(*, session: Session, party: Party, owns_mous: bool = False, language: str | None = None) -> PartyRow:
    """`language`: what the party's users read unless they choose otherwise (None: each browser's own)."""
    try:
        reads = known_language(language)
    except ValueError as error:
        raise InvalidParty(str(error)) from None
    if get_party(session=session, party_id=party.id) is not None:
        raise PartyExists(f"a party with the id {party.id!r} exists already")
    row = PartyRow(
        id=party.id,
        name_en=party.name.en,
        name_zh=party.name.zh,
        wants_simplified_copy=party.wants_simplified_copy,
        owns_mous=owns_mous,
        created_at=datetime.now(UTC),
        language=reads,
    )
    session.add(row)
    try:
        session.flush()
    except IntegrityError as error:  # another writer registered the same id since we looked
        raise PartyExists(f"a party with the id {party.id!r} exists already") from error
    return row


def get_party(*, session: Session, party_id: str) -> PartyRow | None:
    return session.get(PartyRow, party_id)


def list_parties(*, session: Session) -> list[PartyRow]:
    return list(session.scalars(select(PartyRow).order_by(PartyRow.id)))


def to_party(row: PartyRow) -> Party:
    name = Bilingual(en=row.name_en, zh=row.name_zh)
    return Party(id=row.id, name=name, wants_simplified_copy=row.wants_simplified_copy)
