"""The few seconds' memory of tokens: what it remembers, for how long, and what it never remembers."""

import asyncio

import httpx
import pytest
from sqlalchemy import inspect
from sqlalchemy.orm import Session, sessionmaker

from api.deps import _look_up
from api.main import create_app
from api.tokens import RecentTokens
from mouflow.domain.enums import Role
from mouflow.store.access_tables import UserRow
from mouflow.store.db import session_scope
from mouflow.store.users import get_user_by_token
from tests.api.conftest import make_users
from tests.conftest import TEST_SETTINGS


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_a_looked_up_token_is_remembered_until_the_ttl(sessions: sessionmaker[Session]) -> None:
    token = make_users(sessions).token("hkte", Role.OFFICER)
    clock = Clock()
    tokens = RecentTokens(ttl=5, clock=clock)
    assert tokens.remembered(token) is None
    with session_scope(sessions) as session:
        user = tokens.look_up(session=session, token=token)
    assert user is not None
    remembered = tokens.remembered(token)
    assert remembered is not None and remembered is not user  # a fresh row: never one shared across threads
    assert (remembered.id, remembered.party_id, remembered.role) == (user.id, user.party_id, user.role)
    clock.now = 5.1
    assert tokens.remembered(token) is None


def test_unknown_and_deactivated_tokens_are_not_remembered(sessions: sessionmaker[Session]) -> None:
    token = make_users(sessions).token("qianhai", Role.VIEWER)
    tokens = RecentTokens()
    with session_scope(sessions) as session:
        user = get_user_by_token(session=session, token=token)
        assert user is not None
        user.active = False
    with session_scope(sessions) as session:
        assert tokens.look_up(session=session, token=token) is None
        assert tokens.look_up(session=session, token="mf_not-a-token") is None
    assert tokens.remembered(token) is None
    assert tokens.remembered("mf_not-a-token") is None


def test_the_user_a_request_gets_needs_no_database_after_the_lookup(sessions: sessionmaker[Session]) -> None:
    """Async dependencies read the user on the event loop: a lazy load there would block the whole API
    (under load it waited for a pooled connection forever: bench/load.py)."""
    token = make_users(sessions).token("qianhai", Role.OFFICER)
    session = sessions()
    user = _look_up(session, token)  # rolled back: a user still in the session would be expired now
    assert user is not None and inspect(user).detached
    assert user.id and user.name and (user.party_id, user.role) == ("qianhai", "officer")
    session.close()


async def test_a_burst_with_a_token_not_yet_remembered_makes_one_lookup(
    sessions: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Fifty requests at once with a right token: each one its own lookup took a place among the sign-in
    attempts, and all but ten were answered 429 (bench/status_reads.py's first second)."""
    token = make_users(sessions).token("qianhai", Role.VIEWER)
    lookups: list[str] = []

    def counted(session: Session, token: str) -> UserRow | None:
        lookups.append(token)
        return _look_up(session, token)

    monkeypatch.setattr("api.deps._look_up", counted)
    app = create_app(TEST_SETTINGS, sessions=sessions)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://mouflow.test") as client:
        headers = {"Authorization": f"Bearer {token}"}
        answers = await asyncio.gather(*(client.get("/mous", headers=headers) for _ in range(50)))
    assert [answer.status_code for answer in answers] == [200] * 50
    assert lookups == [token]
