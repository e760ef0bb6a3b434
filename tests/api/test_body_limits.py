"""A body is judged before any route parses it: too large (413), compressed (415), JSON that cannot be read
(400), control characters and bidirectional overrides in text (422), each in the API's error envelope, and
nothing changes."""

import httpx

from mouflow.domain.enums import Role
from tests.api.conftest import Users
from tests.web.helpers import CONTENT

START = "/mous"


def officer(users: Users) -> dict[str, str]:
    return users.headers("hkte", Role.OFFICER) | {"content-type": "application/json"}


async def listed(api: httpx.AsyncClient, users: Users) -> list[object]:
    return list((await api.get("/mous", headers=users.headers("hkte", Role.MANAGER))).json()["items"])


async def test_a_body_over_the_cap_is_refused_before_it_is_read(api: httpx.AsyncClient, users: Users) -> None:
    big = b"[" + b"1," * (10 * 1024 * 1024) + b"1]"  # 20 MB of JSON
    response = await api.post(START, content=big, headers=officer(users))
    assert response.status_code == 413 and response.json()["error"] == "too_large"

    async def chunks():  # type: ignore[no-untyped-def]  no Content-Length: counted as it arrives
        for _ in range(40):
            yield b" " * 64 * 1024

    streamed = await api.post(START, content=chunks(), headers=officer(users))
    assert streamed.status_code == 413 and "1024 KB" in streamed.json()["detail"]


async def test_a_compressed_body_is_refused_not_ignored(api: httpx.AsyncClient, users: Users) -> None:
    headers = officer(users) | {"content-encoding": "gzip"}
    response = await api.post(START, content=b"\x1f\x8b\x08\x00", headers=headers)
    assert response.status_code == 415 and response.json()["field"] == "Content-Encoding"


async def test_json_that_cannot_be_read_says_why(api: httpx.AsyncClient, users: Users) -> None:
    for body, says in (
        (b'{"mou_id": "\xff\xfe"}', "not UTF-8"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deep"),
        (b'{"term_months": ' + b"9" * 5000 + b"}", "not JSON that can be read"),
    ):
        response = await api.post(START, content=body, headers=officer(users))
        assert response.status_code == 400, response.text
        assert response.json()["error"] == "invalid_body" and says in response.json()["detail"]
    assert await listed(api, users) == []


async def test_a_control_character_in_text_is_refused_naming_the_field(api: httpx.AsyncClient, users: Users) -> None:
    for control in ("\x00", "\x1b[2J", "\x9b"):  # NUL, a terminal escape, its 8-bit form
        title = dict(CONTENT["title"]) | {"en": f"MoU{control} on talent"}
        body = {"mou_id": "hkte-qianhai-2025", "partner_ids": ["qianhai"], "content": CONTENT | {"title": title}}
        response = await api.post(START, json=body, headers=officer(users))
        assert response.status_code == 422 and response.json()["field"] == "content.title.en", response.text
    title = dict(CONTENT["title"]) | {"en": "MoU\x00 on talent"}
    body = {"mou_id": "hkte-qianhai-2025", "partner_ids": ["qianhai"], "content": CONTENT | {"title": title}}
    response = await api.post(START, json=body, headers=officer(users))
    assert response.status_code == 422, response.text
    assert response.json()["field"] == "content.title.en"
    assert await listed(api, users) == []
    lines = CONTENT | {"clauses": [CONTENT["clauses"][0] | {"text": {"en": "One\n\tTwo\r\n", "zh": "一"}}]}
    allowed = await api.post(START, json=body | {"content": lines}, headers=officer(users))
    assert allowed.status_code == 201, allowed.text  # tab and line breaks stay: a clause has lines


async def test_a_bidirectional_override_in_text_is_refused_naming_the_field(
    api: httpx.AsyncClient, users: Users
) -> None:
    # U+202E shows what follows it right to left: a clause could read otherwise than it is stored and signed
    for override in ("\u202a", "\u202e", "\u2066", "\u2069"):
        clause = CONTENT["clauses"][0] | {"text": {"en": f"Pay {override}01$ HKD", "zh": "一"}}
        body = {"mou_id": "hkte-qianhai-2025", "partner_ids": ["qianhai"], "content": CONTENT | {"clauses": [clause]}}
        response = await api.post(START, json=body, headers=officer(users))
        assert response.status_code == 422, response.text
        assert response.json()["field"] == "content.clauses[0].text.en"
    assert await listed(api, users) == []
    marked = CONTENT | {"title": CONTENT["title"] | {"en": "MoU \u200f on talent"}}  # a mark only marks: kept
    allowed = await api.post(START, json=body | {"content": marked}, headers=officer(users))
    assert allowed.status_code == 201, allowed.text
