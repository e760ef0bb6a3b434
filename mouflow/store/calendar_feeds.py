"""Calendar feed tokens: one per party, shown once in clear, stored as SHA-256.

The token is the whole credential of a feed URL (calendar apps send no Authorization header), so it has
the same 256 random bits as an API token; issuing a new one overwrites the party's row, and the old
URL stops working at once.
"""

import secrets
from datetime import UTC, datetime

from sqlalchemy import Insert, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from mouflow.errors import UnknownParty
from mouflow.store.access_tables import PartyRow
from mouflow.store.calendar_tables import CalendarFeedRow
from mouflow.store.parties import get_party
from mouflow.store.users import hash_token

TOKEN_PREFIX = "mfcal_"  # tells a leaked feed URL apart from a leaked API token (mf_)


def issue_feed_token(*, session: Session, party_id: str, created_by: str) -> str:
    """Returns the clear token; it replaces the party's previous one, if any."""
    if get_party(session=session, party_id=party_id) is None:
        raise UnknownParty(f"there is no party {party_id!r}")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    values = {"token_hash": hash_token(token), "created_at": datetime.now(UTC), "created_by": created_by}
    session.execute(_upsert(session, party_id, values))
    return token


def _upsert(session: Session, party_id: str, values: dict[str, object]) -> Insert:
    # one statement, so two rotations at the same moment cannot both insert: the later one wins
    key, row = [CalendarFeedRow.party_id], {"party_id": party_id, **values}
    if session.get_bind().dialect.name == "postgresql":
        return postgresql.insert(CalendarFeedRow).values(row).on_conflict_do_update(index_elements=key, set_=values)
    return sqlite.insert(CalendarFeedRow).values(row).on_conflict_do_update(index_elements=key, set_=values)


def party_for_feed_token(*, session: Session, token: str) -> PartyRow | None:
    """None for an unknown token and for a replaced one alike."""
    query = select(PartyRow).join(CalendarFeedRow, CalendarFeedRow.party_id == PartyRow.id)
    return session.scalar(query.where(CalendarFeedRow.token_hash == hash_token(token)))
