# ruff: noqa: E501  (a catalogue: one sentence and its translation a line)
"""A refusal in the page's language: the rule's stable template, translated, with its values filled in.

The workflow's refusals travel with their English template and values (mouflow.errors); the API
answers the English message, and a page shows the same refusal in its own words. A template without a
translation falls back to the English message, never to a broken sentence.
"""

import re
from string import Formatter

from api.problems import Problem
from api.services.authenticity import UNCONFIRMED
from api.web.i18n import Translator

ZH_HANT_REFUSALS: dict[str, str] = {
    "MoU {mou} has no milestone {milestone!r}": "備忘錄 {mou} 沒有里程碑 {milestone!r}",
    "milestone {milestone!r} is already due on {due}": "里程碑 {milestone!r} 的到期日已是 {due}",
    "a party has signed already; void the signatures before reopening": "已有締約方簽署；須先作廢簽署，才可重新開放草擬",
    "a request for changes needs a comment saying what to change": "要求修改時須附意見，說明要修改甚麼",
    "cannot {doing} while the MoU is {stage}; it must be {expected}": "備忘錄目前為「{stage}」，不可{doing}；須為「{expected}」",
    "each party may appear only once": "每個締約方只可出現一次",
    "milestone id {milestone!r} is used twice": "里程碑編號 {milestone!r} 重複使用",
    "milestone {milestone!r} does not ask for confirmation": "里程碑 {milestone!r} 不需確認",
    "milestone {milestone!r} is already done": "里程碑 {milestone!r} 已完成",
    "milestone {milestone!r} is confirmed by the other side, not its owner": "里程碑 {milestone!r} 須由另一方確認，而非其負責方",
    "milestone {milestone!r} is owned by {owner!r}, not a party": "里程碑 {milestone!r} 的負責方 {owner!r} 並非締約方",
    "milestone {milestone!r} is reported by its owner {owner!r}": "里程碑 {milestone!r} 由其負責方 {owner!r} 報告",
    "milestone {milestone!r} is {status}; only a done milestone is confirmed": (
        "里程碑 {milestone!r} 目前為「{status}」；只可確認已完成的里程碑"
    ),
    "milestone {milestone!r} was confirmed by {name}": "里程碑 {milestone!r} 已由 {name} 確認",
    "milestone {milestone!r} would be due on {due}, outside the term from {start} to {last}": (
        "里程碑 {milestone!r} 的到期日 {due} 不在 {start} 至 {last} 的期限內"
    ),
    "no party has signed; there is nothing to void": "尚未有締約方簽署；沒有可作廢的簽署",
    "no signing ceremony is scheduled; schedule one, or sign in counterpart": "尚未安排簽署儀式；請先安排儀式，或以副本方式簽署",
    "only an officer may do this; {user}'s role is {role}": "只有主任可以執行此操作；{user} 的角色為「{role}」",
    "only an officer of the owning party {owner!r} may do this": "只有主辦方 {owner!r} 的主任可以執行此操作",
    "only an officer of the owning party {owner!r} may start an MoU": "只有主辦方 {owner!r} 的主任可以開始備忘錄",
    "only an officer of the owning party {owner!r} or an operator may ask for a document again": (
        "只有主辦方 {owner!r} 的主任或系統操作員可要求重新製作文件"
    ),
    "party {party!r} gave notice already; the MoU ends on {ends_on}": "締約方 {party!r} 已發出終止通知；備忘錄於 {ends_on} 終止",
    "party {party!r} has already consented to end the MoU at once": "締約方 {party!r} 已同意即時終止備忘錄",
    "party {party!r} has already decided on renewal of this term": "締約方 {party!r} 已就本期續期作出決定",
    "party {party!r} has already reviewed version {version}": "締約方 {party!r} 已審閱第 {version} 版",
    "party {party!r} has already signed": "締約方 {party!r} 已簽署",
    "party {party!r} is not a party to MoU {mou}": "{party!r} 並非備忘錄 {mou} 的締約方",
    "renewal is decided once the renewal notice goes out, {days} days before the term ends on {end}": (
        "續期須於續期通知發出後方可決定，即期限於 {end} 屆滿前 {days} 日"
    ),
    "signatures are taken from the ceremony's start at {starts_at}; a party that cannot attend signs in counterpart": (
        "簽署由儀式開始（{starts_at}）起進行；未能出席的締約方可以副本方式簽署"
    ),
    "the MoU has no term yet": "備忘錄尚未有期限",
    "the ceremony was scheduled for version {scheduled}; schedule one for version {approved}, or sign in counterpart": (
        "簽署儀式是為第 {scheduled} 版安排的；請為第 {approved} 版安排儀式，或以副本方式簽署"
    ),
    "the ceremony must be in the future; {starts_at} has passed": "簽署儀式須在將來舉行；{starts_at} 已過",
    "the ceremony on {day} is too far ahead; schedule it on or before {latest}": (
        "{day} 的簽署儀式過於遙遠；請安排在 {latest} 或之前"
    ),
    "the draft cannot change once a party has signed; void the signatures first": "已有締約方簽署，草擬本不可更改；須先作廢簽署",
    "the draft is {size} KB as JSON; a draft may be at most {limit} KB": "草擬本為 {size} KB（JSON）；上限為 {limit} KB",
    "the effective date {effective} is outside the window from {earliest} to {latest}": (
        "生效日期 {effective} 不在 {earliest} 至 {latest} 的範圍內"
    ),
    "there is no review round open": "目前沒有進行中的審閱",
    "this MoU's drafts would total {total} KB, over the {limit} KB that one MoU keeps; shorten the draft, "
    "or agree the text outside mouflow before a last revision": (
        "此備忘錄的草擬本合共將達 {total} KB，超過每份備忘錄 {limit} KB 的上限；請縮短草擬本，或先在系統外議定文本再作最後修訂"
    ),
    "this MoU's rules know no signing in counterpart; sign at the ceremony": "此備忘錄的規則不設副本簽署；請於儀式上簽署",
    "version {base} is stale; the current draft is version {current}": "第 {base} 版已過時；現行草擬本為第 {current} 版",
    "version {version} is approved; reopen it to drafting first": "第 {version} 版已獲批准；須先重新開放草擬",
    "version {version} is not under review; version {current} is": "第 {version} 版不在審閱中；審閱中的是第 {current} 版",
    "version {version} is stale; the current draft is version {current}": "第 {version} 版已過時；現行草擬本為第 {current} 版",
    "version {version} was not approved; version {approved} was": "第 {version} 版未獲批准；獲批准的是第 {approved} 版",
    "you may not draft a new version of MoU {mou} now": "您現時不可為備忘錄 {mou} 草擬新版本",
    "{document} is not missing: there is nothing to make again": "{document} 並無缺失，毋須重新製作",
    "{document} was asked for again at {at}; it is being made": "{document} 已於 {at} 要求重新製作，正在製作中",
}

# comparing versions (api/services/redlines.py)
ZH_HANT_REFUSALS.update(
    {
        "MoU {mou} has no version {number}; its versions are 1 to {latest}": "備忘錄 {mou} 沒有第 {number} 版；其版本為第 1 至第 {latest} 版",
        "version {old} comes after version {new}; compare an earlier version to a later one": "第 {old} 版在第 {new} 版之後；請以較早的版本與較後的版本比較",
    }
)

# review comments and their answers (mouflow/domain/discussion.py)
ZH_HANT_REFUSALS.update(
    {
        "version {version} has no clause {clause}; its clauses are 1 to {count}": "第 {version} 版沒有第 {clause} 條；其條款為第 1 至第 {count} 條",
        "this MoU's comments would pass {limit} KB; shorten these or answer on the whole version": "本備忘錄的意見將超過 {limit} KB；請縮短意見，或就整個版本提出意見",
        "an answer needs a reply saying why the text stays, or what is asked": "回覆意見須寫明文本為何不改，或須對方說明甚麼",
        "MoU {mou} has no comment {comment!r}": "備忘錄 {mou} 沒有意見 {comment!r}",
        "comment {comment!r} was already {resolution} by {name}": "意見 {comment!r} 已由 {name} {resolution}",
    }
)

# submitting with a text changed in one language only, unconfirmed (api/services/authenticity.py); the page
# lists the changes, translated, beside the checkbox, so the Chinese words count them rather than name them
ZH_HANT_REFUSALS[UNCONFIRMED] = (
    "自第 {submitted} 版（最近提交審閱的版本）以來，第 {version} 版有 {count} 處只修改了一種語言；"
    "請核對另一語言的文本意思相同，並加以確認"
)

# the values a refusal names that are words, not data: what was being done, stages, roles
ZH_HANT_VALUES: dict[str, str] = {
    "amend the milestone plan": "修訂里程碑計劃",
    "answer a review comment": "回覆審閱意見",
    "addressed": "處理",
    "answered": "回覆",
    "confirm a milestone": "確認里程碑",
    "decide on renewal": "決定續期",
    "reopen the approved version": "重新開放已批准的版本",
    "report milestone progress": "報告里程碑進度",
    "review": "審閱",
    "revise the draft": "修訂草擬本",
    "schedule the signing ceremony": "安排簽署儀式",
    "sign": "簽署",
    "submit for review": "提交審閱",
    "terminate": "終止",
    "void signatures": "作廢簽署",
    "withdraw": "撤回",
}


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(template) if name}


# input the request models refuse (422, `body.reason: ...`): no rule's template, but the model's own words,
# which a Chinese page shows in Chinese, after the same field names (pydantic's messages, as FastAPI answers)
ZH_HANT_INPUT: dict[str, str] = {
    r"String should have at least (\d+) characters?": r"最少須有 \1 個字元",
    r"Field required": "必須填寫",
    r"String should match pattern '(.+)'": r"格式不符，須符合 \1",
    r"Input should be a valid integer.*": "須為整數",
    r"Input should be a valid date.*": "須為有效日期（YYYY-MM-DD）",
    r"Input should be greater than or equal to (\S+)": r"須大於或等於 \1",
    r"Input should be less than or equal to (\S+)": r"須小於或等於 \1",
    r"Value error, give either due_date or offset_months and/or offset_days": "須填寫到期日，或生效日期後的月數及／或日數（兩者擇一）",
}


def refusal_in(problem: Problem, translate: Translator) -> str:
    """The words a page shows for a refusal, in the page's language."""
    if translate.language == "zh-Hant" and problem.template is None and problem.code == "invalid_input":
        return _input_refusal_in_chinese(problem.message)
    if translate.language != "zh-Hant" or problem.template not in ZH_HANT_REFUSALS:
        return problem.message
    values = {name: _word(value, translate) for name, value in problem.values.items()}
    try:
        return ZH_HANT_REFUSALS[problem.template].format(**values)
    except (KeyError, IndexError, ValueError):  # values from an older release: the English words still hold
        return problem.message


def _word(value: object, translate: Translator) -> object:
    if not isinstance(value, str):
        return value
    if value in ZH_HANT_VALUES:
        return ZH_HANT_VALUES[value]
    if " or " in value:  # "drafting or in_review": each stage in words
        return "或".join(translate(part) for part in value.split(" or "))
    return translate(value) if "_" in value or value in {"drafting", "signed", "expired", "withdrawn"} else value


def _input_refusal_in_chinese(message: str) -> str:
    """`body.reason: String should have ...; body.milestones.0.id: Field required`, each part's words in
    Chinese after its field; a part with words we do not know stays in English."""
    return "；".join(_input_part_in_chinese(part) for part in message.split("; "))


def _input_part_in_chinese(part: str) -> str:
    field, colon, words = part.partition(": ")
    for english, chinese in ZH_HANT_INPUT.items():
        if colon and re.fullmatch(english, words):
            return f"{field}：{re.sub(english, chinese, words)}"
    return part
