"""In headless Chromium, with plain forms only, the drafting desk end to end:

1. the HKTE officer starts the symposium's two MoUs, with Shenzhen Qianhai and with Guangzhou Nansha, from one
   text, and drafts a revision of one in Chinese;
2. the Qianhai officer comments on one clause in Chinese, on the redline, and requests changes;
3. HKTE revises that clause, sees the comment on it in the redline and marks it addressed;
4. both parties read the redline and approve;
5. the clause, changed in Chinese only, is flagged, and HKTE confirms it on submit;
6. a save made in a second tab, on the version the first tab replaced, is refused with its text kept.

Screenshots of the new-MoU form, the editor and the redline, in both languages, land in tests/web/screenshots."""

import httpx
from playwright.async_api import Browser, Page, expect
from sqlalchemy.orm import Session, sessionmaker

from mouflow.domain.enums import Role
from mouflow.translations import translations_of
from tests.api.conftest import make_users
from tests.symposium import HttpDriver, Person

TITLE_EN = "Memorandum of Understanding on Talent Cooperation"
TITLE_ZH = "人才合作諒解備忘錄"
ON_THE_REVIEW_CLAUSE = "請寫明每年檢討的次數。"  # "say how often each year the MoU is reviewed"
TWICE_A_YEAR_ZH = "雙方每年兩次檢討本備忘錄。"
TYPED_IN_THE_OLD_TAB = "The parties deepen collaboration in talent recruitment, services and development."


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

        await submit(hkte, qianhai_mou)
        qianhai = await Person.sign_in(browser, site, users.token("qianhai", Role.OFFICER), "qianhai-officer")
        await comment_in_chinese_and_request_changes(qianhai, qianhai_mou)
        await revise_the_clause_while_an_old_tab_is_open(hkte, qianhai_mou)
        await address_the_comment_on_the_redline(hkte, qianhai_mou)
        await submit(hkte, qianhai_mou)
        for person in (hkte, qianhai):
            await approve_on_the_redline(person, qianhai_mou)
        mou = await api.call("GET", f"/mous/{qianhai_mou}", "qianhai")
        assert mou["stage"] == "ready_to_sign" and mou["approved_version"] == 3
        [comment] = mou["comments"]
        assert (comment["clause"], comment["language"], comment["text"]) == (2, "zh", ON_THE_REVIEW_CLAUSE)
        assert comment["answer"]["resolution"] == "addressed" and comment["answer"]["version"] == 3


async def submit(hkte: Person, mou_id: str) -> None:
    """From the MoU page; a text changed in one language only is confirmed beside the button."""
    await hkte.visit(f"/web/mous/{mou_id}")
    confirm = hkte.page.locator("#confirm-one-language")
    if await confirm.count():
        await confirm.check()
    await hkte.press("#do-submit")
    await expect(hkte.page.locator("#notice")).to_be_visible()


async def comment_in_chinese_and_request_changes(qianhai: Person, mou_id: str) -> None:
    """In Simplified Chinese, as a Mainland officer reads the pages; the comment on the Traditional text."""
    simplified = translations_of("zh-Hans")
    await qianhai.visit(f"/web/mous/{mou_id}")
    await qianhai.page.click("#lang-zh-Hans")
    await qianhai.press("#review-on-redline")
    await expect(qianhai.page.locator("#compared")).to_contain_text("由版本 1 至版本 2")
    await qianhai.page.click("#comment-on-clause-2")  # the box is folded away until the reviewer opens it
    await qianhai.page.fill("#comment-clause-2-zh", ON_THE_REVIEW_CLAUSE)
    await qianhai.shot("drafting-04-redline-review-zh-Hans")
    await qianhai.press("#do-request-changes")
    await expect(qianhai.page.locator("#notice")).to_have_text(simplified["Saved."])
    await expect(qianhai.page.locator("#clause-2 #comment-c1 .comment-text")).to_have_text(ON_THE_REVIEW_CLAUSE)
    await expect(qianhai.page.locator("#open-c1")).to_have_text(simplified["Not answered yet"])


async def revise_the_clause_while_an_old_tab_is_open(hkte: Person, mou_id: str) -> None:
    """Two editors on version 2: the first saves version 3, the second's save is then on an outdated version."""
    old_tab = await hkte.page.context.new_page()
    await old_tab.goto(f"{hkte.site}/web/mous/{mou_id}/draft")
    await hkte.visit(f"/web/mous/{mou_id}/draft")
    await hkte.page.fill("#clause-1-text-zh", TWICE_A_YEAR_ZH)  # the Chinese only: flagged for both languages
    await hkte.shot("drafting-05-editor-revising-zh")
    await hkte.press("#do-save")
    await expect(hkte.page.locator("#notice")).to_have_text("已儲存。")
    await save_on_the_outdated_version(old_tab, hkte)


async def save_on_the_outdated_version(old_tab: Page, hkte: Person) -> None:
    await old_tab.fill("#clause-0-text-en", TYPED_IN_THE_OLD_TAB)
    async with old_tab.expect_navigation():
        await old_tab.click("#do-save")
    await expect(old_tab.locator("#newer-version")).to_be_visible()
    await expect(old_tab.locator("#clause-0-text-en")).to_have_value(TYPED_IN_THE_OLD_TAB)
    await old_tab.screenshot(path=str(hkte.screenshots / f"drafting-06-outdated-save-refused-{hkte.name}.png"))
    await old_tab.close()


async def address_the_comment_on_the_redline(hkte: Person, mou_id: str) -> None:
    await hkte.visit(f"/web/mous/{mou_id}")
    await hkte.press("#what-changed")
    await expect(hkte.page.locator("#compared")).to_contain_text("由版本 2 至版本 3")
    await expect(hkte.page.locator("#flag-2-clause_text")).to_be_visible()  # changed in Chinese only
    await expect(hkte.page.locator("#clause-2 #comment-c1 .comment-text")).to_have_text(ON_THE_REVIEW_CLAUSE)
    await expect(hkte.page.locator("#clause-2 ins")).to_contain_text("兩次")
    await hkte.shot("drafting-07-redline-with-comment-zh")
    await hkte.page.click("#lang-en")
    await hkte.shot("drafting-08-redline-with-comment-en")
    await hkte.press("#do-address-c1")
    await expect(hkte.page.locator("#answer-c1")).to_contain_text("Addressed in version 3")


async def approve_on_the_redline(person: Person, mou_id: str) -> None:
    await person.visit(f"/web/mous/{mou_id}")
    await person.press("#review-on-redline")
    await expect(person.page.locator("#compared")).to_contain_text("3")
    await expect(person.page.locator("#answer-c1")).to_be_visible()
    await person.shot("drafting-09-redline-approve")
    await person.press("#do-approve")
    await expect(person.page.locator("#notice")).to_be_visible()
