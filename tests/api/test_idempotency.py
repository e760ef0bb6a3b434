"""Idempotency-Key: a retried write gets the first answer and never makes a second transition."""

import asyncio

import httpx
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, sessionmaker

from mouflow.domain.enums import Role
from mouflow.store.audit_tables import AuditRow
from mouflow.store.db import session_scope
from mouflow.store.idempotency import IdempotentAnswerRow
from mouflow.store.tables import MouRow
from tests.api.conftest import Users
from tests.api.test_access_matrix import CONTENT, MOU, prepare

START = {"partner_ids": ["qianhai"], "content": CONTENT}


def keyed(users: Users, key: str, party: str = "hkte") -> dict[str, str]:
    return {**users.headers(party, Role.OFFICER), "Idempotency-Key": key}


def audit_count(sessions: sessionmaker[Session], what: str) -> int:
    with session_scope(sessions) as session:
        return session.scalar(select(func.count()).select_from(AuditRow).where(AuditRow.what == what)) or 0


async def test_a_retried_write_gets_the_first_answer(
    api: httpx.AsyncClient, users: Users, sessions: sessionmaker[Session]
) -> None:
    await prepare(api, users)
    review = {"version": 1, "decision": "approve"}
    first = await api.post(f"{MOU}/reviews", json=review, headers=keyed(users, "review-1", "qianhai"))
    again = await api.post(f"{MOU}/reviews", json=review, headers=keyed(users, "review-1", "qianhai"))
    assert first.status_code == again.status_code == 200, again.text
    assert again.json() == first.json()
    assert audit_count(sessions, "reviewed") == 1
    # without the key the same request is a second action, which the rules refuse
    refused = await api.post(f"{MOU}/reviews", json=review, headers=users.headers("qianhai", Role.OFFICER))
    assert refused.status_code == 409, refused.text


async def test_the_same_key_with_another_request_is_refused(
    api: httpx.AsyncClient, users: Users, sessions: sessionmaker[Session]
) -> None:
    await prepare(api, users)
    headers = keyed(users, "k-1", "qianhai")
    assert (await api.post(f"{MOU}/reviews", json={"version": 1, "decision": "approve"}, headers=headers)).is_success
    other = await api.post(f"{MOU}/reviews", json={"version": 1, "decision": "request_changes"}, headers=headers)
    assert other.status_code == 422 and "different request" in other.json()["detail"], other.text
    assert audit_count(sessions, "reviewed") == 1
    # keys are per user: another user may use the same key for a request of their own
    own = await api.post(f"{MOU}/reviews", json={"version": 1, "decision": "approve"}, headers=keyed(users, "k-1"))
    assert own.status_code == 200, own.text


async def test_concurrent_retries_make_one_transition(
    api: httpx.AsyncClient, users: Users, sessions: sessionmaker[Session]
) -> None:
    await prepare(api, users)
    review = {"version": 1, "decision": "approve"}
    answers = await asyncio.gather(
        *(api.post(f"{MOU}/reviews", json=review, headers=keyed(users, "same", "qianhai")) for _ in range(4))
    )
    assert [answer.status_code for answer in answers] == [200] * 4, [answer.text for answer in answers]
    assert len({answer.text for answer in answers}) == 1
    assert audit_count(sessions, "reviewed") == 1


async def test_a_write_recorded_before_its_answer_was_kept_is_not_applied_again(
    api: httpx.AsyncClient, users: Users, sessions: sessionmaker[Session]
) -> None:
    """The API died after the store recorded the transition and before it kept the answer."""
    await prepare(api, users)
    withdraw = {"reason": "Scope merged into the Nansha MoU"}
    first = await api.post(f"{MOU}/withdrawal", json=withdraw, headers=keyed(users, "withdraw-1"))
    with session_scope(sessions) as session:
        session.execute(delete(IdempotentAnswerRow))
    again = await api.post(f"{MOU}/withdrawal", json=withdraw, headers=keyed(users, "withdraw-1"))
    assert first.status_code == again.status_code == 200, again.text
    assert again.json()["stage"] == "withdrawn"
    assert audit_count(sessions, "withdrawn") == 1


async def test_a_retried_start_starts_one_mou(
    api: httpx.AsyncClient, users: Users, sessions: sessionmaker[Session]
) -> None:
    first = await api.post("/mous", json=START, headers=keyed(users, "start-1"))
    with session_scope(sessions) as session:
        session.execute(delete(IdempotentAnswerRow))  # as if the API died before keeping the answer
    again = await api.post("/mous", json=START, headers=keyed(users, "start-1"))
    assert first.status_code == again.status_code == 201, again.text
    assert again.json()["mou_id"] == first.json()["mou_id"]
    with session_scope(sessions) as session:
        assert session.scalar(select(func.count()).select_from(MouRow)) == 1
    other = await api.post("/mous", json=START, headers=keyed(users, "start-2"))  # a new key: a new MoU
    assert other.status_code == 201 and other.json()["mou_id"] != first.json()["mou_id"], other.text


async def test_a_retried_start_of_an_mou_that_has_ended_answers_from_the_store(
    api: httpx.AsyncClient, users: Users, sessions: sessionmaker[Session]
) -> None:
    """Lost answer, and the MoU withdrawn since: the retry must not start its workflow again."""
    first = await api.post("/mous", json=START, headers=keyed(users, "start-then-end"))
    mou = f"/mous/{first.json()['mou_id']}"
    withdrawn = await api.post(f"{mou}/withdrawal", json={"reason": "Merged"}, headers=keyed(users, "end-1"))
    assert withdrawn.status_code == 200, withdrawn.text
    with session_scope(sessions) as session:
        session.execute(delete(IdempotentAnswerRow))
    again = await api.post("/mous", json=START, headers=keyed(users, "start-then-end"))
    assert again.status_code == 201 and again.json()["mou_id"] == first.json()["mou_id"], again.text
    assert (await api.get(mou, headers=users.headers("hkte", Role.OFFICER))).json()["stage"] == "withdrawn"
    assert audit_count(sessions, "started") == 1


async def test_an_mou_id_the_store_knows_is_refused_even_when_temporal_forgot_it(
    api: httpx.AsyncClient, users: Users
) -> None:
    first = await api.post(
        "/mous", json={**START, "mou_id": "hkte-reused"}, headers=users.headers("hkte", Role.OFFICER)
    )
    assert first.status_code == 201, first.text
    again = await api.post(
        "/mous", json={**START, "mou_id": "hkte-reused"}, headers=users.headers("hkte", Role.OFFICER)
    )
    assert again.status_code == 409 and "exists already" in again.json()["detail"], again.text


async def test_malformed_keys_are_refused(api: httpx.AsyncClient, users: Users) -> None:
    await prepare(api, users)
    for key in ("has space", "x" * 101, ""):
        response = await api.post(
            f"{MOU}/reviews", json={"version": 1, "decision": "approve"}, headers=keyed(users, key, "qianhai")
        )
        assert response.status_code == 422 and "Idempotency-Key" in response.text, response.text
