"""POST /mous/{id}/submit: a text changed in one language only since the version last submitted for review
is confirmed by the officer (`confirm_one_language`), since both languages are equally authentic."""

from typing import Any

import httpx

from mouflow.domain.actions import Submit
from mouflow.domain.enums import Role
from tests.api.conftest import Users
from tests.api.revisions import CONTENT, MOU, call, second_version, two_versions

SUBMIT = f"/mous/{MOU}/submit"


async def submit(api: httpx.AsyncClient, users: Users, body: dict[str, Any]) -> httpx.Response:
    return await api.post(SUBMIT, json=body, headers=users.headers("hkte", Role.OFFICER))


async def status(api: httpx.AsyncClient, users: Users) -> dict[str, Any]:
    result: dict[str, Any] = await call(api, users, "GET", f"/mous/{MOU}", "hkte")
    return result


async def test_an_english_only_change_is_refused_unconfirmed_naming_the_field(
    api: httpx.AsyncClient, users: Users
) -> None:
    await two_versions(api, users)  # version 2 changes clause 2's text in English only
    before = await status(api, users)
    for body in ({"version": 2}, {"version": 2, "confirm_one_language": False}):
        response = await submit(api, users, body)
        assert response.status_code == 422, response.text
        refusal = response.json()
        assert refusal["error"] == "invalid_input" and refusal["field"] == "confirm_one_language"
        assert "since version 1" in refusal["detail"] and "clause 2 text, in English only" in refusal["detail"]
    after = await status(api, users)
    assert after["stage"] == "drafting" and after == before  # nothing changed


async def test_the_confirmation_lets_the_submit_through(api: httpx.AsyncClient, users: Users) -> None:
    await two_versions(api, users)
    response = await submit(api, users, {"version": 2, "review_days": 7, "confirm_one_language": True})
    assert response.status_code == 200, response.text
    assert response.json()["stage"] == "in_review"


async def test_a_change_in_both_languages_needs_no_confirmation(api: httpx.AsyncClient, users: Users) -> None:
    await two_versions(api, users)
    both = second_version()
    clauses = [dict(clause) for clause in both["clauses"]]
    clauses[1] = {**clauses[1], "text": {"en": clauses[1]["text"]["en"], "zh": "雙方每年舉辦兩次聯合招聘活動。"}}
    await call(
        api, users, "PUT", f"/mous/{MOU}/draft", "hkte", {"base_version": 2, "content": {**both, "clauses": clauses}}
    )
    response = await submit(api, users, {"version": 3})  # compared with version 1, the last submitted
    assert response.status_code == 200, response.text


async def test_the_first_submit_needs_none(api: httpx.AsyncClient, users: Users) -> None:
    await call(api, users, "POST", "/mous", "hkte", {"mou_id": MOU, "partner_ids": ["qianhai"], "content": CONTENT})
    english_only = {**CONTENT, "title": {**CONTENT["title"], "en": "A new English title"}}
    await call(api, users, "PUT", f"/mous/{MOU}/draft", "hkte", {"base_version": 1, "content": english_only})
    response = await submit(api, users, {"version": 2})  # never submitted before: nothing to compare with
    assert response.status_code == 200, response.text


async def test_a_submit_the_workflow_refuses_keeps_its_own_refusal(api: httpx.AsyncClient, users: Users) -> None:
    await two_versions(api, users)
    stale = await submit(api, users, {"version": 1})
    assert stale.status_code == 409 and stale.json()["error"] == "stale_version"
    viewer = await api.post(SUBMIT, json={"version": 2}, headers=users.headers("hkte", Role.VIEWER))
    assert viewer.status_code == 403


def test_the_confirmation_is_in_the_openapi_not_in_the_workflows_action() -> None:
    from api.main import create_app  # as tests/api/test_redline_http.py does: the app made only here

    schema = create_app().openapi()
    operation = schema["paths"]["/mous/{mou_id}/submit"]["post"]
    ref = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
    assert "confirm_one_language" in schema["components"]["schemas"][ref]["properties"]
    assert "confirm_one_language" not in Submit.model_fields  # the workflow's payload, and so its history, as before
