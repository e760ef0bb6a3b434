"""The notification e-mail: plain text in English and Chinese, the reader's language first and, for a reader of
Simplified Chinese, the Chinese in Simplified characters (mouflow.domain.reading says who reads what).
Building only; sending is smtp.py."""

from email.message import EmailMessage
from email.utils import format_datetime
from urllib.parse import quote

from mouflow.chinese import in_script
from mouflow.dates_in_words import day_in_words, moment_in_words
from mouflow.domain.enums import ReadingLanguage
from mouflow.event_said import event_said
from mouflow.notify.events import NotificationPayload, NotificationType
from mouflow.reader_names import PartyNames, party_name
from mouflow.translations import Translator

HEADINGS = {
    NotificationType.SUBMITTED_FOR_REVIEW: ("Submitted for review", "已提交審閱"),
    NotificationType.REVIEW_RECORDED: ("Review recorded", "已記錄審閱意見"),
    NotificationType.CEREMONY_SCHEDULED: ("Signing ceremony scheduled", "已安排簽署儀式"),
    NotificationType.SIGNED: ("Signed", "已簽署"),
    NotificationType.IN_FORCE: ("In force", "已生效"),
    NotificationType.MILESTONE_DUE_SOON: ("Milestone due soon", "里程碑即將到期"),
    NotificationType.MILESTONE_OVERDUE: ("Milestone overdue", "里程碑已逾期"),
    NotificationType.RENEWAL_DUE: ("Renewal due", "須決定是否續期"),
    NotificationType.REVIEW_REMINDER: ("Review reminder", "審閱提醒"),
    NotificationType.REVIEW_ESCALATED: ("Review overdue, escalated", "審閱逾期，已上報"),
    NotificationType.REOPENED: ("Reopened for drafting", "已重新開放草擬"),
    NotificationType.SIGNATURES_VOIDED: ("Signatures voided", "簽署已作廢"),
    NotificationType.TERMINATION_NOTICE: ("Notice of termination given", "已發出終止通知"),
    NotificationType.TERMINATION_CONSENTED: ("A party consents to end the MoU at once", "一方同意即時終止備忘錄"),
    NotificationType.TERMINATED: ("Terminated", "已終止"),
}
EVERY_PARTY = ("you receive this as a user of a party to this MoU", "閣下為此備忘錄締約方的用戶")
# why this reader and not every party's: the audience rule (audience.py) narrows these
WHY_YOU = {
    NotificationType.REVIEW_REMINDER: (
        "you receive this as an officer of a party whose review is still awaited",
        "閣下為尚未審閱的締約方的負責人員",
    ),
    NotificationType.REVIEW_ESCALATED: (
        "you receive this as a manager of the owner or of a party whose review is late",
        "閣下為擁有方或逾期審閱締約方的經理",
    ),
    NotificationType.MILESTONE_DUE_SOON: (
        "you receive this as a user of the party that owns this milestone",
        "閣下為負責此里程碑的締約方的用戶",
    ),
}
ENGLISH = Translator("en")
REVIEW_TYPES = frozenset({NotificationType.REVIEW_REMINDER, NotificationType.REVIEW_ESCALATED})


def subject(payload: NotificationPayload, reads: ReadingLanguage | None = None) -> str:
    english, chinese = HEADINGS[payload.type]
    if reads in CHINESE:
        words = in_script(f"{chinese}：{payload.mou.title_zh}", reads)
    else:
        words = f"{english}: {payload.mou.title_en}"
    return f"[mouflow] {' '.join(words.split())}"  # a line break in a header would make every send fail


def build_message(
    *,
    payload: NotificationPayload,
    delivery_id: str,
    sender: str,
    recipient: str,
    public_url: str | None = None,
    reads: ReadingLanguage | None = None,
    names: PartyNames | None = None,
) -> EmailMessage:
    message = EmailMessage()
    message["Subject"] = subject(payload, reads)
    message["From"], message["To"] = sender, recipient
    message["Date"] = format_datetime(payload.event.at)
    # the same on every attempt, so a mail server or client can drop a copy sent twice
    message["Message-ID"] = f"<{delivery_id}@mouflow>"
    message.set_content(body(payload, public_url, reads, names))  # UTF-8, as the Chinese half needs
    return message


CHINESE = (ReadingLanguage.TRADITIONAL_CHINESE, ReadingLanguage.SIMPLIFIED_CHINESE)


def body(
    payload: NotificationPayload,
    public_url: str | None = None,
    reads: ReadingLanguage | None = None,
    names: PartyNames | None = None,
) -> str:
    chinese = Translator("zh-Hans" if reads is ReadingLanguage.SIMPLIFIED_CHINESE else "zh-Hant")
    english_half = _english(payload, names or {})
    chinese_half = in_script(_chinese(payload, names or {}, chinese), reads)
    lines = [chinese_half, english_half] if reads in CHINESE else [english_half, chinese_half]
    if public_url:  # the page itself, which asks the reader to sign in
        lines.append(in_script(f"Open / 開啟: {public_url.rstrip('/')}/web/mous/{quote(payload.mou.id)}\n", reads))
    why_en, why_zh = WHY_YOU.get(payload.type, EVERY_PARTY)
    lines.append(in_script(f"-- mouflow: {why_en} / {why_zh}", reads))
    return "\n".join(lines) + "\n"


def _english(payload: NotificationPayload, names: PartyNames) -> str:
    mou = payload.mou
    stage = ENGLISH(mou.stage)  # "in_review" reads "in review"
    lines = [f"{HEADINGS[payload.type][0]}: {mou.title_en}", *_facts_en(payload, names), f"MoU: {mou.id} ({stage})"]
    return "\n".join(lines) + "\n"


def _chinese(payload: NotificationPayload, names: PartyNames, t: Translator) -> str:
    mou = payload.mou
    lines = [
        f"{HEADINGS[payload.type][1]}：{mou.title_zh}",
        *_facts_zh(payload, names, t),
        f"備忘錄：{mou.id}（階段：{t(mou.stage)}）",  # the catalogues' words for the stage, as the pages say it
    ]
    return "\n".join(lines) + "\n"


def _named(names: PartyNames, party_ids: list[str], t: Translator) -> str:
    """Parties by name in the translator's language (mouflow.reader_names); an id where none is known."""
    return ("、" if t.chinese else ", ").join(party_name(names, party_id, t.language) for party_id in party_ids)


def _facts_en(payload: NotificationPayload, names: PartyNames) -> list[str]:
    event = payload.event
    facts = [f"When: {moment_in_words(event.at, 'en')}"]
    facts += [f"By: {event.actor_name}"] if event.actor_name else []
    facts += [f"Party: {_named(names, [event.party_id], ENGLISH)}"] if event.party_id else []
    facts += [f"Version: {event.version}"] if event.version is not None else []
    if event.milestone is not None:
        facts.append(f"Milestone: {event.milestone.title_en}, due {day_in_words(event.milestone.due_date, 'en')}")
    facts += [f"Awaiting review: {_named(names, waiting, ENGLISH)}"] if (waiting := _awaited(payload)) else []
    note = event_said(event.words, event.detail, ENGLISH, names)
    return facts + ([f"Note: {note}"] if note else [])


def _facts_zh(payload: NotificationPayload, names: PartyNames, t: Translator) -> list[str]:
    event = payload.event
    facts = [f"時間：{moment_in_words(event.at, 'zh-Hant')}"]
    facts += [f"經辦人：{event.actor_name}"] if event.actor_name else []
    facts += [f"締約方：{_named(names, [event.party_id], t)}"] if event.party_id else []
    facts += [f"版本：{event.version}"] if event.version is not None else []
    if event.milestone is not None:
        due = day_in_words(event.milestone.due_date, "zh-Hant")
        facts.append(f"里程碑：{event.milestone.title_zh}，到期日 {due}")
    facts += [f"待審閱：{_named(names, waiting, t)}"] if (waiting := _awaited(payload)) else []
    note = event_said(event.words, event.detail, t, names)
    return facts + ([f"備註：{note}"] if note else [])


def _awaited(payload: NotificationPayload) -> list[str]:
    """The parties a late review still waits on; other messages leave it out, as it says nothing of them."""
    return list(payload.mou.awaiting_review) if payload.type in REVIEW_TYPES else []
