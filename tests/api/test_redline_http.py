"""GET /mous/{id}/diff: the redline between two draft versions, by default since the party's last review."""

import httpx
import pytest

from mouflow.domain.enums import Role
from tests.api.conftest import Users
from tests.api.revisions import MOU, TWICE_A_YEAR, call, two_versions


async def diff(api: httpx.AsyncClient, users: Users, query: str, party: str = "qianhai") -> httpx.Response:
    return await api.get(f"/mous/{MOU}/diff{query}", headers=users.headers(party, Role.OFFICER))


async def test_the_redline_shows_what_version_2_changed(api: httpx.AsyncClient, users: Users) -> None:
    await two_versions(api, users)
    response = await diff(api, users, "?from=1&to=2")
    assert response.status_code == 200, response.text
    redline = response.json()
    assert redline["changed"] and redline["term_months"] == {"old": 36, "new": 48}
    statuses = [(c["status"], c["old_number"], c["new_number"]) for c in redline["clauses"]]
    assert statuses == [("unchanged", 1, 1), ("changed", 2, 2), ("added", None, 3)]
    changed = redline["clauses"][1]
    assert changed["one_language_only"] and changed["text"]["changed_languages"] == ["en"]
    assert any(s["op"] == "insert" and "twice a year" in s["text"] for s in changed["text"]["en"])
    new_text = "".join(s["text"] for s in changed["text"]["en"] if s["op"] != "delete")
    assert new_text == TWICE_A_YEAR
    assert redline["one_language_changes"] == [
        {"part": "clause_text", "language": "en", "old_number": 2, "new_number": 2, "milestone_id": None}
    ]
    review = [m for m in redline["milestones"] if m["id"] == "annual-review"][0]
    assert review["status"] == "changed" and review["due"]["new"]["offset_months"] == 18


async def test_by_default_it_is_since_the_partys_last_review_to_the_latest(
    api: httpx.AsyncClient, users: Users
) -> None:
    await two_versions(api, users)
    default, explicit = await diff(api, users, ""), await diff(api, users, "?from=1&to=2")
    assert default.status_code == 200 and default.json() == explicit.json()
    await call(api, users, "POST", f"/mous/{MOU}/submit", "hkte", {"version": 2, "confirm_one_language": True})
    await call(api, users, "POST", f"/mous/{MOU}/reviews", "qianhai", {"version": 2, "decision": "approve"})
    # Qianhai has reviewed the latest itself: what the latest changed, not an empty redline
    assert (await diff(api, users, "")).json() == explicit.json()
    same = await diff(api, users, "?from=2&to=2")
    assert same.status_code == 200 and not same.json()["changed"]


async def test_another_partys_mou_is_not_found(api: httpx.AsyncClient, users: Users) -> None:
    await two_versions(api, users)
    for party in ("nansha", "macao-talent"):
        response = await diff(api, users, "?from=1&to=2", party)
        assert response.status_code == 404 and response.json() == {
            "error": "not_found",
            "detail": f"there is no MoU '{MOU}'",
        }
    response = await api.get(f"/mous/{MOU}/diff", headers=users.headers("hkte", Role.MANAGER))
    assert response.status_code == 200  # an agency manager audits every MoU


@pytest.mark.parametrize(
    "query, status, field",
    [
        ("?from=3", 422, "from"),
        ("?to=3", 422, "to"),
        ("?from=2&to=1", 422, "from"),
        ("?from=0", 422, "from"),
        ("?from=two", 422, "from"),
        ("?to=1.5", 422, "to"),
        ("?from=99999999999", 422, "from"),
    ],
)
async def test_bad_versions_are_refused_in_words(
    api: httpx.AsyncClient, users: Users, query: str, status: int, field: str
) -> None:
    await two_versions(api, users)
    response = await diff(api, users, query)
    assert response.status_code == status, response.text
    body = response.json()
    assert body["error"] == "invalid_input" and body["field"] == field and body["detail"]


async def test_an_unknown_mou_is_not_found(api: httpx.AsyncClient, users: Users) -> None:
    response = await api.get("/mous/nothing-here/diff?from=1&to=2", headers=users.headers("hkte", Role.OFFICER))
    assert response.status_code == 404 and response.json()["error"] == "not_found"


def test_the_redline_is_in_the_openapi() -> None:
    from api.main import create_app

    openapi = create_app().openapi()
    operation = openapi["paths"]["/mous/{mou_id}/diff"]["get"]
    schema = operation["responses"]["200"]["content"]["application/json"]["schema"]
    assert schema == {"$ref": "#/components/schemas/CommentedRedline"}
    fields = openapi["components"]["schemas"]["CommentedRedline"]["properties"]
    assert {"clauses", "milestones", "one_language_changes", "comments"} <= set(fields)
    assert {p["name"] for p in operation["parameters"]} == {"mou_id", "from", "to"}
    assert {"get"} <= set(openapi["paths"]["/mous/{mou_id}/comments"])
    assert {"post"} <= set(openapi["paths"]["/mous/{mou_id}/comments/{comment_id}/answer"])
