"""The API's JSON says numbers as numbers and yes/no as true/false: `"1"` and `true` are not a version, and
`1` is not true. Each is refused (422, naming the field) and changes nothing; a web form, whose fields are
text, still sends "1"."""

import httpx
import pytest

from mouflow.domain.enums import Role
from tests.api.conftest import Users
from tests.web.helpers import CONTENT

MOU = "hkte-qianhai-2025"


@pytest.mark.parametrize("version", [True, "1"])
async def test_a_version_must_be_a_number(api: httpx.AsyncClient, users: Users, version: object) -> None:
    officer = users.headers("hkte", Role.OFFICER)
    body = {"mou_id": MOU, "partner_ids": ["qianhai"], "content": CONTENT}
    assert (await api.post("/mous", json=body, headers=officer)).status_code == 201
    response = await api.put(f"/mous/{MOU}/draft", json={"base_version": version, "content": CONTENT}, headers=officer)
    assert response.status_code == 422, response.text
    assert response.json()["field"] == "base_version"
    status = (await api.get(f"/mous/{MOU}", headers=officer)).json()
    assert status["current_version"] == 1


@pytest.mark.parametrize("field, value", [("term_months", "24"), ("term_months", True), ("notice_months", "3")])
async def test_the_drafts_numbers_must_be_numbers(
    api: httpx.AsyncClient, users: Users, field: str, value: object
) -> None:
    body = {"mou_id": MOU, "partner_ids": ["qianhai"], "content": CONTENT | {field: value}}
    response = await api.post("/mous", json=body, headers=users.headers("hkte", Role.OFFICER))
    assert response.status_code == 422 and response.json()["field"] == f"content.{field}", response.text


async def test_yes_or_no_must_be_true_or_false(api: httpx.AsyncClient, users: Users) -> None:
    officer = users.headers("hkte", Role.OFFICER)
    body = {"mou_id": MOU, "partner_ids": ["qianhai"], "content": CONTENT}
    assert (await api.post("/mous", json=body, headers=officer)).status_code == 201
    submit = await api.post(f"/mous/{MOU}/submit", json={"version": 1, "confirm_one_language": 1}, headers=officer)
    assert submit.status_code == 422 and submit.json()["field"] == "confirm_one_language", submit.text
