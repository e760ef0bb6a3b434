"""What a write costs the database before and after its Update (bench/write_steps.py): the MoU's row read
once, with the access check and the one-language check in one checkout, and the answer kept in a second."""

import re
import uuid

import httpx
import pytest
from sqlalchemy import event
from sqlalchemy.orm import Session, sessionmaker
from temporalio.client import Client, WorkflowHandle

from api.main import create_app
from mouflow.demo import QIANHAI, symposium_mou
from mouflow.domain import drafting
from mouflow.domain.enums import Role
from mouflow.domain.rules import CURRENT_RULES
from mouflow.domain.summaries import MouSummary, summarize
from mouflow.store.db import session_scope
from mouflow.store.projection import record_transition
from mouflow.transitions import transition_of
from tests.api.conftest import make_users
from tests.conftest import TEST_SETTINGS
from tests.domain.builders import T0

MOU = "hkte-qianhai-2025"


def started(sessions: sessionmaker[Session]) -> MouSummary:
    state, events = drafting.start_mou(symposium_mou(QIANHAI, MOU), T0, CURRENT_RULES)
    state.seq = 1
    with session_scope(sessions) as session:
        record_transition(session=session, transition=transition_of(f"mou-{MOU}", state, events))
    return summarize(state)


async def test_a_submit_reads_the_mou_once_in_two_checkouts(
    sessions: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    headers = make_users(sessions).headers("hkte", Role.OFFICER) | {"Idempotency-Key": uuid.uuid4().hex}
    summary = started(sessions)

    async def accepted(*_: object, **__: object) -> MouSummary:
        return summary  # the Update is Temporal's own round trip; this counts only what the API adds

    monkeypatch.setattr(WorkflowHandle, "execute_update", accepted)
    statements: list[str] = []
    checkouts: list[object] = []
    engine = sessions.kw["bind"]
    temporal = await Client.connect("127.0.0.1:1", lazy=True)  # never reached: the Update is the fake above
    app = create_app(TEST_SETTINGS, sessions=sessions, temporal=temporal)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://mouflow.test") as client:
        await client.get("/mous", headers=headers)  # the token is remembered from here on
        event.listen(engine, "before_cursor_execute", lambda _c, _k, statement, *_: statements.append(statement))
        event.listen(engine.pool, "checkout", lambda *args: checkouts.append(args))
        response = await client.post(f"/mous/{MOU}/submit", json={"version": 1}, headers=headers)
    assert response.status_code == 200, response.text
    assert len(checkouts) == 2
    assert sum(re.search(r"FROM mous\s", statement) is not None for statement in statements) == 1
