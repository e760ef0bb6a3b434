"""GET /reports/milestones labels each line with its MoU's real stage: signed, or in force."""

from datetime import UTC, datetime, timedelta

import httpx
from sqlalchemy.orm import Session, sessionmaker

from mouflow.demo import NANSHA, QIANHAI
from mouflow.domain.calendar import local_date
from mouflow.domain.enums import Role
from tests.api.conftest import Users
from tests.store.test_reports import record, signed_by_both


async def test_a_signed_mou_is_reported_as_signed_not_in_force(
    api: httpx.AsyncClient, users: Users, sessions: sessionmaker[Session]
) -> None:
    now = datetime.now(UTC)  # the route reports as of today, so the MoUs are signed nine days ago
    built = now - timedelta(days=40)
    for partner, effective in ((QIANHAI, None), (NANSHA, local_date(now) + timedelta(days=10))):
        state, events = signed_by_both(partner, built, effective)
        record(sessions, state, now, events)
    response = await api.get("/reports/milestones?days_ahead=366", headers=users.headers("hkte", Role.MANAGER))
    assert response.status_code == 200, response.text
    report = response.json()
    assert not report["overdue"]
    stages = {(line["mou_id"], line["mou_stage"]) for line in report["upcoming"]}
    assert stages == {("hkte-qianhai-2025", "in_force"), ("hkte-nansha-2025", "signed")}
