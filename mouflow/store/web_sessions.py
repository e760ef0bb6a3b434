"""Web sign-in: a user signs in once with their API token and gets a session cookie instead.

The cookie holds a random session id whose SHA-256 is stored, the way API tokens are; each session
has its own CSRF token, which every form of that session sends back.
"""

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from mouflow.domain.enums import ReadingLanguage
from mouflow.domain.reading import reading_language
from mouflow.store.access_tables import PartyRow, UserRow
from mouflow.store.users import hash_token
from mouflow.store.web_tables import WebSessionRow

SESSION_LIFETIME = timedelta(hours=12)  # a working day; a closed laptop does not stay signed in for a week


@dataclass(frozen=True)
class SignedIn:
    user: UserRow
    csrf_token: str
    audits: bool = False  # a Hong Kong agency's manager (api.access decides): the pages offer the dashboard
    reads: ReadingLanguage | None = None  # the user's language, else the party's; None: the browser's
    party_name: tuple[str, str] = ("", "")  # the user's party, in English and Chinese, for the pages' header


def open_session(*, session: Session, user: UserRow) -> str:
    """Returns the cookie value, the only clear copy of the session id."""
    cookie, now = secrets.token_urlsafe(32), datetime.now(UTC)
    session.add(
        WebSessionRow(
            id_hash=hash_token(cookie),
            user_id=user.id,
            csrf_token=secrets.token_urlsafe(32),
            created_at=now,
            expires_at=now + SESSION_LIFETIME,
        )
    )
    session.execute(delete(WebSessionRow).where(WebSessionRow.expires_at < now))  # sessions nobody closed
    return cookie


def find_session(*, session: Session, cookie: str) -> SignedIn | None:
    """None for an unknown or expired session, and for a user who was deactivated since."""
    query = (
        select(WebSessionRow, UserRow, PartyRow.language, PartyRow.name_en, PartyRow.name_zh)
        .join(UserRow, UserRow.id == WebSessionRow.user_id)
        .join(PartyRow, PartyRow.id == UserRow.party_id)
        .where(
            WebSessionRow.id_hash == hash_token(cookie),
            WebSessionRow.expires_at > datetime.now(UTC),
            UserRow.active.is_(True),
        )
    )
    found = session.execute(query).first()
    if found is None:
        return None
    web_session, user, party_language, name_en, name_zh = found
    reads = reading_language(user.language, party_language)
    return SignedIn(user=user, csrf_token=web_session.csrf_token, reads=reads, party_name=(name_en, name_zh))


def close_session(*, session: Session, cookie: str) -> None:
    session.execute(delete(WebSessionRow).where(WebSessionRow.id_hash == hash_token(cookie)))
