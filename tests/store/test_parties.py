"""Parties: registered once, read back as the domain model."""

import pytest
from sqlalchemy.orm import Session, sessionmaker

import mouflow.store.access_tables  # noqa: F401  the engine fixture creates the tables it knows at import
from mouflow.demo import HKTE, QIANHAI
from mouflow.errors import PartyExists
from mouflow.store.db import session_scope
from mouflow.store.parties import create_party, get_party, list_parties, to_party


def test_a_party_reads_back_as_it_was_registered(sessions: sessionmaker[Session]) -> None:
    with session_scope(sessions) as session:
        create_party(session=session, party=QIANHAI)
        create_party(session=session, party=HKTE)
    with sessions() as session:
        row = get_party(session=session, party_id="qianhai")
        assert row is not None and to_party(row) == QIANHAI
        assert [to_party(row) for row in list_parties(session=session)] == [HKTE, QIANHAI]
        assert get_party(session=session, party_id="nowhere") is None


def test_a_party_id_is_registered_only_once(sessions: sessionmaker[Session]) -> None:
    with session_scope(sessions) as session:
        create_party(session=session, party=HKTE)
    renamed = HKTE.model_copy(update={"name": QIANHAI.name})
    with pytest.raises(PartyExists, match="hkte"), session_scope(sessions) as session:
        create_party(session=session, party=renamed)
    with sessions() as session:
        row = get_party(session=session, party_id="hkte")
        assert row is not None and to_party(row) == HKTE
