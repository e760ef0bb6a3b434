"""Feed tokens (issued once, rotated, looked up by hash) and the MoUs a party's feed reads."""

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from mouflow.demo import HKTE, NANSHA, QIANHAI
from mouflow.domain.enums import EventKind
from mouflow.domain.state import Event
from mouflow.errors import UnknownParty
from mouflow.store.calendar_entries import list_feed_mous
from mouflow.store.calendar_feeds import TOKEN_PREFIX, issue_feed_token, party_for_feed_token
from mouflow.store.calendar_tables import CalendarFeedRow
from mouflow.store.db import session_scope
from mouflow.store.parties import create_party
from mouflow.store.projection import record_transition
from mouflow.transitions import transition_of
from tests.domain.builders import T0, executed


@pytest.fixture
def parties(sessions: sessionmaker[Session]) -> sessionmaker[Session]:
    with session_scope(sessions) as session:
        for party in (HKTE, QIANHAI, NANSHA):
            create_party(session=session, party=party, owns_mous=party is HKTE)
    return sessions


def issue(sessions: sessionmaker[Session], party_id: str) -> str:
    with session_scope(sessions) as session:
        return issue_feed_token(session=session, party_id=party_id, created_by="u-1")


def owner_of(sessions: sessionmaker[Session], token: str) -> str | None:
    with sessions() as session:
        party = party_for_feed_token(session=session, token=token)
        return party.id if party else None


def test_a_token_is_stored_only_as_its_hash_and_finds_its_party(parties: sessionmaker[Session]) -> None:
    token = issue(parties, "qianhai")
    assert token.startswith(TOKEN_PREFIX) and len(token) >= len(TOKEN_PREFIX) + 43  # 256 bits, base64url
    assert owner_of(parties, token) == "qianhai"
    assert owner_of(parties, token + "x") is None
    with parties() as session:
        stored = session.scalars(select(CalendarFeedRow)).one()
        assert token not in stored.token_hash and stored.created_by == "u-1"


def test_rotating_replaces_the_old_token(parties: sessionmaker[Session]) -> None:
    first, second = issue(parties, "qianhai"), issue(parties, "qianhai")
    assert first != second
    assert owner_of(parties, first) is None and owner_of(parties, second) == "qianhai"
    issue(parties, "nansha")
    with parties() as session:
        assert len(session.scalars(select(CalendarFeedRow)).all()) == 2


def test_an_unknown_party_gets_no_token(parties: sessionmaker[Session]) -> None:
    with pytest.raises(UnknownParty), session_scope(parties) as session:
        issue_feed_token(session=session, party_id="atlantis", created_by="u-1")


def test_a_feed_reads_only_the_mous_its_party_is_in(parties: sessionmaker[Session]) -> None:
    state = executed()
    with session_scope(parties) as session:
        record_transition(
            session=session, transition=transition_of("wf", state, [Event(kind=EventKind.EXECUTED, at=T0)])
        )
    with parties() as session:
        assert list_feed_mous(session=session, party_id="nansha") == []
        [mou] = list_feed_mous(session=session, party_id="qianhai")
    assert mou.mou_id == "hkte-qianhai-2025" and mou.executed
    assert mou.ceremony is not None and mou.ceremony.starts_at == state.ceremonies[-1].starts_at
    assert list(mou.parties) == ["hkte", "qianhai"] and mou.parties["qianhai"] == QIANHAI.name
    assert {m.id for m in mou.milestones} == {m.id for m in state.milestones}
