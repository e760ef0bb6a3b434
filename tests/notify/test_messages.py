"""The webhook body and headers, the e-mail, and which answers are retried: built without I/O."""

import json
from datetime import UTC, date, datetime

import pytest

from mouflow.dates_in_words import moment_in_words
from mouflow.domain.enums import EventKind, ReadingLanguage
from mouflow.domain.event_words import words
from mouflow.notify.events import EventInfo, MilestoneInfo, MouInfo, NotificationPayload, NotificationType
from mouflow.notify.mail import body, build_message, subject
from mouflow.notify.webhook import is_retryable, is_success, webhook_body, webhook_headers
from mouflow.notify.webhook_signatures import verify_signature

AT = datetime(2026, 3, 1, 1, 0, tzinfo=UTC)
PAYLOAD = NotificationPayload(
    type=NotificationType.MILESTONE_OVERDUE,
    mou=MouInfo(
        id="hkte-nansha-2025",
        title_en="MoU with Nansha",
        title_zh="與南沙的備忘錄",
        stage="in_force",
        seq=40,
        party_ids=["hkte", "nansha"],
    ),
    event=EventInfo(
        kind=EventKind.MILESTONE_OVERDUE,
        at=AT,
        milestone=MilestoneInfo(
            id="report", title_en="Services report", title_zh="服務報告", due_date=date(2026, 2, 28)
        ),
        party_id="nansha",
    ),
)
DELIVERY = "hkte-nansha-2025.40.0.webhook.wh-1"


def test_the_body_is_the_same_bytes_every_time_and_carries_the_delivery_id() -> None:
    body = webhook_body(DELIVERY, PAYLOAD)
    assert body == webhook_body(DELIVERY, NotificationPayload.model_validate(json.loads(body)))
    document = json.loads(body)
    assert document["delivery_id"] == DELIVERY and document["type"] == "milestone_overdue"
    assert (
        document["event"]["milestone"]["due_date"] == "2026-02-28" and document["mou"]["title_zh"] == "與南沙的備忘錄"
    )


def test_the_headers_name_the_event_and_delivery_and_sign_the_body() -> None:
    body = webhook_body(DELIVERY, PAYLOAD)
    headers = webhook_headers(delivery_id=DELIVERY, payload=PAYLOAD, body=body, secret="s", now=1_800_000_000)
    assert headers["Content-Type"] == "application/json"
    assert (headers["Mouflow-Event"], headers["Mouflow-Delivery"]) == ("milestone_overdue", DELIVERY)
    assert verify_signature("s", headers["Mouflow-Signature"], body, now=1_800_000_000)


def test_server_errors_timeouts_and_rate_limits_are_retried_other_refusals_are_final() -> None:
    assert is_success(200) and is_success(204) and not is_success(301)
    assert all(is_retryable(code) for code in (500, 502, 503, 408, 429))
    assert not any(is_retryable(code) for code in (301, 400, 401, 404, 410, 422))


def test_the_email_is_bilingual_with_a_subject_and_a_stable_message_id() -> None:
    message = build_message(
        payload=PAYLOAD, delivery_id=DELIVERY, sender="mouflow@hkte.example", recipient="a@b.example"
    )
    assert message["Subject"] == subject(PAYLOAD) == "[mouflow] Milestone overdue: MoU with Nansha"
    assert message["Message-ID"] == f"<{DELIVERY}@mouflow>" and message["To"] == "a@b.example"
    text = message.get_content()
    assert "Milestone overdue: MoU with Nansha" in text and "Services report, due 28 Feb 2026" in text
    assert "里程碑已逾期：與南沙的備忘錄" in text and "服務報告" in text


def test_a_line_break_in_a_title_does_not_reach_the_subject() -> None:
    broken = PAYLOAD.model_copy(update={"mou": PAYLOAD.mou.model_copy(update={"title_en": "MoU with\nNansha"})})
    assert subject(broken) == "[mouflow] Milestone overdue: MoU with Nansha"
    message = build_message(payload=broken, delivery_id="d.1", sender="a@b.example", recipient="c@d.example")
    assert message["Subject"] == subject(broken)


def test_the_email_tells_hong_kong_time_and_links_the_page_where_mouflow_knows_its_address() -> None:
    plain = build_message(payload=PAYLOAD, delivery_id=DELIVERY, sender="a@b.example", recipient="c@d.example")
    assert "/web/mous/" not in plain.get_content()
    linked = build_message(
        payload=PAYLOAD,
        delivery_id=DELIVERY,
        sender="a@b.example",
        recipient="c@d.example",
        public_url="https://mouflow.hkte.example/",
    )
    text = linked.get_content()
    assert f"Open / 開啟: https://mouflow.hkte.example/web/mous/{PAYLOAD.mou.id}" in text
    assert f"When: {moment_in_words(PAYLOAD.event.at, 'en')}" in text and "HKT" in text


NEW_TYPES = {
    NotificationType.REVIEW_REMINDER: ("Review reminder", "審閱提醒"),
    NotificationType.REVIEW_ESCALATED: ("Review overdue, escalated", "審閱逾期，已上報"),
    NotificationType.REOPENED: ("Reopened for drafting", "已重新開放草擬"),
    NotificationType.SIGNATURES_VOIDED: ("Signatures voided", "簽署已作廢"),
    NotificationType.TERMINATION_NOTICE: ("Notice of termination given", "已發出終止通知"),
    NotificationType.TERMINATED: ("Terminated", "已終止"),
}


def as_type(kind: NotificationType, event: EventInfo, **mou: object) -> NotificationPayload:
    return PAYLOAD.model_copy(update={"type": kind, "event": event, "mou": PAYLOAD.mou.model_copy(update=mou)})


@pytest.mark.parametrize("kind", list(NEW_TYPES))
def test_each_new_type_has_its_heading_in_both_languages(kind: NotificationType) -> None:
    english, chinese = NEW_TYPES[kind]
    payload = as_type(kind, EventInfo(kind=EventKind.STARTED, at=AT))  # the heading follows the type alone
    assert subject(payload) == f"[mouflow] {english}: MoU with Nansha"
    text = body(payload)
    assert f"{english}: MoU with Nansha" in text and f"{chinese}：與南沙的備忘錄" in text


def test_a_review_reminder_names_the_parties_awaited_and_why_the_reader_gets_it() -> None:
    event = EventInfo(kind=EventKind.REVIEW_REMINDER, at=AT, version=2, detail="review of version 2 due ...")
    text = body(as_type(NotificationType.REVIEW_REMINDER, event, awaiting_review=["nansha"], stage="in_review"))
    assert "Awaiting review: nansha" in text and "待審閱：nansha" in text and "Version: 2" in text
    assert "an officer of a party whose review is still awaited" in text and "閣下為尚未審閱的締約方的負責人員" in text
    assert "(in review)" in text and "（階段：審閱中）" in text  # the stage in words, not its code


def test_an_email_names_the_parties_where_their_names_are_known() -> None:
    event = EventInfo(kind=EventKind.REVIEW_REMINDER, at=AT, version=2, party_id="nansha")
    names = {"nansha": ("Guangzhou Nansha District", "廣州南沙區")}
    text = body(as_type(NotificationType.REVIEW_REMINDER, event, awaiting_review=["nansha"]), names=names)
    assert "Awaiting review: Guangzhou Nansha District" in text and "待審閱：廣州南沙區" in text
    assert "Party: Guangzhou Nansha District" in text and "締約方：廣州南沙區" in text


def test_an_escalation_tells_its_managers_why_and_other_messages_name_no_review() -> None:
    event = EventInfo(kind=EventKind.REVIEW_ESCALATED, at=AT, version=1)
    text = body(as_type(NotificationType.REVIEW_ESCALATED, event, awaiting_review=["nansha"]))
    assert "Awaiting review: nansha" in text and "閣下為擁有方或逾期審閱締約方的經理" in text
    assert "Awaiting review" not in body(as_type(NotificationType.SIGNED, event, awaiting_review=["nansha"]))
    assert "a user of the party that owns this milestone" in body(as_type(NotificationType.MILESTONE_DUE_SOON, event))


def test_a_termination_notice_tells_who_gave_it_and_when_the_mou_ends() -> None:
    event = EventInfo(
        kind=EventKind.TERMINATION_NOTICE,
        at=AT,
        party_id="nansha",
        actor_name="Nansha officer",
        detail="ends on 2026-06-30",
    )
    text = body(as_type(NotificationType.TERMINATION_NOTICE, event))
    assert "By: Nansha officer" in text and "Party: nansha" in text and "Note: ends on 2026-06-30" in text
    assert "經辦人：Nansha officer" in text and "締約方：nansha" in text and "備註：ends on 2026-06-30" in text
    assert text.endswith("-- mouflow: you receive this as a user of a party to this MoU / 閣下為此備忘錄締約方的用戶\n")


def test_each_reader_gets_their_language_first_and_a_simplified_reader_simplified_characters() -> None:
    def sent(reads: ReadingLanguage | None) -> tuple[str, str]:
        message = build_message(
            payload=PAYLOAD, delivery_id=DELIVERY, sender="a@b.example", recipient="c@d.example", reads=reads
        )
        return str(message["Subject"]), message.get_content()

    subject_hans, qianhai = sent(ReadingLanguage.SIMPLIFIED_CHINESE)
    assert subject_hans == "[mouflow] 里程碑已逾期：与南沙的备忘录"
    assert qianhai.startswith("里程碑已逾期：与南沙的备忘录\n时间：2026年3月1日 09:00 香港标准时间\n")
    assert "服务报告，到期日 2026年2月28日" in qianhai and "服務" not in qianhai and "閣下" not in qianhai
    assert "Milestone overdue: MoU with Nansha" in qianhai  # the English text follows, for the record
    subject_hant, hkte = sent(ReadingLanguage.TRADITIONAL_CHINESE)
    assert subject_hant == "[mouflow] 里程碑已逾期：與南沙的備忘錄" and hkte.startswith(
        "里程碑已逾期：與南沙的備忘錄\n"
    )
    assert "服務報告" in hkte and "閣下為此備忘錄締約方的用戶" in hkte
    for reads in (ReadingLanguage.ENGLISH, None):
        subject_en, text = sent(reads)
        assert subject_en == "[mouflow] Milestone overdue: MoU with Nansha" and text.startswith("Milestone overdue")


def test_the_note_is_said_in_each_half_s_own_language() -> None:
    deadline = datetime(2026, 3, 15, 1, 0, tzinfo=UTC)
    said = words("review due by %(deadline)s", moments={"deadline": deadline})
    event = EventInfo(
        kind=EventKind.SUBMITTED, at=AT, version=1, detail="review due by 2026-03-15T01:00:00Z", words=said
    )
    payload = as_type(NotificationType.SUBMITTED_FOR_REVIEW, event)
    traditional = body(payload, reads=ReadingLanguage.TRADITIONAL_CHINESE)
    assert "備註：須於 2026年3月15日 09:00 香港標準時間 前完成審閱" in traditional
    assert "Note: review due by 15 Mar 2026 09:00 HKT" in traditional and "2026-03-15T" not in traditional
    simplified = body(payload, reads=ReadingLanguage.SIMPLIFIED_CHINESE)
    assert "备注：须于 2026年3月15日 09:00 香港标准时间 前完成审阅" in simplified
