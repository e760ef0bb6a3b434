"""Tampering with one audit row in the database is found and named by GET /audit/verify, and by the MoU's own
GET /mous/{id}/audit/verify."""

import httpx
from sqlalchemy import select, text
from sqlalchemy.orm import Session, sessionmaker

from mouflow.domain.enums import Role
from mouflow.store.audit_tables import AuditRow
from tests.api.conftest import Users
from tests.api.test_access_matrix import prepare


async def test_an_altered_audit_row_is_named(
    api: httpx.AsyncClient, users: Users, sessions: sessionmaker[Session]
) -> None:
    await prepare(api, users)  # starts and submits an MoU: audited with who, party, role and request id
    manager = users.headers("hkte", Role.MANAGER)
    assert (await api.get("/audit/verify", headers=manager)).json()["ok"] is True
    with sessions() as session:
        submitted = session.scalars(select(AuditRow).where(AuditRow.what == "submitted")).one()
        assert (submitted.actor_party_id, submitted.actor_role, submitted.version) == ("hkte", "officer", 1)
        assert submitted.request_id
        session.execute(
            text("UPDATE audit_log SET detail = 'review due whenever' WHERE id = :id"), {"id": submitted.id}
        )
        session.commit()
    verdict = (await api.get("/audit/verify", headers=manager)).json()
    assert verdict["ok"] is False and verdict["first_bad_id"] == submitted.id, verdict


async def test_a_removed_audit_row_is_named(
    api: httpx.AsyncClient, users: Users, sessions: sessionmaker[Session]
) -> None:
    await prepare(api, users)
    with sessions() as session:
        first, second = session.scalars(select(AuditRow.id).order_by(AuditRow.id).limit(2)).all()
        session.execute(text("DELETE FROM audit_log WHERE id = :id"), {"id": first})
        session.commit()
    verdict = (await api.get("/audit/verify", headers=users.headers("hkte", Role.MANAGER))).json()
    assert verdict["ok"] is False and verdict["first_bad_id"] == second, verdict


async def test_one_mous_chain_is_verified_alone(
    api: httpx.AsyncClient, users: Users, sessions: sessionmaker[Session]
) -> None:
    await prepare(api, users)
    manager = users.headers("hkte", Role.MANAGER)
    path = "/mous/hkte-qianhai-2025/audit/verify"
    verdict = (await api.get(path, headers=manager)).json()
    assert verdict["ok"] is True and verdict["checked"] >= 2, verdict
    with sessions() as session:
        in_the_mou = select(AuditRow).where(AuditRow.chain == "hkte-qianhai-2025")
        newest = session.scalars(in_the_mou.order_by(AuditRow.chain_seq.desc()).limit(1)).one()
        session.execute(text("DELETE FROM audit_log WHERE id = :id"), {"id": newest.id})
        session.commit()
    verdict = (await api.get(path, headers=manager)).json()
    assert (verdict["ok"], verdict["mou_id"], verdict["chain_seq"]) == (False, "hkte-qianhai-2025", newest.chain_seq)
    assert "were removed" in verdict["reason"], verdict
    missing = await api.get("/mous/no-such-mou/audit/verify", headers=manager)
    assert missing.status_code == 404, missing.text
