"""Starting MoUs from a text that exists: a copy of an MoU the officer sees (`copy_of`), and one text for
several partners (`POST /mous/batch`), one MoU each, checked all before any starts."""

import httpx
from sqlalchemy import delete
from sqlalchemy.orm import Session, sessionmaker

from mouflow.domain.enums import Role
from mouflow.store.db import session_scope
from mouflow.store.idempotency import IdempotentAnswerRow
from tests import symposium as case
from tests.api.conftest import Users

QIANHAI_CONTENT = case.QIANHAI_MOU.content.model_dump(mode="json")


def one_text() -> dict[str, object]:
    """The symposium's text, its partner's milestone owned by whichever partner each MoU has."""
    milestones = [
        {**m, "owner_party_id": "partner" if m["owner_party_id"] == "qianhai" else m["owner_party_id"]}
        for m in QIANHAI_CONTENT["milestones"]
    ]
    return {**QIANHAI_CONTENT, "milestones": milestones}


async def test_one_text_for_two_partners_starts_two_mous(api: httpx.AsyncClient, users: Users) -> None:
    officer = users.headers("hkte", Role.OFFICER)
    answer = await api.post(
        "/mous/batch", json={"partner_ids": ["qianhai", "nansha"], "content": one_text()}, headers=officer
    )
    assert answer.status_code == 201, answer.text
    started = answer.json()
    assert [s["mou_id"].rsplit("-", 1)[0] for s in started] == ["hkte-qianhai", "hkte-nansha"]
    for summary, partner in zip(started, ["qianhai", "nansha"], strict=True):
        mou = (await api.get(f"/mous/{summary['mou_id']}", headers=officer)).json()
        assert mou["party_ids"] == ["hkte", partner]
        draft = (await api.get(f"/mous/{summary['mou_id']}/versions/1", headers=officer)).json()
        assert (
            partner in {m["owner_party_id"] for m in draft["milestones"]}
            and draft["clauses"] == QIANHAI_CONTENT["clauses"]
        )


async def test_a_batch_with_a_bad_partner_starts_none(api: httpx.AsyncClient, users: Users) -> None:
    officer = users.headers("hkte", Role.OFFICER)
    for partners, status in ((["qianhai", "atlantis"], 400), (["qianhai", "qianhai"], 400), (["hkte"], 400)):
        answer = await api.post("/mous/batch", json={"partner_ids": partners, "content": one_text()}, headers=officer)
        assert answer.status_code in {status, 422}, answer.text
    assert (await api.get("/mous", headers=officer)).json()["items"] == []


async def test_a_partner_cannot_start_a_batch(api: httpx.AsyncClient, users: Users) -> None:
    body = {"partner_ids": ["nansha"], "content": one_text()}
    assert (await api.post("/mous/batch", json=body, headers=users.headers("qianhai", Role.OFFICER))).status_code == 403


async def test_a_retried_batch_starts_once(api: httpx.AsyncClient, users: Users) -> None:
    headers = users.headers("hkte", Role.OFFICER) | {"Idempotency-Key": "symposium-batch-1"}
    body = {"partner_ids": ["qianhai", "nansha"], "content": one_text()}
    first = await api.post("/mous/batch", json=body, headers=headers)
    again = await api.post("/mous/batch", json=body, headers=headers)
    assert first.status_code == again.status_code == 201
    assert [s["mou_id"] for s in first.json()] == [s["mou_id"] for s in again.json()]
    assert len((await api.get("/mous", headers=headers)).json()["items"]) == 2


async def test_copy_of_starts_from_the_latest_version(api: httpx.AsyncClient, users: Users) -> None:
    officer = users.headers("hkte", Role.OFFICER)
    body = {"mou_id": "hkte-qianhai-2025", "partner_ids": ["qianhai"], "content": QIANHAI_CONTENT}
    assert (await api.post("/mous", json=body, headers=officer)).status_code == 201
    revised = {**QIANHAI_CONTENT, "title": {"en": "Revised title", "zh": "修訂標題"}}
    put = await api.put("/mous/hkte-qianhai-2025/draft", json={"base_version": 1, "content": revised}, headers=officer)
    assert put.status_code == 200, put.text
    copy = {"mou_id": "hkte-qianhai-copy", "partner_ids": ["qianhai"], "copy_of": "hkte-qianhai-2025"}
    assert (await api.post("/mous", json=copy, headers=officer)).status_code == 201
    assert (await api.get("/mous/hkte-qianhai-copy/versions/1", headers=officer)).json() == revised
    both = {**copy, "mou_id": "hkte-qianhai-both", "content": QIANHAI_CONTENT}
    assert (await api.post("/mous", json=both, headers=officer)).status_code == 422
    unseen = {**copy, "mou_id": "hkte-qianhai-unseen", "copy_of": "hkte-nowhere"}
    assert (await api.post("/mous", json=unseen, headers=officer)).status_code == 404


async def test_a_retried_batch_whose_answer_was_lost_starts_no_second_mou(
    api: httpx.AsyncClient, users: Users, sessions: sessionmaker[Session]
) -> None:
    headers = users.headers("hkte", Role.OFFICER) | {"Idempotency-Key": "symposium-batch-2"}
    body = {"partner_ids": ["qianhai", "nansha"], "content": one_text()}
    first = await api.post("/mous/batch", json=body, headers=headers)
    assert first.status_code == 201, first.text
    with session_scope(sessions) as session:  # as if the API died after starting Nansha's, before keeping it
        session.execute(delete(IdempotentAnswerRow).where(IdempotentAnswerRow.key == "symposium-batch-2:nansha"))
    again = await api.post("/mous/batch", json=body, headers=headers)
    assert again.status_code == 201, again.text
    assert [s["mou_id"] for s in again.json()] == [s["mou_id"] for s in first.json()]
    ids = [item["mou_id"] for item in (await api.get("/mous", headers=headers)).json()["items"]]
    assert len(ids) == 2 and not any(mou_id.endswith("-2") for mou_id in ids), ids
