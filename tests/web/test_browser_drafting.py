"""In headless Chromium: the HKTE officer starts the symposium's two MoUs, with Shenzhen Qianhai and with
Guangzhou Nansha, from one text, then drafts a revision of one in Chinese, with plain forms only.
Screenshots of the new-MoU form and the editor land in tests/web/screenshots."""

import httpx
from playwright.async_api import Browser, expect
from sqlalchemy.orm import Session, sessionmaker

from mouflow.domain.enums import Role
from tests.api.conftest import make_users
from tests.symposium import HttpDriver, Person

TITLE_EN = "Memorandum of Understanding on Talent Cooperation"
TITLE_ZH = "人才合作諒解備忘錄"


async def fill_the_text(hkte: Person) -> None:
    """One text for both partners: two scope areas, two clauses, a fair HKTE holds, each partner's report."""
    page = hkte.page
    await page.fill("#title-en", TITLE_EN)
    await page.fill("#title-zh", TITLE_ZH)
    await page.fill("#term-months", "36")
    await page.fill("#scope-0-en", "Talent recruitment")
    await page.fill("#scope-0-zh", "人才招聘")
    await hkte.press("#add-scope")
    await page.fill("#scope-1-en", "Talent services")
    await page.fill("#scope-1-zh", "人才服務")
    await page.fill("#clause-0-heading-en", "Purpose")
    await page.fill("#clause-0-heading-zh", "目的")
    await page.fill("#clause-0-text-en", "The parties deepen collaboration in talent recruitment and services.")
    await page.fill("#clause-0-text-zh", "雙方深化在人才招聘及服務方面的合作。")
    await hkte.press("#add-clause")
    await expect(page.locator("#clause-0-text-zh")).to_have_value("雙方深化在人才招聘及服務方面的合作。")
    await page.fill("#clause-1-heading-en", "Joint activities")
    await page.fill("#clause-1-heading-zh", "聯合活動")
    await page.fill("#clause-1-text-en", "The parties hold joint recruitment events.")
    await page.fill("#clause-1-text-zh", "雙方舉辦聯合招聘活動。")
    await hkte.press("#add-milestone")
    await fill_milestone(hkte, 0, ("joint-recruitment-fair", "Joint recruitment fair", "聯合招聘會"), "hkte", "3")
    await page.check("#milestone-0-confirm")
    await hkte.press("#add-milestone")
    await fill_milestone(hkte, 1, ("talent-services-report", "Talent services report", "人才服務報告"), "partner", "6")


async def fill_milestone(hkte: Person, index: int, names: tuple[str, str, str], owner: str, months: str) -> None:
    slug, title_en, title_zh = names
    await hkte.page.fill(f"#milestone-{index}-id", slug)
    await hkte.page.fill(f"#milestone-{index}-title-en", title_en)
    await hkte.page.fill(f"#milestone-{index}-title-zh", title_zh)
    await hkte.page.select_option(f"#milestone-{index}-owner", owner)
    await hkte.page.fill(f"#milestone-{index}-offset-months", months)


async def test_the_symposium_mous_start_from_one_text_and_are_drafted_in_the_browser(
    site: str, browser: Browser, sessions: sessionmaker[Session]
) -> None:
    users = make_users(sessions)
    hkte = await Person.sign_in(browser, site, users.token("hkte", Role.OFFICER), "hkte-officer")
    await hkte.press("#start-new")
    await fill_the_text(hkte)
    await hkte.page.check("#partner-qianhai")
    await hkte.page.check("#partner-nansha")
    await hkte.page.check("#mode-each")
    await hkte.shot("drafting-01-new-mou-en")
    await hkte.page.fill("#title-en", "")  # forgotten: answered next to it, nothing started
    await hkte.press("#do-start")
    await expect(hkte.page.locator("#error-title_en")).to_be_visible()
    await expect(hkte.page.locator("#clause-1-text-zh")).to_have_value("雙方舉辦聯合招聘活動。")
    await hkte.shot("drafting-02-new-mou-refused-en")
    await hkte.page.fill("#title-en", TITLE_EN)
    await hkte.press("#do-start")
    started = hkte.page.locator("#started a")
    await expect(started).to_have_count(2)
    ids = sorted(await started.all_inner_texts())
    assert [mou_id.rsplit("-", 1)[0] for mou_id in ids] == ["hkte-nansha", "hkte-qianhai"]

    async with httpx.AsyncClient(base_url=site, timeout=30) as client:
        api = HttpDriver(client, users)
        for mou_id, partner in zip(ids, ["nansha", "qianhai"], strict=True):
            mou = await api.call("GET", f"/mous/{mou_id}", "hkte")
            assert mou["party_ids"] == ["hkte", partner] and mou["title_zh"] == TITLE_ZH
            draft = await api.call("GET", f"/mous/{mou_id}/versions/1", "hkte")
            assert draft["milestones"][1]["owner_party_id"] == partner

        qianhai_mou = ids[1]
        await hkte.visit(f"/web/mous/{qianhai_mou}")
        await hkte.page.click("#lang-zh-Hant")
        await hkte.press("#edit-draft")
        await expect(hkte.page.locator("h1")).to_have_text("編輯草擬本")
        await hkte.press("#add-clause")
        await hkte.page.fill("#clause-2-heading-en", "Review")
        await hkte.page.fill("#clause-2-heading-zh", "檢討")
        await hkte.page.fill("#clause-2-text-en", "The parties review this MoU every year.")
        await hkte.press("#up-clause-2")  # moved before the joint activities, typed text kept
        await expect(hkte.page.locator("#clause-1-heading-zh")).to_have_value("檢討")
        await hkte.page.fill("#clause-1-text-zh", "雙方每年檢討本備忘錄。")
        await hkte.shot("drafting-03-editor-zh")
        await hkte.page.fill("#clause-1-text-zh", "")
        await hkte.press("#do-save")  # the Chinese text is missing: said next to it, in Chinese
        await expect(hkte.page.locator("#error-clause-1-text_zh")).to_contain_text("必須填寫")
        await expect(hkte.page.locator("#clause-1-text-en")).to_have_value("The parties review this MoU every year.")
        await hkte.page.fill("#clause-1-text-zh", "雙方每年檢討本備忘錄。")
        await hkte.press("#do-save")
        await expect(hkte.page.locator("#notice")).to_have_text("已儲存。")
        revised = await api.call("GET", f"/mous/{qianhai_mou}/versions/2", "hkte")
        assert [c["heading"]["zh"] for c in revised["clauses"]] == ["目的", "檢討", "聯合活動"]
