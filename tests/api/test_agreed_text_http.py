"""GET /mous/{id}/agreed-text.json: the bytes the executed PDF embeds, its SHA-256 as ETag, the documents' access."""

import hashlib
from pathlib import Path

import httpx
from temporalio.testing import WorkflowEnvironment

from mouflow.domain.enums import Role
from tests.api.conftest import Users
from tests.api.test_access_matrix import MOU, prepare
from tests.api.test_documents_http import documents, execute
from tests.documents.agreed_text_files import detached, printed_fingerprint

AGREED = f"{MOU}/agreed-text.json"


async def test_the_agreed_text_is_the_file_the_executed_pdf_embeds(
    api: httpx.AsyncClient, users: Users, tmp_path: Path, time_env: WorkflowEnvironment
) -> None:
    viewer = users.headers("qianhai", Role.VIEWER)
    await prepare(api, users)
    before = await api.get(AGREED, headers=viewer)
    assert before.status_code == 404 and "no executed copy yet" in before.json()["detail"]
    await execute(api, users, time_env)
    executed = next(d for d in await documents(api, users, {"executed"}) if d["kind"] == "executed")
    pdf = (await api.get(f"/documents/{executed['document_id']}", headers=viewer)).content

    agreed = await api.get(AGREED, headers=viewer)
    assert agreed.status_code == 200 and agreed.headers["content-type"] == "application/json"
    fingerprint = hashlib.sha256(agreed.content).hexdigest()
    assert agreed.headers["etag"] == f'"{fingerprint}"' and agreed.headers["x-document-id"] == executed["document_id"]
    assert agreed.content == detached(pdf, tmp_path) and fingerprint == printed_fingerprint(pdf, tmp_path)

    manager = users.headers("hkte", Role.MANAGER)
    assert (await api.get(AGREED, headers=manager | {"If-None-Match": agreed.headers["etag"]})).status_code == 304
    hidden = await api.get(AGREED, headers=users.headers("nansha", Role.OFFICER))
    missing = await api.get("/mous/no-such-mou/agreed-text.json", headers=manager)
    assert hidden.status_code == missing.status_code == 404 and "hkte-qianhai" not in missing.text
    assert (await api.get(AGREED)).status_code == 401
