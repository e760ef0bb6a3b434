"""Search finds a Chinese title in whichever script it is written, whichever script the query is typed in."""

import httpx

from mouflow.domain.enums import Role
from tests import symposium as case
from tests.api.conftest import Users

TITLES = {
    "hkte-qianhai-traditional": "香港與前海人才發展合作諒解備忘錄",
    "hkte-nansha-simplified": "香港与南沙人才发展合作谅解备忘录",
    "hkte-nansha-other": "香港與南沙青年就業合作諒解備忘錄",
}
FOUND = {"hkte-qianhai-traditional", "hkte-nansha-simplified"}


async def start_titled(api: httpx.AsyncClient, users: Users, mou_id: str, title_zh: str) -> None:
    content = (case.QIANHAI_MOU if "qianhai" in mou_id else case.NANSHA_MOU).content.model_dump(mode="json")
    body = {
        "mou_id": mou_id,
        "partner_ids": ["qianhai" if "qianhai" in mou_id else "nansha"],
        "content": {**content, "title": {"en": f"MoU {mou_id}", "zh": title_zh}},
    }
    answer = await api.post("/mous", json=body, headers=users.headers("hkte", Role.OFFICER))
    assert answer.status_code == 201, answer.text


async def found(api: httpx.AsyncClient, users: Users, query: str) -> set[str]:
    answer = await api.get("/mous", params={"q": query}, headers=users.headers("hkte", Role.MANAGER))
    assert answer.status_code == 200, answer.text
    return {mou["mou_id"] for mou in answer.json()["items"]}


async def test_simplified_and_traditional_queries_find_the_same_mous(api: httpx.AsyncClient, users: Users) -> None:
    for mou_id, title in TITLES.items():
        await start_titled(api, users, mou_id, title)
    assert await found(api, users, "人才发展") == FOUND  # Simplified
    assert await found(api, users, "人才發展") == FOUND  # Traditional
    assert await found(api, users, "谅解备忘录") == set(TITLES)
    assert await found(api, users, "就业") == {"hkte-nansha-other"}
    assert await found(api, users, "TALENT") == set()  # English titles still match without case
    assert await found(api, users, "mou hkte-nansha") == {"hkte-nansha-simplified", "hkte-nansha-other"}
