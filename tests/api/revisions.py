"""An MoU with two draft versions, made over HTTP as officers make them: HKTE starts the Qianhai MoU, Qianhai
asks for changes to version 1, and HKTE's version 2 changes a clause in English only, adds a clause, lengthens
the term and moves a milestone."""

from typing import Any

import httpx

from mouflow.domain.enums import Role
from tests import symposium as case
from tests.api.conftest import Users

MOU = "hkte-qianhai-2025"
CONTENT: dict[str, Any] = case.QIANHAI_MOU.content.model_dump(mode="json")
TWICE_A_YEAR = "The parties hold joint recruitment events twice a year and exchange information on talent policies."


def second_version() -> dict[str, Any]:
    clauses = [dict(clause) for clause in CONTENT["clauses"]]
    clauses[1] = {**clauses[1], "text": {**clauses[1]["text"], "en": TWICE_A_YEAR}}  # the Chinese left as it was
    milestones = [dict(m) for m in CONTENT["milestones"]]
    milestones[2] = {**milestones[2], "offset_months": 18}
    services = case.SERVICES_CLAUSE.model_dump(mode="json")
    return {**CONTENT, "term_months": 48, "clauses": [*clauses, services], "milestones": milestones}


async def call(api: httpx.AsyncClient, users: Users, method: str, path: str, party: str, body: object = None) -> Any:
    response = await api.request(method, path, headers=users.headers(party, Role.OFFICER), json=body)
    assert response.status_code in {200, 201}, f"{method} {path}: {response.status_code} {response.text}"
    return response.json()


async def two_versions(api: httpx.AsyncClient, users: Users, partner: str = "qianhai") -> None:
    """Version 2 in drafting; Qianhai and HKTE last reviewed version 1."""
    await call(api, users, "POST", "/mous", "hkte", {"mou_id": MOU, "partner_ids": [partner], "content": CONTENT})
    await call(api, users, "POST", f"/mous/{MOU}/submit", "hkte", {"version": 1})
    await call(api, users, "POST", f"/mous/{MOU}/reviews", "hkte", {"version": 1, "decision": "approve"})
    changes = {"version": 1, "decision": "request_changes", "comment": "Say how often the events are held"}
    await call(api, users, "POST", f"/mous/{MOU}/reviews", partner, changes)
    await call(api, users, "PUT", f"/mous/{MOU}/draft", "hkte", {"base_version": 1, "content": second_version()})


def third_version() -> dict[str, Any]:
    """Version 2 rearranged: the services clause first, joint activities gone, a scope area reworded in Chinese
    only, a milestone dropped and a longer notice."""
    second = second_version()
    purpose, _, services = second["clauses"]
    areas = [dict(area) for area in second["scope_areas"]]
    areas[3] = {**areas[3], "zh": "人才培養"}
    return {
        **second,
        "notice_months": 6,
        "scope_areas": areas,
        "clauses": [services, purpose],
        "milestones": second["milestones"][:2],
    }
