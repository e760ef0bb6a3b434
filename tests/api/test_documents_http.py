"""Documents through the API: drafts per version, the executed MoU with its SHA-256 as ETag, access."""

import asyncio
import hashlib
from datetime import timedelta

import httpx
from temporalio.testing import WorkflowEnvironment

from mouflow.domain.enums import Role
from tests import symposium as case
from tests.api.conftest import Users
from tests.api.test_access_matrix import MOU, prepare
from tests.ceremony import until


async def documents(api: httpx.AsyncClient, users: Users, kinds: set[str]) -> list[dict]:  # type: ignore[type-arg]
    """PDFs are rendered off the officers' path, just after the transition: wait for them briefly."""
    for _ in range(300):
        listed = (await api.get(f"{MOU}/documents", headers=users.headers("qianhai", Role.VIEWER))).json()
        if kinds <= {document["kind"] for document in listed}:
            return listed  # type: ignore[no-any-return]
        await asyncio.sleep(0.05)
    raise AssertionError(f"documents {kinds} never appeared; have {listed}")


async def execute(api: httpx.AsyncClient, users: Users, time_env: WorkflowEnvironment) -> None:
    """Both parties approve version 1, the ceremony is set, both sign from its start: the MoU is executed."""
    officer = {party: users.headers(party, Role.OFFICER) for party in ("hkte", "qianhai")}
    for party in ("hkte", "qianhai"):
        await api.post(f"{MOU}/reviews", json={"version": 1, "decision": "approve"}, headers=officer[party])
    at = await time_env.get_current_time() + timedelta(days=30)
    ceremony = case.ceremony(at).model_dump(mode="json", exclude={"actor", "request_id"})
    assert (await api.post(f"{MOU}/ceremony", json=ceremony, headers=officer["hkte"])).status_code == 200
    await until(at, time_env)  # signatures are taken from the ceremony's start
    for party in ("hkte", "qianhai"):
        body = {"version": 1, "signatory": case.SIGNATORIES[party].model_dump(mode="json")}
        assert (await api.post(f"{MOU}/signatures", json=body, headers=officer[party])).status_code == 200


async def test_documents_follow_the_lifecycle(
    api: httpx.AsyncClient, users: Users, time_env: WorkflowEnvironment
) -> None:
    await prepare(api, users)
    listed = await documents(api, users, {"draft", "partner_copy"})
    assert {(d["kind"], d["version"], d["language"]) for d in listed} == {
        ("draft", 1, "en+zh-Hant"),
        ("partner_copy", 1, "zh-Hans"),
    }

    await execute(api, users, time_env)
    officer = {party: users.headers(party, Role.OFFICER) for party in ("hkte", "qianhai")}
    listed = await documents(api, users, {"executed", "ceremony_programme"})
    executed = next(d for d in listed if d["kind"] == "executed")

    pdf = await api.get(f"/documents/{executed['document_id']}", headers=users.headers("qianhai", Role.VIEWER))
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    assert pdf.headers["etag"] == f'"{executed["sha256"]}"' == f'"{hashlib.sha256(pdf.content).hexdigest()}"'
    again = await api.get(
        f"/documents/{executed['document_id']}",
        headers=users.headers("hkte", Role.MANAGER) | {"If-None-Match": pdf.headers["etag"]},
    )
    assert again.status_code == 304
    assert (
        await api.get(f"/documents/{executed['document_id']}", headers=users.headers("nansha", Role.OFFICER))
    ).status_code == 404
    assert (await api.get(f"{MOU}/documents", headers=users.headers("nansha", Role.OFFICER))).status_code == 404
    assert (await api.get("/documents/" + "0" * 32, headers=officer["hkte"])).status_code == 404
