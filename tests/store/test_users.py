"""Users: the clear token is handed out once and only its hash is kept."""

import hashlib

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker

import mouflow.store.access_tables  # noqa: F401  the engine fixture creates the tables it knows at import
from mouflow.demo import HKTE
from mouflow.domain.actions import Actor
from mouflow.domain.enums import Role
from mouflow.errors import InvalidUser, UnknownParty
from mouflow.store.access_tables import UserRow
from mouflow.store.db import session_scope
from mouflow.store.parties import create_party
from mouflow.store.users import create_user, get_user_by_token, list_users, to_actor


@pytest.fixture
def hkte(sessions: sessionmaker[Session]) -> None:
    with session_scope(sessions) as session:
        create_party(session=session, party=HKTE)


def new_user(sessions: sessionmaker[Session], role: Role = Role.OFFICER) -> tuple[str, str]:
    with session_scope(sessions) as session:
        user, token = create_user(session=session, name="Chan Tai Man", party_id="hkte", role=role)
        return user.id, token


@pytest.mark.usefixtures("hkte")
def test_the_clear_token_is_stored_nowhere(sessions: sessionmaker[Session]) -> None:
    _, token = new_user(sessions)
    assert token.startswith("mf_") and len(token) > 40
    with sessions() as session:
        rows = session.execute(text("SELECT * FROM users")).all()
    assert all(token not in str(value) for row in rows for value in row)
    assert rows[0]._mapping["token_hash"] == hashlib.sha256(token.encode()).hexdigest()


@pytest.mark.usefixtures("hkte")
def test_the_token_finds_its_user_and_no_other_token_does(sessions: sessionmaker[Session]) -> None:
    user_id, token = new_user(sessions, Role.MANAGER)
    other_id, _ = new_user(sessions)
    with sessions() as session:
        found = get_user_by_token(session=session, token=token)
        assert found is not None and found.id == user_id and found.id.startswith("u-")
        assert to_actor(found) == Actor(user_id=user_id, name="Chan Tai Man", party_id="hkte", role=Role.MANAGER)
        assert get_user_by_token(session=session, token=token + "x") is None
        assert get_user_by_token(session=session, token="") is None
        assert {user.id for user in list_users(session=session)} == {user_id, other_id}


@pytest.mark.usefixtures("hkte")
def test_a_deactivated_user_is_not_found(sessions: sessionmaker[Session]) -> None:
    user_id, token = new_user(sessions)
    with session_scope(sessions) as session:
        row = session.get(UserRow, user_id)
        assert row is not None
        row.active = False
    with sessions() as session:
        assert get_user_by_token(session=session, token=token) is None


def test_a_user_needs_a_registered_party(sessions: sessionmaker[Session]) -> None:
    with pytest.raises(UnknownParty, match="hkte"), session_scope(sessions) as session:
        create_user(session=session, name="Chan Tai Man", party_id="hkte", role=Role.OFFICER)


@pytest.mark.usefixtures("hkte")
@pytest.mark.parametrize(("name", "role"), [(" ", Role.OFFICER), ("Chan Tai Man", "boss")])
def test_a_user_needs_a_name_and_a_known_role(sessions: sessionmaker[Session], name: str, role: Role) -> None:
    with pytest.raises(InvalidUser), session_scope(sessions) as session:
        create_user(session=session, name=name, party_id="hkte", role=role)


@pytest.mark.usefixtures("hkte")
@pytest.mark.parametrize("email", ["chan", "chan@hkte", "a b@hkte.example", "chan@hkte.example\nBcc: x@y.example"])
def test_an_unusable_email_address_is_refused(sessions: sessionmaker[Session], email: str) -> None:
    with pytest.raises(InvalidUser, match="not an e-mail address"), session_scope(sessions) as session:
        create_user(session=session, name="Chan", party_id="hkte", role=Role.OFFICER, email=email)


@pytest.mark.usefixtures("hkte")
def test_an_email_address_is_kept_and_a_blank_one_is_none(sessions: sessionmaker[Session]) -> None:
    with session_scope(sessions) as session:
        with_address, _ = create_user(
            session=session, name="Chan", party_id="hkte", role=Role.OFFICER, email=" chan@hkte.example "
        )
        blank, _ = create_user(session=session, name="Lee", party_id="hkte", role=Role.OFFICER, email="  ")
        assert (with_address.email, blank.email) == ("chan@hkte.example", None)
