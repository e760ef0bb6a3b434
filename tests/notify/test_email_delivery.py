"""E-mail end to end: the users of every party of the MoU who have an address get one message per
notification, through a local SMTP server, bilingual, with a Message-ID that is the delivery's."""

from email import message_from_bytes, policy
from email.message import EmailMessage

import httpx
from sqlalchemy import update
from sqlalchemy.orm import Session, sessionmaker
from temporalio.testing import WorkflowEnvironment

from mouflow.domain.enums import Role
from mouflow.store.access_tables import PartyRow
from mouflow.store.db import session_scope
from mouflow.store.users import create_user
from tests.api.conftest import Users
from tests.notify import flow
from tests.notify.conftest import Mailbox


def add_reader(sessions: sessionmaker[Session], party: str, email: str | None) -> str:
    with session_scope(sessions) as session:
        user, _ = create_user(session=session, name=f"{party} reader", party_id=party, role=Role.VIEWER, email=email)
        return user.id


async def test_users_with_an_address_in_each_party_get_the_message(
    mail_api: httpx.AsyncClient,
    users: Users,
    time_env: WorkflowEnvironment,
    sessions: sessionmaker[Session],
    mailbox: tuple[Mailbox, int],
) -> None:
    hkte = add_reader(sessions, "hkte", "reader@hkte.example")
    qianhai = add_reader(sessions, "qianhai", "reader@qianhai.example")
    add_reader(sessions, "qianhai", None)  # no address: no e-mail
    add_reader(sessions, "nansha", "reader@nansha.example")  # not a party to this MoU
    await flow.start_and_submit(mail_api, users)
    (submitted,) = await flow.settle(time_env.client, sessions)

    box, _ = mailbox
    received = {recipients[0]: message_from_bytes(raw, policy=policy.default) for recipients, raw in box.messages}
    assert len(box.messages) == 2 and set(received) == {"reader@hkte.example", "reader@qianhai.example"}
    for address, user_id in (("reader@hkte.example", hkte), ("reader@qianhai.example", qianhai)):
        message = received[address]
        assert isinstance(message, EmailMessage)
        title = submitted.payload["mou"]["title_en"]  # type: ignore[index]
        assert message["Subject"] == f"[mouflow] Submitted for review: {title}"
        assert message["Message-ID"] == f"<{submitted.id}.email.{user_id}@mouflow>"
        assert message["From"] == "mouflow <mouflow@hkte.example>" and message["To"] == address
        body = message.get_content()
        assert f"Submitted for review: {title}" in body and "已提交審閱" in body and "Version: 1" in body
    statuses = {row.status for row, _ in flow.deliveries(sessions).values()}
    assert statuses == {"delivered"}


async def test_an_email_is_in_its_readers_language_simplified_for_qianhai_traditional_for_hkte(
    mail_api: httpx.AsyncClient,
    users: Users,
    time_env: WorkflowEnvironment,
    sessions: sessionmaker[Session],
    mailbox: tuple[Mailbox, int],
) -> None:
    with session_scope(sessions) as session:
        session.execute(update(PartyRow).where(PartyRow.id == "qianhai").values(language="zh-Hans"))
        session.execute(update(PartyRow).where(PartyRow.id == "hkte").values(language="zh-Hant"))
    add_reader(sessions, "hkte", "reader@hkte.example")
    add_reader(sessions, "qianhai", "reader@qianhai.example")
    await flow.start_and_submit(mail_api, users)
    await flow.settle(time_env.client, sessions)

    box, _ = mailbox
    received = {recipients[0]: message_from_bytes(raw, policy=policy.default) for recipients, raw in box.messages}
    qianhai, hkte = received["reader@qianhai.example"], received["reader@hkte.example"]
    assert isinstance(qianhai, EmailMessage) and isinstance(hkte, EmailMessage)
    assert str(qianhai["Subject"]).startswith("[mouflow] 已提交审阅：") and "备忘录" in qianhai["Subject"]
    simplified = qianhai.get_content()
    assert simplified.startswith("已提交审阅：") and "版本：1" in simplified
    assert "備忘錄" not in simplified and "閣下" not in simplified  # no Traditional characters left
    assert "（阶段：审阅中）" in simplified and "(in review)" in simplified and "in_review" not in simplified
    assert str(hkte["Subject"]).startswith("[mouflow] 已提交審閱：") and "備忘錄" in hkte["Subject"]
    assert hkte.get_content().startswith("已提交審閱：")
