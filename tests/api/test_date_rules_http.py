"""Dates that once broke an MoU for good are refused at once with a 422 naming the field; an approved
version goes back to drafting only by an explicit reopen."""

import httpx
from sqlalchemy.orm import Session, sessionmaker

from mouflow.domain.enums import Role
from tests.api.conftest import Users
from tests.api.test_access_matrix import CONTENT, MOU, prepare
from tests.api.test_bad_input import snapshot

FAR_MILESTONE = {
    "id": "far-away",
    "title": {"en": "Far", "zh": "遠"},
    "owner_party_id": "hkte",
    "due_date": "9999-12-31",
}


async def refused_with(api: httpx.AsyncClient, users: Users, method: str, path: str, body: object) -> dict:
    response = await api.request(method, path, json=body, headers=users.headers("hkte", Role.OFFICER))
    assert response.status_code == 422, response.text
    return response.json()


async def approved(api: httpx.AsyncClient, users: Users) -> None:
    await prepare(api, users)
    for party in ("hkte", "qianhai"):
        body = {"version": 1, "decision": "approve"}
        response = await api.post(f"{MOU}/reviews", json=body, headers=users.headers(party, Role.OFFICER))
        assert response.status_code == 200, response.text


async def test_far_dates_are_refused_naming_the_field(
    api: httpx.AsyncClient, users: Users, sessions: sessionmaker[Session]
) -> None:
    for effective, says in (("9999-06-01", "less than or equal to 2199-12-31"), ("2199-06-01", "outside the window")):
        content = {**CONTENT, "effective_date": effective}
        answer = await refused_with(api, users, "POST", "/mous", {"partner_ids": ["qianhai"], "content": content})
        assert answer["field"] == "content.effective_date" and says in answer["detail"], answer
    await approved(api, users)
    before = snapshot(sessions)
    for starts_at, says in (
        ("9999-12-31T23:00:00+08:00", "between the years"),
        ("2199-12-31T23:00:00+08:00", "too far"),
    ):
        ceremony = {"starts_at": starts_at, "venue": {"en": "Tamar", "zh": "添馬"}}
        answer = await refused_with(api, users, "POST", f"{MOU}/ceremony", ceremony)
        assert answer["field"] == "starts_at" and says in answer["detail"], answer
    assert snapshot(sessions) == before


async def test_a_milestone_due_outside_the_term_is_refused(api: httpx.AsyncClient, users: Users) -> None:
    await prepare(api, users)
    cases = (
        ("9999-12-31", "content.milestones.0.due_date", "less than or equal to 2199-12-31"),
        ("2150-12-31", "content.milestones[0]", "outside the term"),
    )
    for due, field, says in cases:
        draft = {"base_version": 1, "content": {**CONTENT, "milestones": [{**FAR_MILESTONE, "due_date": due}]}}
        answer = await refused_with(api, users, "PUT", f"{MOU}/draft", draft)
        assert answer["field"] == field and says in answer["detail"], answer


async def test_an_approved_version_is_reopened_explicitly(api: httpx.AsyncClient, users: Users) -> None:
    await approved(api, users)
    hkte = users.headers("hkte", Role.OFFICER)
    silent = await api.put(f"{MOU}/draft", json={"base_version": 1, "content": CONTENT}, headers=hkte)
    assert silent.status_code == 409 and "reopen it to drafting first" in silent.json()["detail"]
    partner = await api.post(f"{MOU}/reopening", json={"reason": "x"}, headers=users.headers("qianhai", Role.OFFICER))
    assert partner.status_code == 403
    reopened = await api.post(f"{MOU}/reopening", json={"reason": "A late change from Qianhai"}, headers=hkte)
    assert reopened.status_code == 200 and reopened.json()["stage"] == "drafting"
    assert reopened.json()["approved_version"] is None
    revised = await api.put(f"{MOU}/draft", json={"base_version": 1, "content": CONTENT}, headers=hkte)
    assert revised.status_code == 200 and revised.json()["current_version"] == 2
