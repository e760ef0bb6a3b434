"""Review reminders and the escalation end to end: time skips past them on the test server, the worker
sends them through a local SMTP server and to a local webhook receiver, each to its own audience."""

import json
from collections import Counter
from datetime import timedelta
from email import message_from_bytes, policy

import httpx
from sqlalchemy.orm import Session, sessionmaker
from temporalio.testing import WorkflowEnvironment

from mouflow.domain.enums import Role
from mouflow.store.db import session_scope
from mouflow.store.users import create_user
from tests.api.conftest import Users
from tests.notify import flow
from tests.notify.conftest import Mailbox
from tests.notify.receiver import receiving
from tests.notify.test_webhook_delivery import register

ROLES = (Role.OFFICER, Role.MANAGER, Role.VIEWER)


def add_addressed_users(sessions: sessionmaker[Session]) -> None:
    """`<role>@<party>.example` for three roles in each party; Nansha is no party to the MoU."""
    with session_scope(sessions) as session:
        for party in ("hkte", "qianhai", "nansha"):
            for role in ROLES:
                address = f"{role.value}@{party}.example"
                create_user(session=session, name=f"{party} {role.value}", party_id=party, role=role, email=address)


def recipients_by_heading(box: Mailbox) -> dict[str, Counter[str]]:
    """For each heading ("Review reminder"), how many of its messages each address received."""
    found: dict[str, Counter[str]] = {}
    for recipients, raw in box.messages:
        heading = str(message_from_bytes(raw, policy=policy.default)["Subject"]).split(": ")[0]
        found.setdefault(heading.removeprefix("[mouflow] "), Counter()).update(recipients)
    return found


async def test_reminders_reach_who_has_not_reviewed_and_the_escalation_the_managers(
    mail_api: httpx.AsyncClient,
    users: Users,
    time_env: WorkflowEnvironment,
    sessions: sessionmaker[Session],
    mailbox: tuple[Mailbox, int],
) -> None:
    add_addressed_users(sessions)
    with receiving() as receiver:
        await register(mail_api, users, receiver, "hkte", "/hkte", [])
        await register(mail_api, users, receiver, "qianhai", "/qianhai", ["review_reminder", "review_escalated"])
        await register(mail_api, users, receiver, "nansha", "/nansha", [])
        await flow.start_and_submit(mail_api, users)  # a review due in 14 days
        await flow.call(mail_api, users, "POST", f"{flow.MOU}/reviews", "hkte", {"version": 1, "decision": "approve"})
        await time_env.sleep(timedelta(days=14, hours=1))  # both reminders (3 and 1 days before), then the deadline
        outbox = await flow.settle(time_env.client, sessions)

        assert Counter(row.type for row in outbox) == {
            "submitted_for_review": 1,
            "review_recorded": 1,
            "review_reminder": 2,
            "review_escalated": 1,
        }
        mail = recipients_by_heading(mailbox[0])
        assert mail["Review reminder"] == {"officer@qianhai.example": 2}
        assert mail["Review overdue, escalated"] == {"manager@hkte.example": 1, "manager@qianhai.example": 1}
        assert len(mail["Submitted for review"]) == 6  # everyone else is still told of the rest, as before

        assert Counter(r.event for r in receiver.on("/qianhai")) == {"review_reminder": 2, "review_escalated": 1}
        hkte = Counter(r.event for r in receiver.on("/hkte"))
        assert hkte == {"submitted_for_review": 1, "review_recorded": 1, "review_escalated": 1}  # reviewed: no reminder
        assert receiver.on("/nansha") == [] and all(request.signed for request in receiver.received)
        reminder = json.loads(receiver.on("/qianhai")[0].body)
        assert reminder["mou"]["awaiting_review"] == ["qianhai"] and reminder["mou"]["owner_party_id"] == "hkte"
    assert {row.status for row, _ in flow.deliveries(sessions).values()} == {"delivered"}
