"""Migration 0012 turns the one unkeyed chain into keyed chains per MoU, and refuses a log that was altered."""

import hashlib
import json
import os
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.config import Config
from pydantic import SecretStr
from sqlalchemy import Engine, select, text

from mouflow.audit_key import audit_key
from mouflow.config import Settings
from mouflow.store.audit import list_events
from mouflow.store.audit_tables import AuditRow
from mouflow.store.audit_verify import verify_chain, verify_mou_chain
from mouflow.store.db import make_engine, session_factory
from mouflow.store.migrate import INI, create_schema
from tests.conftest import BACKENDS, TEST_AUDIT_KEY

OLD_FIELDS = (
    "at", "mou_id", "workflow_id", "seq", "position", "what", "actor_user_id", "actor_name", "actor_party_id",
    "actor_role", "version", "milestone_id", "party_id", "request_id", "detail", "prev_hash",
)  # fmt: skip
AT = datetime(2025, 6, 3, 7, 0, tzinfo=UTC)
WORDS = {"message": "Submitted version {version}", "values": {"version": 1}}


@pytest.fixture(params=BACKENDS)
def at_0011(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """A database as release 0011 left it, in a file or a PostgreSQL schema of its own."""
    if request.param == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
        _upgrade(engine, "0011")
        yield engine
        engine.dispose()
        return
    schema, admin = f"t_rekey_{uuid.uuid4().hex[:8]}", make_engine(os.environ["DATABASE_URL"])
    with admin.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    engine = make_engine(os.environ["DATABASE_URL"], postgres_schema=schema)
    try:
        _upgrade(engine, "0011")
        yield engine
    finally:
        engine.dispose()
        with admin.begin() as connection:
            connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


def _upgrade(engine: Engine, revision: str) -> None:
    config = Config(str(INI))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def _old_log(engine: Engine) -> None:
    """Two MoUs' events and an action on none, interleaved, in the old single SHA-256 chain."""
    entries = [
        ("hkte-qianhai-2025", 1, 0, "created"),
        ("hkte-nansha-2025", 1, 0, "created"),
        (None, None, None, "party_created"),
        ("hkte-qianhai-2025", 2, 0, "submitted"),
    ]
    previous = "0" * 64
    with engine.begin() as connection:
        for entry_id, (mou_id, seq, position, what) in enumerate(entries, start=1):
            row: dict[str, Any] = dict.fromkeys(OLD_FIELDS)
            row.update(at=AT, mou_id=mou_id, seq=seq, position=position, what=what, detail=what, prev_hash=previous)
            canonical = {name: AT.isoformat() if name == "at" else row[name] for name in OLD_FIELDS}
            text_ = json.dumps(canonical, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
            row.update(id=entry_id, hash=hashlib.sha256(text_.encode()).hexdigest())
            columns = ", ".join(row)
            connection.execute(
                text(f"INSERT INTO audit_log ({columns}) VALUES ({', '.join(':' + c for c in row)})"), row
            )
            previous = row["hash"]
            if mou_id is not None:
                _old_event(connection, mou_id, seq, position, what)
        connection.execute(text("UPDATE audit_head SET last_id = 4, last_hash = :h"), {"h": previous})


def _old_event(connection: Any, mou_id: str, seq: int, position: int, what: str) -> None:
    if seq == 1:
        connection.execute(
            text(
                "INSERT INTO mous (id, workflow_id, stage, title_en, title_zh, owner_party_id, party_ids,"
                " current_version, has_overdue, last_seq, status, updated_at)"
                " VALUES (:id, :id, 'drafting', 't', 't', 'hkte', '[]', 1, false, 1, '{}', :at)"
            ),
            {"id": mou_id, "at": AT},
        )
    words = json.dumps(WORDS) if what == "submitted" else None
    connection.execute(
        text(
            "INSERT INTO mou_events (mou_id, seq, position, kind, at, detail, words)"
            " VALUES (:mou_id, :seq, :position, :kind, :at, :detail, :words)"
        ),
        {"mou_id": mou_id, "seq": seq, "position": position, "kind": what, "at": AT, "detail": what, "words": words},
    )


def test_an_old_log_is_rekeyed_into_a_chain_per_mou(at_0011: Engine) -> None:
    _old_log(at_0011)
    create_schema(at_0011, audit_key=TEST_AUDIT_KEY)
    with session_factory(at_0011, audit_key=TEST_AUDIT_KEY)() as session:
        result = verify_chain(session=session)
        assert result.ok, result.reason
        assert result.reason == "all 4 entries are intact, in the 3 chains the anchor registered"
        assert verify_mou_chain(session=session, mou_id="hkte-qianhai-2025").checked == 2
        chains = session.execute(select(AuditRow.chain, AuditRow.chain_seq).order_by(AuditRow.id)).all()
        assert chains == [("hkte-qianhai-2025", 1), ("hkte-nansha-2025", 1), ("", 1), ("hkte-qianhai-2025", 2)]
        assert [event.words for event in list_events(session=session, mou_id="hkte-qianhai-2025")] == [None, WORDS]
    with session_factory(at_0011, audit_key=b"another key")() as session:
        assert not verify_chain(session=session).ok


def test_an_altered_old_log_is_not_rekeyed(at_0011: Engine) -> None:
    _old_log(at_0011)
    with at_0011.begin() as connection:
        connection.execute(text("UPDATE audit_log SET detail = 'nothing' WHERE id = 2"))
    with pytest.raises(RuntimeError, match="does not verify at entry 2"):
        create_schema(at_0011, audit_key=TEST_AUDIT_KEY)


def test_rekeying_needs_the_key(at_0011: Engine) -> None:
    _old_log(at_0011)
    with pytest.raises(RuntimeError, match="needs its key"):
        create_schema(at_0011)


def test_an_old_log_whose_newest_entries_were_removed_is_not_rekeyed(at_0011: Engine) -> None:
    _old_log(at_0011)
    with at_0011.begin() as connection:
        connection.execute(text("DELETE FROM audit_log WHERE id = 4"))
    with pytest.raises(RuntimeError, match="names entry 4 as the newest"):
        create_schema(at_0011, audit_key=TEST_AUDIT_KEY)


def test_a_short_audit_key_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 32 bytes"):
        audit_key(Settings(audit_key=SecretStr("too short")))
