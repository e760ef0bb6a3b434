"""Bad input on every write route: a 4xx that says what is wrong, and nothing written anywhere."""

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from mouflow.domain.enums import Role
from mouflow.store.audit_tables import AuditRow
from mouflow.store.tables import MilestoneRow, MouRow, VersionRow
from tests.api.conftest import Users
from tests.api.test_access_matrix import CONTENT, MOU, prepare

LONG = "x" * 20_001
BIG_CLAUSE = {"heading": {"en": "a", "zh": "甲"}, "text": {"en": "x" * 19_000, "zh": "合" * 6_000}}  # 37 KB
ROUTES = [
    ("PUT", f"{MOU}/draft"),
    ("POST", f"{MOU}/submit"),
    ("POST", f"{MOU}/reviews"),
    ("POST", f"{MOU}/ceremony"),
    ("POST", f"{MOU}/signatures"),
    ("POST", f"{MOU}/milestones"),
    ("POST", f"{MOU}/milestones/annual-review/progress"),
    ("POST", f"{MOU}/milestones/annual-review/confirm"),
    ("POST", f"{MOU}/renewal"),
    ("POST", f"{MOU}/withdrawal"),
    ("POST", f"{MOU}/termination"),
    ("POST", "/mous"),
    ("POST", "/parties"),
]
GARBAGE = [
    b"{",  # not JSON
    '{"reason": "caf\xe9"}'.encode("latin-1"),  # not UTF-8
    b"[1, 2, 3]",  # wrong type of body
    b'{"version": "seven", "decision": 3, "renew": "perhaps", "status": "finished", "reason": ""}',
    b'{"unexpected": true}',
]
SPECIFIC = [  # (method, path, body, status, words the message must contain)
    ("PUT", f"{MOU}/draft", {"base_version": 1, "content": {**CONTENT, "term_months": 0}}, 422, "term_months"),
    (
        "PUT",
        f"{MOU}/draft",
        {"base_version": 1, "content": {**CONTENT, "effective_date": "2025-02-30"}},
        422,
        "effective_date",
    ),
    (
        "PUT",
        f"{MOU}/draft",
        {
            "base_version": 1,
            "content": {**CONTENT, "clauses": [{"heading": {"en": "a", "zh": "甲"}, "text": {"en": LONG, "zh": "乙"}}]},
        },
        422,
        "at most 20000",
    ),
    (
        "PUT",
        f"{MOU}/draft",
        {"base_version": 1, "content": {**CONTENT, "clauses": [BIG_CLAUSE] * 4}},
        422,
        "at most 128 KB",
    ),
    ("POST", f"{MOU}/reviews", {"version": 1, "decision": "request_changes", "comment": LONG}, 422, "comment"),
    ("POST", f"{MOU}/reviews", {"version": 1, "decision": "request_changes"}, 422, "needs a comment"),
    (
        "POST",
        f"{MOU}/ceremony",
        {"starts_at": "2030-01-01T10:00:00", "venue": {"en": "a", "zh": "甲"}},
        422,
        "timezone",
    ),
    ("POST", f"{MOU}/milestones/Not A Slug/progress", {"status": "done"}, 422, "milestone_id"),
    ("POST", f"{MOU}/milestones/annual-review/progress", {"status": "pending"}, 422, "not pending"),
    ("POST", "/mous", {"partner_ids": ["atlantis"], "content": CONTENT}, 422, "no party 'atlantis'"),
    ("POST", "/mous", {"partner_ids": [], "content": CONTENT}, 422, "partner_ids"),
    ("POST", "/mous/unknown-mou/submit", {"version": 1}, 404, "no MoU"),
    (
        "POST",
        "/mous",
        {"mou_id": "hkte-qianhai-2025", "partner_ids": ["qianhai"], "content": CONTENT},
        409,
        "exists already",
    ),
]


def snapshot(sessions: sessionmaker[Session]) -> tuple[object, ...]:
    with sessions() as session:
        counts = tuple(
            session.scalar(select(func.count()).select_from(t)) for t in (MouRow, MilestoneRow, VersionRow, AuditRow)
        )
        return (*counts, session.scalar(select(MouRow.last_seq)))


async def test_garbage_bodies_are_refused_and_change_nothing(
    api: httpx.AsyncClient, users: Users, sessions: sessionmaker[Session]
) -> None:
    await prepare(api, users)
    before = snapshot(sessions)
    for method, path in ROUTES:
        party_admin = path == "/parties"
        headers = users.headers("hkte", Role.ADMIN if party_admin else Role.OFFICER) | {
            "content-type": "application/json"
        }
        for body in GARBAGE:
            response = await api.request(method, path, content=body, headers=headers)
            assert 400 <= response.status_code < 500, (
                f"{method} {path} {body!r}: {response.status_code} {response.text}"
            )
            assert response.json()["detail"], f"{method} {path}: no message"
    assert snapshot(sessions) == before


@pytest.mark.parametrize(
    ("method", "path", "body", "status", "says"), SPECIFIC, ids=[f"{m} {p} {s}" for m, p, _, s, _ in SPECIFIC]
)
async def test_specific_mistakes_are_named(
    api: httpx.AsyncClient,
    users: Users,
    sessions: sessionmaker[Session],
    method: str,
    path: str,
    body: object,
    status: int,
    says: str,
) -> None:
    await prepare(api, users)
    before = snapshot(sessions)
    response = await api.request(method, path, json=body, headers=users.headers("hkte", Role.OFFICER))
    assert response.status_code == status, response.text
    assert says in response.json()["detail"], response.text
    assert snapshot(sessions) == before
