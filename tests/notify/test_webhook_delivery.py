"""Webhooks end to end: the API registers them, MoU actions fill the outbox, the worker delivers,
a local receiver checks every signature, and every attempt is on record."""

from collections import Counter

import httpx
from sqlalchemy.orm import Session, sessionmaker
from temporalio.testing import WorkflowEnvironment

from mouflow.domain.enums import Role
from tests.api.conftest import Users
from tests.notify import flow
from tests.notify.receiver import Receiver, receiving


async def register(
    api: httpx.AsyncClient, users: Users, receiver: Receiver, party: str, path: str, events: list[str]
) -> str:
    body = {"url": receiver.base_url + path, "events": events}
    response = await api.post(f"/parties/{party}/webhooks", json=body, headers=users.headers(party, Role.OFFICER))
    assert response.status_code == 201, response.text
    receiver.secrets[path] = response.json()["secret"]
    return str(response.json()["id"])


async def test_each_party_gets_its_events_once_each_signed(
    api: httpx.AsyncClient, users: Users, time_env: WorkflowEnvironment, sessions: sessionmaker[Session]
) -> None:
    with receiving() as receiver:
        hkte = await register(api, users, receiver, "hkte", "/hkte", [])
        await register(api, users, receiver, "qianhai", "/qianhai", ["signed", "in_force"])
        await register(api, users, receiver, "nansha", "/nansha", [])  # not a party to this MoU
        await flow.start_and_submit(api, users)
        await flow.approve_and_sign(api, users, time_env)
        outbox = await flow.settle(time_env.client, sessions)

        every = Counter(row.type for row in outbox)
        assert every == {
            "submitted_for_review": 1,
            "review_recorded": 2,
            "ceremony_scheduled": 1,
            "signed": 2,
            "in_force": 1,
        }
        assert Counter(r.event for r in receiver.on("/hkte")) == every
        assert Counter(r.event for r in receiver.on("/qianhai")) == {"signed": 2, "in_force": 1}
        assert receiver.on("/nansha") == []
        assert all(request.signed for request in receiver.received)
        delivery_ids = [request.delivery_id for request in receiver.received]
        assert len(delivery_ids) == len(set(delivery_ids)) == 10  # exactly once per delivery

        listed = await api.get(f"/parties/hkte/webhooks/{hkte}/deliveries", headers=users.headers("hkte", Role.MANAGER))
        assert listed.status_code == 200
        assert len(listed.json()) == 7 and {d["status"] for d in listed.json()} == {"delivered"}
        assert all(
            [a["attempt"] for a in d["attempt_log"]] == [1] and d["attempt_log"][0]["status_code"] == 200
            for d in listed.json()
        )


async def test_a_failing_receiver_is_retried_and_a_gone_one_is_not(
    api: httpx.AsyncClient, users: Users, time_env: WorkflowEnvironment, sessions: sessionmaker[Session]
) -> None:
    with receiving() as receiver:
        receiver.script = {"/flaky": [500, 500], "/gone": [410], "/bad": [400]}
        flaky = await register(api, users, receiver, "hkte", "/flaky", ["submitted_for_review"])
        gone = await register(api, users, receiver, "qianhai", "/gone", ["submitted_for_review"])
        bad = await register(api, users, receiver, "qianhai", "/bad", ["submitted_for_review"])
        await flow.start_and_submit(api, users)
        (submitted,) = await flow.settle(time_env.client, sessions)  # time skips through the backoff

        found = flow.deliveries(sessions)
        row, attempts = found[f"{submitted.id}.webhook.{flaky}"]
        assert (row.status, row.attempts, row.delivered_at is not None) == ("delivered", 3, True)
        assert [(a.attempt, a.status_code) for a in attempts] == [(1, 500), (2, 500), (3, 200)]
        assert attempts[0].error == "the receiver answered 500 Internal Server Error" and attempts[2].error is None
        requests = receiver.on("/flaky")
        assert (
            len(requests) == 3 and len({r.body for r in requests}) == 1 and len({r.delivery_id for r in requests}) == 1
        )
        for webhook, path, code in ((gone, "/gone", 410), (bad, "/bad", 400)):
            row, attempts = found[f"{submitted.id}.webhook.{webhook}"]
            assert (row.status, [a.status_code for a in attempts]) == ("failed", [code])
            assert len(receiver.on(path)) == 1  # no retry after a final refusal
