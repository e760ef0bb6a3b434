"""Webhook secrets are sealed at rest with a key outside the database: the database alone shows none, an
altered value does not open, a secret stored in clear by an older release is sealed at the worker's start,
and the embedded stack's key file is made once, readable by its owner only."""

import stat
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from pydantic import SecretStr
from sqlalchemy.orm import Session, sessionmaker

from mouflow.config import Settings
from mouflow.demo import HKTE
from mouflow.sealed_secrets import KEY_FILE, Sealer, SecretUnreadable, is_sealed
from mouflow.store.db import session_scope
from mouflow.store.notify_tables import WebhookRow
from mouflow.store.parties import create_party
from mouflow.store.webhooks import create_webhook
from tests.conftest import TEST_SETTINGS
from worker import seal_stored_secrets

SEALER = Sealer(TEST_SETTINGS)


def test_a_sealed_secret_opens_only_as_it_was() -> None:
    sealed = SEALER.seal("whsec_abc")
    assert is_sealed(sealed) and "whsec_abc" not in sealed and SEALER.open(sealed) == "whsec_abc"
    assert SEALER.open("whsec_from_before") == "whsec_from_before"  # stored in clear by an older release
    altered = sealed[:-6] + ("A" if sealed[-6] != "A" else "B") + sealed[-5:]
    with pytest.raises(SecretUnreadable):
        SEALER.open(altered)
    other_key = TEST_SETTINGS.model_copy(update={"secrets_key": SecretStr(Fernet.generate_key().decode())})
    with pytest.raises(SecretUnreadable):
        Sealer(other_key).open(sealed)  # the database and another key: still nothing


def test_the_embedded_stacks_key_is_made_once_for_its_owner(tmp_path: Path) -> None:
    first, second = Sealer(Settings(data_dir=tmp_path)), Sealer(Settings(data_dir=tmp_path))
    sealed = first.seal("whsec_one")
    assert second.open(sealed) == "whsec_one"  # the second process found the first's key
    assert stat.S_IMODE((tmp_path / KEY_FILE).stat().st_mode) == 0o600
    assert [path.name for path in tmp_path.iterdir()] == [KEY_FILE]


def test_secrets_stored_in_clear_are_sealed_at_start(sessions: sessionmaker[Session]) -> None:
    with session_scope(sessions) as session:
        create_party(session=session, party=HKTE)
        row, secret = create_webhook(
            session=session, sealer=SEALER, party_id=HKTE.id, url="https://h.example", events=[], created_by="t"
        )
        row.secret = secret  # as a release before sealing kept it
        hook = row.id
    seal_stored_secrets(sessions, SEALER)
    with sessions() as session:
        stored = session.get(WebhookRow, hook).secret  # type: ignore[union-attr]
    assert is_sealed(stored) and SEALER.open(stored) == secret
