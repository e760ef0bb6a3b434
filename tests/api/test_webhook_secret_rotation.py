"""A webhook's signing secret is replaced on request: the new one is answered once, the stored one is it,
the audit log says so without either secret, and another party's webhook answers 404."""

import httpx
from sqlalchemy.orm import Session, sessionmaker

from mouflow.domain.enums import Role
from mouflow.store.notify_tables import WebhookRow
from tests.api.conftest import Users


async def test_the_secret_is_replaced_once_asked(
    api: httpx.AsyncClient, users: Users, sessions: sessionmaker[Session]
) -> None:
    officer = users.headers("hkte", Role.OFFICER)
    created = await api.post("/parties/hkte/webhooks", json={"url": "https://hooks.example.invalid/x"}, headers=officer)
    hook, first = created.json()["id"], created.json()["secret"]
    rotated = await api.post(f"/parties/hkte/webhooks/{hook}/secret", headers=officer)
    assert rotated.status_code == 200, rotated.text
    second = rotated.json()["secret"]
    assert second.startswith("whsec_") and second != first
    with sessions() as session:
        stored = session.get(WebhookRow, hook).secret  # type: ignore[union-attr]
    assert stored.startswith("sealed:v1:") and second not in stored and first not in stored
    audit = (await api.get("/audit?limit=50", headers=users.headers("hkte", Role.MANAGER))).text
    assert "webhook_secret_rotated" in audit and first not in audit and second not in audit
    other = await api.post(f"/parties/hkte/webhooks/{hook}/secret", headers=users.headers("qianhai", Role.OFFICER))
    assert other.status_code == 404
    viewer = await api.post(f"/parties/hkte/webhooks/{hook}/secret", headers=users.headers("hkte", Role.VIEWER))
    assert viewer.status_code == 403
    assert (await api.delete(f"/parties/hkte/webhooks/{hook}", headers=officer)).status_code == 204
    gone = await api.post(f"/parties/hkte/webhooks/{hook}/secret", headers=officer)
    assert gone.status_code == 409
