"""The real case mouflow serves, as data: the symposium of 3 June 2025 in Hong Kong.

Hong Kong Talent Engage signed MoUs with the Shenzhen Qianhai Cooperation Zone and with Guangzhou
Nansha District on talent recruitment, services, employment and development, witnessed by the
Secretary for Labour and Welfare. The seed command and the tests build on these.

Beside them, a three-party memorandum on Greater Bay Area talent mobility (HKTE with both regions at
once, `gba_mou`): the tests drive it; the seed command does not start it.
"""

from datetime import date

from mouflow.domain.actions import Actor, Official, Signatory, StartMou
from mouflow.domain.content import Bilingual, BilingualText, Clause, DraftContent, MilestonePlanItem, Party
from mouflow.domain.enums import ReadingLanguage, Role

HKTE = Party(id="hkte", name=Bilingual(en="Hong Kong Talent Engage", zh="香港人才服務辦公室"))
QIANHAI = Party(
    id="qianhai",
    name=Bilingual(en="Shenzhen Qianhai Cooperation Zone", zh="深圳前海合作區"),
    wants_simplified_copy=True,
)
NANSHA = Party(id="nansha", name=Bilingual(en="Guangzhou Nansha District", zh="廣州南沙區"), wants_simplified_copy=True)
# the Mainland partner regions read Simplified Chinese; HKTE's users read what their browsers ask for
READS = {QIANHAI.id: ReadingLanguage.SIMPLIFIED_CHINESE, NANSHA.id: ReadingLanguage.SIMPLIFIED_CHINESE}

SCOPE = [
    Bilingual(en="Talent recruitment", zh="人才招聘"),
    Bilingual(en="Talent services", zh="人才服務"),
    Bilingual(en="Employment", zh="就業"),
    Bilingual(en="Talent development", zh="人才發展"),
]

SECRETARY_FOR_LABOUR = Official(
    name=Bilingual(en="Chris Sun", zh="孫玉菡"),
    title=Bilingual(en="Secretary for Labour and Welfare", zh="勞工及福利局局長"),
)
HKTE_SIGNATORY = Signatory(
    name_en="Anthony Lau",
    title_en="Director, Hong Kong Talent Engage",
    name_zh="劉焱",
    title_zh="香港人才服務辦公室總監",
)
SIGNATORIES = {
    HKTE.id: HKTE_SIGNATORY,
    QIANHAI.id: Signatory(name_en="Qianhai representative", title_en="Deputy Director", name_zh="前海代表"),
    NANSHA.id: Signatory(name_en="Nansha representative", title_en="Deputy District Head", name_zh="南沙代表"),
}
CEREMONY_VENUE = Bilingual(en="Central Government Offices, Tamar", zh="添馬政府總部")


def officer(party: Party, name: str = "") -> Actor:
    return Actor(
        user_id=f"{party.id}-officer", name=name or f"{party.name.en} officer", party_id=party.id, role=Role.OFFICER
    )


def manager() -> Actor:
    return Actor(user_id="hkte-manager", name="Programme manager", party_id=HKTE.id, role=Role.MANAGER)


def clauses(partner: Party) -> list[Clause]:
    return [
        Clause(
            heading=Bilingual(en="Purpose", zh="目的"),
            text=BilingualText(
                en=f"Hong Kong Talent Engage and {partner.name.en} deepen collaboration in talent recruitment, "
                "services, employment and development between Hong Kong and the region.",
                zh=f"香港人才服務辦公室與{partner.name.zh}深化香港與該區在人才招聘、服務、就業及發展方面的合作。",
            ),
        ),
        Clause(
            heading=Bilingual(en="Joint activities", zh="聯合活動"),
            text=BilingualText(
                en="The parties hold joint recruitment events and exchange information on talent policies.",
                zh="雙方舉辦聯合招聘活動，並交流人才政策資訊。",
            ),
        ),
    ]


def year_of_milestones(partner: Party) -> list[MilestonePlanItem]:
    return [
        MilestonePlanItem(
            id="joint-recruitment-fair",
            title=Bilingual(en="Joint recruitment fair", zh="聯合招聘會"),
            owner_party_id=HKTE.id,
            offset_months=3,
            requires_confirmation=True,
        ),
        MilestonePlanItem(
            id="talent-services-report",
            title=Bilingual(en="Talent services progress report", zh="人才服務進度報告"),
            owner_party_id=partner.id,
            offset_months=6,
        ),
        MilestonePlanItem(
            id="annual-review",
            title=Bilingual(en="Annual review", zh="年度檢討"),
            owner_party_id=HKTE.id,
            offset_months=12,
        ),
    ]


def symposium_mou(partner: Party, mou_id: str, effective_date: date | None = None) -> StartMou:
    content = DraftContent(
        title=Bilingual(
            en="Memorandum of Understanding on Talent Cooperation between Hong Kong Talent Engage and "
            f"{partner.name.en}",
            zh=f"香港人才服務辦公室與{partner.name.zh}人才合作諒解備忘錄",
        ),
        scope_areas=SCOPE,
        term_months=36,
        effective_date=effective_date,
        clauses=clauses(partner),
        milestones=year_of_milestones(partner),
    )
    return StartMou(mou_id=mou_id, actor=officer(HKTE), owner=HKTE, partners=[partner], content=content)


GBA_TITLE = Bilingual(
    en="Memorandum of Understanding on Greater Bay Area Talent Mobility among Hong Kong Talent Engage, "
    "the Shenzhen Qianhai Cooperation Zone and Guangzhou Nansha District",
    zh="香港人才服務辦公室、深圳前海合作區與廣州南沙區大灣區人才流動合作諒解備忘錄",
)
GBA_CLAUSES = [
    Clause(
        heading=Bilingual(en="Purpose", zh="目的"),
        text=BilingualText(
            en="The three parties make it easier for talent to move, work and settle across Hong Kong, "
            "Qianhai and Nansha within the Greater Bay Area.",
            zh="三方便利人才在大灣區內的香港、前海及南沙之間流動、就業及定居。",
        ),
    ),
    Clause(
        heading=Bilingual(en="Mutual recognition", zh="互認"),
        text=BilingualText(
            en="The three parties exchange lists of recognised qualifications and refer talent to one another.",
            zh="三方互換認可資歷清單，並互相轉介人才。",
        ),
    ),
]


def gba_milestones() -> list[MilestonePlanItem]:
    """One for each party, the first only days after the effective date."""
    return [
        MilestonePlanItem(
            id="tripartite-meeting",
            title=Bilingual(en="First tripartite coordination meeting", zh="首次三方協調會議"),
            owner_party_id=HKTE.id,
            offset_days=20,
        ),
        MilestonePlanItem(
            id="qualification-lists",
            title=Bilingual(en="Lists of recognised qualifications exchanged", zh="互換認可資歷清單"),
            owner_party_id=QIANHAI.id,
            offset_months=3,
            requires_confirmation=True,
        ),
        MilestonePlanItem(
            id="mobility-report",
            title=Bilingual(en="Talent mobility report", zh="人才流動報告"),
            owner_party_id=NANSHA.id,
            offset_months=6,
        ),
    ]


def gba_mou(mou_id: str = "hkte-gba-mobility-2025") -> StartMou:
    """HKTE with both partner regions in one instrument: the three-party case (not seeded)."""
    content = DraftContent(
        title=GBA_TITLE,
        scope_areas=[Bilingual(en="Talent mobility", zh="人才流動"), *SCOPE[:2]],
        term_months=24,
        clauses=GBA_CLAUSES,
        milestones=gba_milestones(),
    )
    return StartMou(mou_id=mou_id, actor=officer(HKTE), owner=HKTE, partners=[QIANHAI, NANSHA], content=content)


def monthly_reports(months: int) -> list[MilestonePlanItem]:
    """A progress report on the 16th of every month of a term, owed by HKTE and Qianhai in turn: the
    long MoU that the ten-year test and bench/history.py run."""
    return [
        MilestonePlanItem(
            id=f"report-{n:03d}",
            title=Bilingual(en=f"Monthly progress report {n}", zh=f"第{n}期月度進度報告"),
            owner_party_id=(HKTE if n % 2 else QIANHAI).id,
            offset_months=n - 1,
            offset_days=15,
        )
        for n in range(1, months + 1)
    ]
