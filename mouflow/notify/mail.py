"""The notification e-mail: plain text, English then Traditional Chinese. Building only; sending is smtp.py."""

from email.message import EmailMessage
from email.utils import format_datetime
from urllib.parse import quote

from mouflow.domain.calendar import hong_kong_time
from mouflow.notify.events import EventInfo, NotificationPayload, NotificationType

HEADINGS = {
    NotificationType.SUBMITTED_FOR_REVIEW: ("Submitted for review", "已提交審閱"),
    NotificationType.REVIEW_RECORDED: ("Review recorded", "已記錄審閱意見"),
    NotificationType.CEREMONY_SCHEDULED: ("Signing ceremony scheduled", "已安排簽署儀式"),
    NotificationType.SIGNED: ("Signed", "已簽署"),
    NotificationType.IN_FORCE: ("In force", "已生效"),
    NotificationType.MILESTONE_DUE_SOON: ("Milestone due soon", "里程碑即將到期"),
    NotificationType.MILESTONE_OVERDUE: ("Milestone overdue", "里程碑已逾期"),
    NotificationType.RENEWAL_DUE: ("Renewal due", "須決定是否續期"),
}


def subject(payload: NotificationPayload) -> str:
    title = " ".join(payload.mou.title_en.split())  # a line break in a header would make every send fail
    return f"[mouflow] {HEADINGS[payload.type][0]}: {title}"


def build_message(
    *, payload: NotificationPayload, delivery_id: str, sender: str, recipient: str, public_url: str | None = None
) -> EmailMessage:
    message = EmailMessage()
    message["Subject"] = subject(payload)
    message["From"], message["To"] = sender, recipient
    message["Date"] = format_datetime(payload.event.at)
    # the same on every attempt, so a mail server or client can drop a copy sent twice
    message["Message-ID"] = f"<{delivery_id}@mouflow>"
    message.set_content(body(payload, public_url))  # UTF-8, as the Chinese half needs
    return message


def body(payload: NotificationPayload, public_url: str | None = None) -> str:
    english, chinese = HEADINGS[payload.type]
    mou, event = payload.mou, payload.event
    lines = [f"{english}: {mou.title_en}", *_facts_en(event), f"MoU: {mou.id} (stage: {mou.stage})", ""]
    lines += [f"{chinese}：{mou.title_zh}", *_facts_zh(event), f"備忘錄：{mou.id}（階段：{mou.stage}）", ""]
    if public_url:  # the page itself, which asks the reader to sign in
        lines += [f"Open / 開啟: {public_url.rstrip('/')}/web/mous/{quote(mou.id)}", ""]
    lines.append("-- mouflow: you receive this as a user of a party to this MoU / 閣下為此備忘錄締約方的用戶")
    return "\n".join(lines) + "\n"


def _facts_en(event: EventInfo) -> list[str]:
    facts = [f"When: {hong_kong_time(event.at)}"]
    facts += [f"By: {event.actor_name}"] if event.actor_name else []
    facts += [f"Party: {event.party_id}"] if event.party_id else []
    facts += [f"Version: {event.version}"] if event.version is not None else []
    if event.milestone is not None:
        facts.append(f"Milestone: {event.milestone.title_en}, due {event.milestone.due_date.isoformat()}")
    return facts + ([f"Note: {event.detail}"] if event.detail else [])


def _facts_zh(event: EventInfo) -> list[str]:
    facts = [f"時間：{hong_kong_time(event.at)}"]
    facts += [f"經辦人：{event.actor_name}"] if event.actor_name else []
    facts += [f"締約方：{event.party_id}"] if event.party_id else []
    facts += [f"版本：{event.version}"] if event.version is not None else []
    if event.milestone is not None:
        facts.append(f"里程碑：{event.milestone.title_zh}，到期日 {event.milestone.due_date.isoformat()}")
    return facts + ([f"備註：{event.detail}"] if event.detail else [])
