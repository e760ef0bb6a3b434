"""The webhook routes: only an officer or manager of the party itself; bad input is a clear 422."""

import httpx
import pytest

from mouflow.domain.enums import Role
from tests.api.conftest import Users

HOOKS = "/parties/hkte/webhooks"
GOOD = {"url": "https://hooks.hkte.example/mouflow", "events": ["signed", "in_force"]}


async def create(
    api: httpx.AsyncClient, users: Users, role: Role = Role.OFFICER, body: object = GOOD
) -> httpx.Response:
    return await api.post(HOOKS, json=body, headers=users.headers("hkte", role))


async def test_the_secret_is_shown_once_and_the_list_has_none(api: httpx.AsyncClient, users: Users) -> None:
    created = await create(api, users)
    assert created.status_code == 201, created.text
    hook = created.json()
    assert hook["secret"].startswith("whsec_") and hook["events"] == ["in_force", "signed"] and hook["active"]
    listed = await api.get(HOOKS, headers=users.headers("hkte", Role.MANAGER))
    assert listed.status_code == 200 and [h["id"] for h in listed.json()] == [hook["id"]]
    assert "secret" not in listed.json()[0] and hook["secret"] not in listed.text
    audit = (await api.get("/audit", headers=users.headers("hkte", Role.MANAGER))).json()
    assert any(e["what"] == "webhook_created" and hook["id"] in e["detail"] for e in audit)


async def test_removing_deactivates_and_keeps_the_deliveries_readable(api: httpx.AsyncClient, users: Users) -> None:
    hook = (await create(api, users)).json()
    headers = users.headers("hkte", Role.OFFICER)
    assert (await api.delete(f"{HOOKS}/{hook['id']}", headers=headers)).status_code == 204
    assert (await api.delete(f"{HOOKS}/{hook['id']}", headers=headers)).status_code == 204  # again: no change
    assert (await api.get(HOOKS, headers=headers)).json() == []
    deliveries = await api.get(f"{HOOKS}/{hook['id']}/deliveries", headers=headers)
    assert deliveries.status_code == 200 and deliveries.json() == []
    audit = (await api.get("/audit", headers=users.headers("hkte", Role.MANAGER))).json()
    assert [e["what"] for e in audit].count("webhook_removed") == 1


async def test_another_partys_webhooks_answer_404(api: httpx.AsyncClient, users: Users) -> None:
    hook = (await create(api, users)).json()
    for role in (Role.OFFICER, Role.MANAGER, Role.VIEWER):
        headers = users.headers("qianhai", role)
        assert (await api.get(HOOKS, headers=headers)).status_code == 404
        assert (await api.post(HOOKS, json=GOOD, headers=headers)).status_code == 404
        assert (await api.delete(f"{HOOKS}/{hook['id']}", headers=headers)).status_code == 404
    # nor through its own party's path
    mine = users.headers("qianhai", Role.OFFICER)
    assert (await api.get(f"/parties/qianhai/webhooks/{hook['id']}/deliveries", headers=mine)).status_code == 404
    assert (await api.delete(f"/parties/qianhai/webhooks/{hook['id']}", headers=mine)).status_code == 404
    assert (await api.get(HOOKS, headers=users.headers("hkte", Role.OFFICER))).json()[0]["active"] is True


@pytest.mark.parametrize("role", [Role.VIEWER, Role.ADMIN])
async def test_a_viewer_or_admin_of_the_party_is_forbidden(api: httpx.AsyncClient, users: Users, role: Role) -> None:
    assert (await create(api, users, role)).status_code == 403
    assert (await api.get(HOOKS, headers=users.headers("hkte", role))).status_code == 403


@pytest.mark.parametrize(
    ("body", "names"),
    [
        ({"url": "ftp://hooks.example/x"}, "body.url"),
        ({"url": "not a url"}, "body.url"),
        ({"url": "https://"}, "body.url"),
        ({"url": "https://a.example/" + "x" * 2000}, "body.url"),
        ({"url": "https://a.example:99999/x"}, "body.url"),  # no request could ever reach these three
        ({"url": "https://a.example:port/x"}, "body.url"),
        ({"url": "https://a..example/x"}, "body.url"),
        ({"url": "https://a.example/x", "events": ["signed", "exploded"]}, "body.events"),
        ({"url": "https://a.example/x", "secret": "mine"}, "body.secret"),
        ({}, "body.url"),
    ],
)
async def test_bad_input_is_a_clear_422(api: httpx.AsyncClient, users: Users, body: object, names: str) -> None:
    response = await create(api, users, body=body)
    assert response.status_code == 422 and response.json()["error"] == "invalid_input"
    assert names in response.json()["detail"]


async def test_an_unknown_webhook_is_404(api: httpx.AsyncClient, users: Users) -> None:
    headers = users.headers("hkte", Role.OFFICER)
    assert (await api.get(f"{HOOKS}/wh-nope/deliveries", headers=headers)).status_code == 404
    assert (await api.delete(f"{HOOKS}/wh-nope", headers=headers)).status_code == 404


async def test_a_party_has_at_most_twenty_webhooks(api: httpx.AsyncClient, users: Users) -> None:
    for n in range(20):
        assert (await create(api, users, body={"url": f"https://hooks{n}.hkte.example/"})).status_code == 201
    refused = await create(api, users, body={"url": "https://one-more.hkte.example/"})
    assert refused.status_code == 409 and "remove one first" in refused.json()["detail"]
