"""Every route, every role, own party against other party: who gets through, and who gets 403 or 404.

The MoU (HKTE with Qianhai) is under review. Write bodies carry a stale version or meet the wrong stage,
so a user who passes the access checks gets 409 and nothing changes; the one write that succeeds,
the owner's withdrawal, runs last.
"""

from datetime import UTC, datetime, timedelta

import httpx
import pytest

from mouflow.domain.enums import Role
from tests import symposium as case
from tests.api.conftest import Users

MOU = "/mous/hkte-qianhai-2025"
RELATION_PARTY = {"owner": "hkte", "partner": "qianhai", "outsider": "nansha"}
CONTENT = case.QIANHAI_MOU.content.model_dump(mode="json")
CEREMONY = case.ceremony(datetime.now(UTC) + timedelta(days=30)).model_dump(
    mode="json", exclude={"actor", "request_id"}
)
SIGNATURE = {"version": 99, "signatory": {"name_en": "A", "title_en": "B"}}
AMEND = {"milestones": [case.QIANHAI_MOU.content.milestones[0].model_dump(mode="json")], "reason": "more"}

# (method, path, body, relations whose officers pass the access checks)
WRITES = [
    ("PUT", f"{MOU}/draft", {"base_version": 99, "content": CONTENT}, {"owner"}),
    ("POST", f"{MOU}/submit", {"version": 99}, {"owner"}),
    ("POST", f"{MOU}/reviews", {"version": 99, "decision": "approve"}, {"owner", "partner"}),
    ("POST", f"{MOU}/ceremony", CEREMONY, {"owner"}),
    ("POST", f"{MOU}/signatures", SIGNATURE, {"owner", "partner"}),
    ("POST", f"{MOU}/milestones", AMEND, {"owner"}),
    ("POST", f"{MOU}/milestones/annual-review/progress", {"status": "done"}, {"owner", "partner"}),
    ("POST", f"{MOU}/milestones/joint-recruitment-fair/confirm", {}, {"owner", "partner"}),
    ("POST", f"{MOU}/renewal", {"renew": True}, {"owner", "partner"}),
    ("POST", f"{MOU}/termination", {"reason": "test"}, {"owner", "partner"}),
    ("POST", f"{MOU}/termination", {"reason": "test", "by": "agreement"}, {"owner", "partner"}),
    ("POST", f"{MOU}/reopening", {"reason": "test"}, {"owner"}),
    ("POST", f"{MOU}/signatures/voiding", {"reason": "test"}, {"owner"}),
    ("POST", f"{MOU}/withdrawal", {"reason": "test"}, {"owner"}),
]
MOU_READS = [f"{MOU}", f"{MOU}/versions/1", f"{MOU}/audit"]
MANAGER_READS = ["/audit", "/audit/verify", f"{MOU}/audit/verify", "/reports/milestones"]
ANYONE_READS = ["/mous", "/parties", "/healthz"]


def expected_write(relation: str, role: Role, allowed: set[str], path: str) -> set[int]:
    if relation == "outsider":
        return {404}  # the same answer as for an MoU that does not exist; the outsider is a partner region
    if role is Role.MANAGER:
        return {409} if path.endswith("/confirm") else {403}
    if role is not Role.OFFICER or relation not in allowed:
        return {403}
    return {200} if path.endswith("/withdrawal") else {409}


async def prepare(api: httpx.AsyncClient, users: Users) -> None:
    body = {"mou_id": "hkte-qianhai-2025", "partner_ids": ["qianhai"], "content": CONTENT}
    response = await api.post("/mous", json=body, headers=users.headers("hkte", Role.OFFICER))
    assert response.status_code == 201, response.text
    response = await api.post(f"{MOU}/submit", json={"version": 1}, headers=users.headers("hkte", Role.OFFICER))
    assert response.status_code == 200, response.text


async def test_access_matrix(api: httpx.AsyncClient, users: Users) -> None:
    await prepare(api, users)
    seen: list[str] = []
    for method, path, body, allowed in WRITES:
        combos = [(rel, role) for rel in RELATION_PARTY for role in Role]
        combos.sort(key=lambda combo: expected_write(combo[0], combo[1], allowed, path) == {200})  # success last
        for relation, role in combos:
            response = await api.request(method, path, json=body, headers=users.headers(RELATION_PARTY[relation], role))
            want = expected_write(relation, role, allowed, path)
            assert response.status_code in want, (
                f"{method} {path} {relation} {role}: {response.status_code} {response.text}"
            )
            seen.append(f"{method} {path} {relation} {role} {response.status_code}")
    assert len(seen) == len(WRITES) * len(RELATION_PARTY) * len(Role)


@pytest.mark.parametrize("path", MOU_READS)
async def test_mou_reads(api: httpx.AsyncClient, users: Users, path: str) -> None:
    await prepare(api, users)
    for relation, party in RELATION_PARTY.items():
        for role in Role:
            response = await api.get(path, headers=users.headers(party, role))
            sees = relation != "outsider"  # Nansha's manager too: only Hong Kong agency managers see all
            assert response.status_code == (200 if sees else 404), f"{path} {relation} {role}: {response.text}"


async def test_other_reads_and_party_admin(api: httpx.AsyncClient, users: Users) -> None:
    await prepare(api, users)
    for party in RELATION_PARTY.values():
        for role in Role:
            headers = users.headers(party, role)
            for path in ANYONE_READS:
                assert (await api.get(path, headers=headers)).status_code == 200
            auditor = role is Role.MANAGER and party == "hkte"
            for path in MANAGER_READS:
                assert (await api.get(path, headers=headers)).status_code == (200 if auditor else 403)
            listed = (await api.get("/mous", headers=headers)).json()["items"]
            expected = [] if party == "nansha" else ["hkte-qianhai-2025"]
            assert [item["mou_id"] for item in listed] == expected
            new_party = {"id": f"p-{party}-{role.value}", "name": {"en": "Zhuhai Hengqin", "zh": "珠海橫琴"}}
            created = await api.post("/parties", json=new_party, headers=headers)
            assert created.status_code == (201 if role is Role.ADMIN else 403), created.text


@pytest.mark.parametrize("path", ["/mous", MOU, "/parties", "/audit", "/reports/milestones"])
async def test_without_a_valid_token(api: httpx.AsyncClient, path: str) -> None:
    assert (await api.get(path)).status_code == 401
    assert (await api.get(path, headers={"Authorization": "Bearer mf_not-a-token"})).status_code == 401


async def test_a_partner_regions_manager_is_a_partner(api: httpx.AsyncClient, users: Users) -> None:
    refused = await api.get("/reports/milestones", headers=users.headers("qianhai", Role.MANAGER))
    assert refused.status_code == 403 and "Hong Kong agency" in refused.json()["detail"], refused.text


async def test_partner_regions_do_not_start_mous(api: httpx.AsyncClient, users: Users) -> None:
    body = {"partner_ids": ["hkte"], "content": CONTENT}
    refused = await api.post("/mous", json=body, headers=users.headers("qianhai", Role.OFFICER))
    assert refused.status_code == 403 and "partner region" in refused.json()["detail"], refused.text
    parties = (await api.get("/parties", headers=users.headers("qianhai", Role.VIEWER))).json()
    assert {party["id"]: party["owns_mous"] for party in parties}["hkte"] is True
