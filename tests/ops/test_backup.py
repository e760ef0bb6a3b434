"""`python -m ops.backup` copies a running stack; `python -m ops.restore` brings the copy back into a fresh
data folder, and a stack started on it has every MoU (in the API and in Temporal), every document (row and
file) and every audit entry, which still verify under the key the backup carried."""

import os
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from mouflow.audit_key import KEY_FILE as AUDIT_KEY
from mouflow.domain.enums import Role
from mouflow.store.audit_tables import AuditRow
from mouflow.store.db import make_engine
from mouflow.store.tables import DocumentRow
from ops.data_folder import KEY_FILES
from ops.stack import Stack, running_stack
from tests.api.conftest import Users
from tests.ops.commands import run_command
from tests.ops.stages import MOU_IDS, stack_with_mous
from workflows.mou import MouWorkflow

Found = dict[str, object]


async def test_a_running_stack_backed_up_comes_back_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("MOUFLOW_AUDIT_KEY", "MOUFLOW_SECRETS_KEY"):
        monkeypatch.delenv(name, raising=False)  # the keys are the data folder's files, which the copy must carry
    original, copy, restored = tmp_path / "stack", tmp_path / "backup", tmp_path / "restored"
    async with stack_with_mous(original) as faulty:
        before = await what_is_there(faulty.stack, faulty.case.users)
        code, output = await run_command("ops.backup", str(copy), env=faulty.stack.environment())
        assert code == 0, output

    code, output = await run_command("ops.restore", str(copy), env=data_folder_environment(restored))
    assert code == 0, output
    keys = [name for name in KEY_FILES if (original / name).exists()]  # secrets.key is made at its first use
    assert AUDIT_KEY in keys and all((restored / name).read_bytes() == (original / name).read_bytes() for name in keys)
    async with running_stack(restored) as stack:
        after = await what_is_there(stack, faulty.case.users)
    assert after.pop("audit verified") == {"ok": True} and before.pop("audit verified") == {"ok": True}
    assert before.pop("audit entries") <= after.pop("audit entries")  # type: ignore[operator]
    assert after == before


async def what_is_there(stack: Stack, users: Users) -> Found:
    async with httpx.AsyncClient(base_url=stack.api_url, headers=users.headers("hkte", Role.MANAGER)) as api:
        listed = (await api.get("/mous", params={"limit": 200})).json()["items"]
        answers = {item["mou_id"]: (await api.get(f"/mous/{item['mou_id']}")).json() for item in listed}
        verified = (await api.get("/audit/verify")).json()
    assert sorted(answers) == sorted(MOU_IDS)
    return {
        "mous": answers,
        "workflows": await workflows(stack),
        **store_rows(stack.root),
        "document files": sorted(str(path.relative_to(stack.root)) for path in stack.root.rglob("documents/**/*.pdf")),
        "audit verified": {"ok": verified["ok"]},
    }


async def workflows(stack: Stack) -> dict[str, object]:
    """Each MoU workflow's status in Temporal and the transition its state is at."""
    client = await stack.client()
    found = {}
    async for execution in client.list_workflows(f"WorkflowType = '{MouWorkflow.__name__}'"):
        handle = client.get_workflow_handle_for(MouWorkflow.run, execution.id)
        state = await handle.query(MouWorkflow.status)
        found[execution.id] = (execution.status, state.seq, state.stage)
    return found


def store_rows(root: Path) -> Found:
    engine = make_engine(f"sqlite:///{root / 'mouflow.db'}")
    try:
        with engine.connect() as connection:
            documents = connection.execute(select(DocumentRow.id, DocumentRow.sha256).order_by(DocumentRow.id)).all()
            entries = connection.execute(select(AuditRow.id, AuditRow.chain, AuditRow.hash)).all()
    finally:
        engine.dispose()
    return {"document rows": [tuple(row) for row in documents], "audit entries": {tuple(row) for row in entries}}


def data_folder_environment(root: Path) -> dict[str, str]:
    return {**os.environ, "MOUFLOW_DATA_DIR": str(root), "DATABASE_URL": f"sqlite:///{root / 'mouflow.db'}"}
