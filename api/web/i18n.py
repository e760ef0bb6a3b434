"""The interface in English and Traditional Chinese. Documents are bilingual already; these are the
words around them. A missing Chinese entry falls back to English rather than failing the page."""

from fastapi import Request

LANGUAGES = {"en": "English", "zh-Hant": "繁體中文"}
LANGUAGE_COOKIE = "mouflow_lang"

ZH_HANT: dict[str, str] = {
    "mouflow": "諒解備忘錄流程",
    "Sign in": "登入",
    "Sign out": "登出",
    "API token": "API 憑證",
    "Your token is the one printed when your user was created.": "憑證於建立用戶時列印一次。",
    "MoUs": "備忘錄",
    "Review inbox": "待辦審閱",
    "Dashboard": "管理儀表板",
    "Search titles": "搜尋標題",
    "Party": "締約方",
    "Stage": "階段",
    "Overdue": "逾期",
    "any": "全部",
    "yes": "是",
    "no": "否",
    "Filter": "篩選",
    "Next page": "下一頁",
    "No MoU matches.": "沒有符合的備忘錄。",
    "Title": "標題",
    "Parties": "締約方",
    "Version": "版本",
    "Next deadline": "下一個期限",
    "Updated": "更新時間",
    "Timeline": "時間線",
    "Milestones": "里程碑",
    "Documents": "文件",
    "What you can do now": "您現在可以",
    "Nothing waits on you here.": "此處沒有待您處理的事項。",
    "Actions are unavailable for now: the MoU's workflow did not answer. Reload the page shortly.": (
        "暫時無法操作：備忘錄的工作流程未有回應。請稍後重新載入頁面。"
    ),
    "Submit for review": "提交審閱",
    "Review days": "審閱日數",
    "Review version": "審閱版本",
    "Approve": "批准",
    "Request changes": "要求修改",
    "Comment": "意見",
    "Sign": "簽署",
    "Signatory name": "簽署人姓名",
    "Signatory title": "簽署人職銜",
    "How this party signs": "本方簽署方式",
    "Notice of termination given by": "終止通知發出方：",
    "The MoU stays in force until it ends on": "備忘錄繼續生效，直至終止日",
    "Agreed to end it at once": "已同意即時終止",
    "in counterpart": "副本簽署",
    "At the ceremony, from its start": "於簽署儀式上簽署（由儀式開始起）",
    "In counterpart: this party cannot attend": "以副本方式簽署：本方未能出席儀式",
    "Report progress": "報告進度",
    "Milestone": "里程碑",
    "Status": "狀態",
    "Note": "備註",
    "Confirm": "確認",
    "Confirm milestone": "確認里程碑",
    "Due": "到期",
    "Owner": "負責方",
    "today": "今天",
    "Done": "已完成",
    "In progress": "進行中",
    "Pending": "待辦",
    "Download": "下載",
    "No documents yet.": "尚未有文件。",
    "No milestones yet: they start when every party has signed.": "尚未有里程碑：各方簽署後開始。",
    "Ceremony": "簽署儀式",
    "Schedule the signing ceremony": "安排簽署儀式",
    "Move the signing ceremony": "更改簽署儀式",
    "Hong Kong time": "香港時間",
    "Starts at": "開始時間",
    "Witness name": "見證人姓名",
    "Witness title": "見證人職銜",
    "Schedule": "安排",
    "Renew this MoU for another term?": "是否續期另一任期？",
    "The term ends on": "本任期屆滿日為",
    "Renew": "續期",
    "Let it expire": "任其屆滿",
    "Venue": "地點",
    "Witnesses": "見證人",
    "Signatures": "簽署",
    "Reviews": "審閱",
    "Waiting on my party": "待本方處理",
    "Deadline": "期限",
    "Review": "審閱",
    "Signature": "簽署",
    "Progress report": "進度報告",
    "Overdue milestones": "逾期里程碑",
    "Upcoming milestones (60 days)": "即將到期的里程碑（60 日內）",
    "Progress per party": "各方進度",
    "None.": "沒有。",
    "Done.": "已完成。",
    "Saved.": "已儲存。",
    "Signed in as": "登入身分",
    "Language": "語言",
    "Times are Hong Kong time.": "時間以香港時間顯示。",
    "Page not found": "找不到頁面",
    "Something was refused": "操作被拒絕",
    "Back to the list": "返回列表",
    "Calendar (.ics)": "日曆 (.ics)",
    "drafting": "草擬中",
    "in_review": "審閱中",
    "ready_to_sign": "待簽署",
    "signed": "已簽署",
    "in_force": "生效中",
    "expired": "已屆滿",
    "withdrawn": "已撤回",
    "terminated": "已終止",
    "officer": "主任",
    "viewer": "檢視者",
    "manager": "經理",
    "admin": "管理員",
    "approve": "批准",
    "request_changes": "要求修改",
    "pending": "待辦",
    "in_progress": "進行中",
    "done": "已完成",
    "overdue": "逾期",
    "awaiting": "待審",
}
# event kinds as the timeline names them
ZH_HANT.update(
    {
        "started": "開始草擬",
        "revised": "修訂",
        "submitted": "提交審閱",
        "reviewed": "審閱",
        "changes_requested": "要求修改",
        "review_reminder": "審閱提醒",
        "review_escalated": "審閱逾期上報",
        "ceremony_scheduled": "安排簽署儀式",
        "ceremony_rescheduled": "更改簽署儀式",
        "executed": "正式簽訂",
        "milestone_reminder": "里程碑提醒",
        "milestone_overdue": "里程碑逾期",
        "milestone_progress": "里程碑進度",
        "milestone_confirmed": "里程碑確認",
        "milestones_amended": "修訂里程碑",
        "milestone_rescheduled": "更改里程碑到期日",
        "milestone_removed": "刪除里程碑",
        "comment_answered": "回覆意見",
        "renewal_due": "續期到期",
        "renewal_decided": "續期決定",
        "renewed": "已續期",
        "reopened": "重新開放草擬",
        "signatures_voided": "簽署已作廢",
        "termination_notice": "發出終止通知",
        "termination_consented": "同意即時終止",
    }
)


# the My party page
ZH_HANT.update(
    {
        "My party": "本方設定",
        "Calendar feed": "日曆訂閱",
        "Webhooks": "Webhook 通知",
        "Removed.": "已移除。",
        "Only an officer or a manager of the party issues its calendar feed and manages its webhooks.": (
            "只有本方的主任或經理可發出日曆訂閱網址及管理 Webhook。"
        ),
        "One address to subscribe to in Outlook, Google or Apple Calendar: your MoUs' signing ceremonies "
        "and every milestone due date, refreshed hourly.": (
            "在 Outlook、Google 或 Apple 日曆訂閱此網址：本方備忘錄的簽署儀式及每個里程碑到期日，每小時更新。"
        ),
        "Your new feed URL, shown this once:": "新的訂閱網址（只顯示這一次）：",
        "It works like a password: anyone who has it reads your party's calendar. "
        "Issuing another one retires this one.": "此網址等同密碼：任何人取得即可讀取本方日曆。再次發出會令此網址失效。",
        "Issuing a feed URL retires the previous one at once: calendars subscribed to it stop updating.": (
            "發出新網址會令舊網址即時失效：已訂閱舊網址的日曆將不再更新。"
        ),
        "Issue a new feed URL": "發出新的訂閱網址",
        "Each webhook receives a signed JSON POST when something happens to one of your MoUs.": (
            "本方備忘錄有新進展時，每個 Webhook 都會收到一個已簽署的 JSON POST。"
        ),
        "Webhook added. Its signing secret, shown this once:": "已新增 Webhook。其簽署密鑰（只顯示這一次）：",
        "Keep it now: it checks the Mouflow-Signature of every delivery, and it cannot be shown again.": (
            "請立即保存：它用於核對每次傳送的 Mouflow-Signature，之後無法再顯示。"
        ),
        "No webhooks yet.": "尚未有 Webhook。",
        "every event": "所有事件",
        "Active": "啟用",
        "Added": "新增於",
        "Remove": "移除",
        "Event": "事件",
        "Attempts": "嘗試",
        "No deliveries yet.": "尚未有傳送。",
        "Add a webhook": "新增 Webhook",
        "Events (none ticked: every event)": "事件（不選即所有事件）",
        "Add webhook": "新增",
        "delivered": "已送達",
        "failed": "失敗",
        "skipped": "已略過",
    }
)

# documents that could not be made, on the MoU page
ZH_HANT.update(
    {
        "Missing documents": "未能製作的文件",
        "Could not be made": "未能製作",
        "Make it again": "重新製作",
        "Asked for again; being made.": "已要求重新製作，製作中。",
        "document_missing": "文件未能製作",
        "document_requested": "要求重新製作文件",
        "document_rendered": "文件已補製",
    }
)

# starting and drafting MoUs (api/web/start_pages.py, api/web/draft_pages.py)
ZH_HANT.update(
    {
        "Start an MoU": "開始草擬備忘錄",
        "Start a copy": "以此為範本開始新備忘錄",
        "Edit the draft": "編輯草擬本",
        "Started:": "已開始：",
        "A copy of the latest version of": "複製自以下備忘錄的最新版本：",
        "Nothing is started until you press Start.": "按「開始」前不會建立任何備忘錄。",
        "Nothing was started: please correct the fields marked below.": "未有開始任何備忘錄：請修正下列標示的欄位。",
        "Nothing was saved: please correct the fields marked below.": "未有儲存：請修正下列標示的欄位。",
        "Partners (one or more):": "合作方（一個或以上）：",
        "With several partners": "如有多於一個合作方",
        "One MoU per partner, each with this text": "每個合作方各簽一份備忘錄，文本相同",
        "One MoU signed by all the partners": "所有合作方共簽一份備忘錄",
        "Choose at least one partner.": "請至少選擇一個合作方。",
        "The form was not sent as this page drew it; nothing was saved. Check it and save again.": (
            "表格並非按本頁所示送出；未有儲存任何內容。請檢查後再儲存。"
        ),
        "The form does not say which version it was edited from; reload the editor and type the changes again.": (
            "表格未註明是從哪個版本編輯；請重新載入編輯頁並再次輸入修改。"
        ),
        "The form was not sent as this page drew it; nothing was started. Check it and start again.": (
            "表格並非按本頁所示送出；未有建立任何備忘錄。請檢查後再建立。"
        ),
        "Each partner may be chosen only once.": "每個合作方只可選擇一次。",
        "There is no such partner:": "沒有此合作方：",
        "Start": "開始",
        "Cancel": "取消",
        "Check": "檢查",
        "Term": "期限",
        "Term (months)": "期限（月）",
        "Effective date (optional)": "生效日期（可選）",
        "Empty: in effect on the day the last party signs.": "留空：於最後一方簽署當日生效。",
        "Notice of termination (months)": "終止通知期（月）",
        "Scope areas": "合作範疇",
        "Add a scope area": "新增合作範疇",
        "Clauses": "條款",
        "Clause": "條款",
        "Heading": "條款標題",
        "Text": "條文",
        "Add a clause": "新增條款",
        "Remove clause": "刪除條款",
        "Remove milestone": "刪除里程碑",
        "Move up": "上移",
        "Move down": "下移",
        "Milestone plan": "里程碑計劃",
        "Each milestone is due on a date, or a number of months and days after the effective date.": (
            "每個里程碑的到期日可為指定日期，或生效日期後的若干月及日。"
        ),
        "Short id (a-z, 0-9, -)": "簡短編號（a-z、0-9、-）",
        "Each MoU's partner": "各備忘錄的合作方",
        "Due date": "到期日",
        "or": "或",
        "Months after the effective date": "生效日期後月數",
        "and days": "及日數",
        "The other side confirms it is done": "須由另一方確認完成",
        "Add a milestone": "新增里程碑",
        "New version, based on version": "新版本，根據版本",
        "Someone saved a newer version while you were editing. Your text is kept below and nothing was saved.": (
            "您編輯期間已有人儲存較新的版本。您輸入的文本保留於下方，未有儲存。"
        ),
        "Read version {n}": "閱讀第 {n} 版",
        "Edit version {n} instead": "改為編輯第 {n} 版",
        "Save as a new version": "儲存為新版本",
        "Required: write it here.": "必須填寫。",
        "Too long: at most {max_length} characters.": "過長：最多 {max_length} 個字元。",
        "Use lower-case letters, digits and hyphens (at least 2).": "請用小楷字母、數字及連字號（最少兩個字元）。",
        "A whole number, please.": "請填寫整數。",
        "A date, please (YYYY-MM-DD).": "請填寫日期（YYYY-MM-DD）。",
        "At least {ge}.": "最少為 {ge}。",
        "At most {le}.": "最多為 {le}。",
        "Add at least {min_length}.": "請最少新增 {min_length} 項。",
        "At most {max_length}.": "最多 {max_length} 項。",
        "Give a due date, or months and/or days after the effective date.": (
            "請填寫到期日，或生效日期後的月數及／或日數。"
        ),
    }
)

# reading a version and the redline between two (api/web/reading_pages.py)
ZH_HANT.update(
    {
        "Read version": "閱讀版本",
        "Versions": "版本",
        "Back to the MoU": "返回備忘錄",
        "What changed": "修改之處",
        "What changed in this version": "此版本的修改之處",
        "Term": "期限",
        "months": "個月",
        "Effective date": "生效日期",
        "On the day the last party signs": "於最後一方簽署當日",
        "Notice of termination": "終止通知期",
        "Scope areas": "合作範疇",
        "Scope area": "合作範疇",
        "scope area": "合作範疇",
        "Clauses": "條款",
        "Clause": "條款",
        "clause": "條款",
        "heading": "標題",
        "text": "內容",
        "version": "版本",
        "Milestone plan": "里程碑計劃",
        "Confirmation needed": "須確認",
        "No milestones in this version.": "此版本沒有里程碑。",
        "From version": "由版本",
        "To version": "至版本",
        "to version": "至版本",
        "Compare": "比較",
        "the version your party last reviewed": "貴方最近審閱的版本",
        "your party's last review": "貴方最近審閱",
        "Nothing changed between these versions.": "這兩個版本之間沒有修改。",
        "Changed in one language only": "只修改了一種語言",
        "Changed in English only: check the Chinese text says the same.": "只修改了英文本：請核對中文本是否相同。",
        "Changed in Chinese only: check the English text says the same.": "只修改了中文本：請核對英文本是否相同。",
        "Summary": "摘要",
        "Clauses changed": "修改的條款",
        "Clauses added": "新增的條款",
        "Clauses removed": "刪除的條款",
        "Clauses moved": "移動的條款",
        "Scope areas changed": "修改的合作範疇",
        "Milestones changed": "修改的里程碑",
        "Title and term": "標題及期限",
        "changed": "已修改",
        "added": "新增",
        "removed": "已刪除",
        "unchanged": "未修改",
        "moved from": "移自",
        "changed, and moved from": "已修改，並移自",
    }
)


# equal authenticity on submit: the changes in one language only, confirmed (api/services/authenticity.py)
ZH_HANT.update(
    {
        "since the version last submitted for review": "自最近提交審閱的版本以來",
        "See the redline": "查看修訂對照",
        "I confirm the other language says the same": "本人確認另一語言的文本意思相同",
    }
)

# closing an MoU and amending its milestones, on the MoU page (templates/web/_closing_forms.html)
ZH_HANT.update(
    {
        "Withdraw this MoU before it is signed: it closes for every party, and signatures given stay on record.": (
            "於簽署完成前撤回此備忘錄：備忘錄對各方結束，已作出的簽署仍留存記錄。"
        ),
        "Reason for withdrawing": "撤回原因",
        "Withdraw the MoU": "撤回備忘錄",
        "End this MoU: by written notice, after which it stays in force until the notice period of its text has run; "
        "or by agreement, when every party has consented to end it at once.": (
            "終止此備忘錄：以書面通知終止，備忘錄繼續生效至文本訂明的通知期屆滿；或經協議終止，各方均同意後即時終止。"
        ),
        "End this MoU at once by agreement: it ends when every party has consented.": (
            "以協議即時終止此備忘錄：各方均同意後即告終止。"
        ),
        "Terminate this MoU: under the rules it was agreed under, it ends at once.": (
            "終止此備忘錄：按其簽訂時的規則，備忘錄即時終止。"
        ),
        "Terminate the MoU": "終止備忘錄",
        "Reason for ending it": "終止原因",
        "Give notice of termination": "發出終止通知",
        "Consent to end it at once by agreement": "同意以協議即時終止",
        "Void the signatures given so far, so that the text can still change; they stay on record and every party "
        "is told why.": "作廢目前已作出的簽署，使文本仍可修改；簽署留存記錄，並通知各方原因。",
        "Reason for voiding": "作廢原因",
        "Void the signatures": "作廢簽署",
        "Reopen the approved version to drafting: every approval is cleared, and the next version goes round every "
        "party again.": "將已批准的版本重新開放草擬：所有批准均被清除，下一版本須再經各方審閱。",
        "Reason for reopening": "重新開放原因",
        "Reopen to drafting": "重新開放草擬",
        "Add a milestone to the plan": "在計劃中新增里程碑",
        "due from": "到期日須由",
        "and before the term ends on": "起，並早於期限屆滿日",
        "Milestone id": "里程碑編號",
        "lower-case letters, digits and hyphens": "小寫英文字母、數字及連字號",
        "Due: a date, or months and/or days after the effective date": "到期：指定日期，或生效日期後的月數及／或日數",
        "Due date": "到期日",
        "Months after": "生效後月數",
        "Days after": "生效後日數",
        "The other side confirms it when done": "完成後由另一方確認",
        "Reason for the amendment": "修訂原因",
        "Add the milestone": "新增里程碑",
        "on the English text": "關於英文本",
        "on the Chinese text": "關於中文本",
        "Addressed in version {n}": "已於第 {n} 版處理",
        "Answered in version {n}": "已於第 {n} 版答覆",
        "Reply": "回覆內容",
        "Mark addressed": "標示為已處理",
        "Answer": "答覆",
        ": ": "：",
        ", not answered: ": "，未回覆：",
        "Not answered yet, on other versions": "其他版本上尚未回覆的意見",
        "Not answered yet": "尚未回覆",
        "Comment on this clause": "就本條款提出意見",
        "Your comments on the clauses above go with this review.": "你就以上條款提出的意見會隨本審閱一併提交。",
        "Comment on the whole version": "就整個版本提出意見",
        "Review this version: comment on any clause, then approve or request changes": (
            "審閱此版本：可就任何條款提出意見，然後批准或要求修改"
        ),
        "Review comments": "審閱意見",
        "Comments on the whole version": "就整個版本提出的意見",
        "Comments on clauses stand on their clause below.": "就條款提出的意見列於下方相關條款。",
        "Comment on clauses: review on the redline": "就條款提出意見：在修訂對照頁審閱",
        "Reschedule or remove a milestone of this term": "更改本期里程碑的到期日或刪除里程碑",
        "New due date": "新到期日",
        "Reason for the change": "更改原因",
        "Reschedule the milestone": "更改到期日",
        "Remove the milestone": "刪除里程碑",
    }
)


def language_of(request: Request) -> str:
    """The language the user chose, else the first one their browser asks for that we have."""
    chosen = request.cookies.get(LANGUAGE_COOKIE)
    if chosen in LANGUAGES:
        return chosen
    wanted = request.headers.get("accept-language", "").lower()
    return "zh-Hant" if wanted.startswith("zh") else "en"


class Translator:
    def __init__(self, language: str) -> None:
        self.language = language

    def __call__(self, text: str) -> str:
        if self.language == "zh-Hant" and text in ZH_HANT:
            return ZH_HANT[text]
        return _readable(text)


def _readable(text: str) -> str:
    """A code such as `changes_requested` reads as words; a sentence is left as it is."""
    return text.replace("_", " ") if " " not in text else text
