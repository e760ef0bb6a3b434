"""Two officers of one party act at the same moment on the same thing: one wins, the other gets 409."""

import asyncio
from collections.abc import Sequence
from datetime import timedelta

import httpx
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker
from temporalio.testing import WorkflowEnvironment

from mouflow.domain.enums import Role
from mouflow.store.audit_tables import AuditRow
from mouflow.store.db import session_scope
from mouflow.store.users import create_user
from tests import symposium as case
from tests.api.conftest import Users
from tests.api.test_access_matrix import CONTENT, MOU
from tests.ceremony import until


def second_officer(sessions: sessionmaker[Session]) -> dict[str, str]:
    with session_scope(sessions) as session:
        _, token = create_user(session=session, name="HKTE officer two", party_id="hkte", role=Role.OFFICER)
    return {"Authorization": f"Bearer {token}"}


def audited(sessions: sessionmaker[Session], what: str) -> int:
    with session_scope(sessions) as session:
        return session.scalar(select(func.count()).select_from(AuditRow).where(AuditRow.what == what)) or 0


async def both(
    api: httpx.AsyncClient, method: str, path: str, bodies: list[object], heads: list[dict[str, str]]
) -> list[httpx.Response]:
    answers = await asyncio.gather(
        *(api.request(method, path, json=body, headers=head) for body, head in zip(bodies, heads, strict=True))
    )
    return sorted(answers, key=lambda answer: answer.status_code)


async def test_two_revisions_of_the_same_version_one_wins(
    api: httpx.AsyncClient, users: Users, sessions: sessionmaker[Session]
) -> None:
    officers = [users.headers("hkte", Role.OFFICER), second_officer(sessions)]
    start = {"mou_id": "hkte-qianhai-2025", "partner_ids": ["qianhai"], "content": CONTENT}
    assert (await api.post("/mous", json=start, headers=officers[0])).status_code == 201
    drafts = [{"base_version": 1, "content": {**CONTENT, "term_months": months}} for months in (24, 48)]
    won, lost = await both(api, "PUT", f"{MOU}/draft", drafts, officers)
    assert (won.status_code, lost.status_code) == (200, 409), (won.text, lost.text)
    assert lost.json()["error"] == "stale_version" and "version" in lost.json()["detail"]
    assert won.json()["current_version"] == 2
    assert audited(sessions, "revised") == 1
    stored = (await api.get(f"{MOU}/versions/2", headers=officers[0])).json()
    assert stored["term_months"] in (24, 48)
    assert (await api.get(f"{MOU}/versions/3", headers=officers[0])).status_code == 404


async def test_two_reports_of_the_same_milestone_one_wins(
    api: httpx.AsyncClient, users: Users, sessions: sessionmaker[Session], time_env: WorkflowEnvironment
) -> None:
    officers = [users.headers("hkte", Role.OFFICER), second_officer(sessions)]
    await bring_into_force(api, users, time_env)
    reports = [{"status": "done", "note": note} for note in ("1,200 attended", "1,150 attended")]
    path = f"{MOU}/milestones/joint-recruitment-fair/progress"
    won, lost = await both(api, "POST", path, reports, officers)
    assert (won.status_code, lost.status_code) == (200, 409), (won.text, lost.text)
    assert "done" in lost.json()["detail"]
    assert audited(sessions, "milestone_progress") == 1


async def bring_into_force(api: httpx.AsyncClient, users: Users, time_env: WorkflowEnvironment) -> None:
    hkte, qianhai = users.headers("hkte", Role.OFFICER), users.headers("qianhai", Role.OFFICER)
    start = {"mou_id": "hkte-qianhai-2025", "partner_ids": ["qianhai"], "content": CONTENT}
    steps = [
        ("/mous", start, hkte),
        (f"{MOU}/submit", {"version": 1}, hkte),
        (f"{MOU}/reviews", {"version": 1, "decision": "approve"}, hkte),
        (f"{MOU}/reviews", {"version": 1, "decision": "approve"}, qianhai),
    ]
    at = await time_env.get_current_time() + timedelta(days=2)
    steps.append((f"{MOU}/ceremony", case.ceremony(at).model_dump(mode="json", exclude={"actor", "request_id"}), hkte))
    signatures = []
    for party, head in (("hkte", hkte), ("qianhai", qianhai)):
        signatory = case.SIGNATORIES[party].model_dump(mode="json")
        signatures.append((f"{MOU}/signatures", {"version": 1, "signatory": signatory}, head))
    await post_all(api, steps)
    await until(at, time_env)  # signatures are taken from the ceremony's start
    response = await post_all(api, signatures)
    assert response.json()["stage"] == "in_force"


async def post_all(api: httpx.AsyncClient, steps: Sequence[tuple[str, object, dict[str, str]]]) -> httpx.Response:
    for path, body, head in steps:
        response = await api.post(path, json=body, headers=head)
        assert response.is_success, f"{path}: {response.text}"
    return response
