"""Users and their bearer tokens. The clear token is returned once, at creation, and never stored."""

import hashlib
import re
import secrets
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from mouflow.domain.actions import Actor
from mouflow.domain.enums import Role
from mouflow.domain.reading import known_language
from mouflow.errors import InvalidUser, UnknownParty
from mouflow.store.access_tables import UserRow
from mouflow.store.parties import get_party

TOKEN_PREFIX = "mf_"  # lets secret scanners and people recognise a leaked mouflow token
# deliberately loose: the mail server is the judge of an address; this keeps out typos and, with no
# whitespace allowed, any attempt to smuggle a second header line into a notification e-mail
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+")


def create_user(
    *,
    session: Session,
    name: str,
    party_id: str,
    role: Role,
    email: str | None = None,
    language: str | None = None,
) -> tuple[UserRow, str]:
    """Returns the user and its clear token; the token cannot be recovered afterwards. `language`: what the
    user reads, where it differs from their party's."""
    name = name.strip()
    if not name or len(name) > 500:
        raise InvalidUser("a user's name must be 1 to 500 characters")
    email = _valid_email(email)
    try:
        reads = known_language(language)
    except ValueError as error:
        raise InvalidUser(str(error)) from None
    if get_party(session=session, party_id=party_id) is None:
        raise UnknownParty(f"there is no party {party_id!r}; create it first")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    user = UserRow(
        id=f"u-{secrets.token_hex(8)}",
        name=name,
        party_id=party_id,
        role=_known_role(role),
        token_hash=hash_token(token),
        created_at=datetime.now(UTC),
        active=True,
        email=email,
        language=reads,
    )
    session.add(user)
    session.flush()
    return user, token


def _valid_email(email: str | None) -> str | None:
    """None or blank: the user gets no e-mail notifications."""
    if email is None or not email.strip():
        return None
    email = email.strip()
    if len(email) > 320 or not EMAIL.fullmatch(email):
        raise InvalidUser(f"{email!r} is not an e-mail address (name@domain.tld, at most 320 characters)")
    return email


def _known_role(role: str) -> Role:
    try:
        return Role(role)
    except ValueError as error:
        raise InvalidUser(f"unknown role {role!r}; use one of {', '.join(Role)}") from error


def hash_token(token: str) -> str:
    # a token carries 256 random bits, so a plain SHA-256 cannot be brute-forced: no salt or slow hash needed,
    # and the hash stays a unique, indexable lookup key
    return hashlib.sha256(token.encode()).hexdigest()


def get_user_by_token(*, session: Session, token: str) -> UserRow | None:
    """None for an unknown token and for a deactivated user alike: the caller cannot tell them apart."""
    query = select(UserRow).where(UserRow.token_hash == hash_token(token), UserRow.active.is_(True))
    return session.scalar(query)


def list_users(*, session: Session) -> list[UserRow]:
    return list(session.scalars(select(UserRow).order_by(UserRow.party_id, UserRow.name, UserRow.id)))


def to_actor(user: UserRow) -> Actor:
    return Actor(user_id=user.id, name=user.name, party_id=user.party_id, role=user.role)
